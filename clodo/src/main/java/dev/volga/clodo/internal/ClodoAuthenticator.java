package dev.volga.clodo.internal;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Clodo's login: {@code GET /} on the auth host with {@code X-Auth-User} and {@code X-Auth-Key};
 * a 204 (or 200) carries {@code X-Auth-Token} and {@code X-Server-Management-Url}, later calls
 * send {@code X-Auth-Token} to the management URL. The token lives 20 minutes unless the answer
 * says otherwise ({@code X-Auth-Token-Issued}/{@code -Expired}: their difference is the lifetime,
 * measured on the client's own clock so that clock skew does not matter).
 */
public final class ClodoAuthenticator implements Authenticator {

    /** How long a token lives when the login answer does not say. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(20);

    private static final DateTimeFormatter CLODO_OFFSET = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSS]XX");

    private final String authUrl;
    private final String user;
    private final Secret key;
    private final ClodoCodec codec;
    private final Scheduler clock;
    private final Duration refreshSkew;
    private final ManagementUrlPolicy policy;
    private final RetrySettings retry;

    /**
     * Which management URLs a login answer may send the client to. The token goes to that URL with
     * every call, so a forged or misconfigured answer must not be able to send it elsewhere.
     *
     * <p>A management URL is accepted when it is an absolute http(s) URL without user info, query,
     * fragment or dot segments in its path, and
     * <ul>
     *   <li>its scheme, host and port are those of the auth URL (Clodo's own answer,
     *       {@code https://api.clodo.ru/v1} for {@code https://api.clodo.ru}); or</li>
     *   <li>its {@code host:port} is one of {@code trustedHosts} (an entry without a port stands for
     *       the scheme's default port), and it is {@code https} or {@code allowInsecure} is set.</li>
     * </ul>
     * No domain rule: a sibling host such as {@code api.kh.clodo.ru} must be trusted by name, since
     * "the last two labels" is wrong under public suffixes ({@code co.uk}) and a public-suffix list
     * would be one more thing to keep current.
     *
     * @param trustedHosts further {@code host} or {@code host:port} entries (lower case) the management
     *     URL may point to
     * @param allowInsecure whether a plain-{@code http} management URL on a trusted host is accepted
     */
    public record ManagementUrlPolicy(java.util.Set<String> trustedHosts, boolean allowInsecure) {
        /** The default: the auth URL's own scheme, host and port only. */
        public static final ManagementUrlPolicy DEFAULT = new ManagementUrlPolicy(java.util.Set.of(), false);

        /** Copies the hosts. */
        public ManagementUrlPolicy {
            trustedHosts = java.util.Set.copyOf(trustedHosts);
        }

        /**
         * @param authUrl the auth URL the login went to
         * @param managementUrl the management URL of the answer
         * @return why it is refused, or null when it is accepted
         */
        public String refusal(String authUrl, String managementUrl) {
            java.net.URI auth = java.net.URI.create(authUrl);
            java.net.URI mgmt;
            try {
                mgmt = new java.net.URI(managementUrl);
            } catch (java.net.URISyntaxException e) {
                return "is not a valid URL";
            }
            String scheme = mgmt.getScheme() == null ? "" : mgmt.getScheme().toLowerCase(java.util.Locale.ROOT);
            String host = mgmt.getHost() == null ? null : mgmt.getHost().toLowerCase(java.util.Locale.ROOT);
            if (host == null || !(scheme.equals("http") || scheme.equals("https"))) {
                return "is not an absolute http(s) URL";
            }
            int port = port(mgmt, scheme);
            String authScheme = auth.getScheme().toLowerCase(java.util.Locale.ROOT);
            String authHost = auth.getHost().toLowerCase(java.util.Locale.ROOT);
            int authPort = port(auth, authScheme);
            boolean sameOrigin = scheme.equals(authScheme) && host.equals(authHost) && port == authPort;
            boolean trusted = sameOrigin || trustedHosts.contains(hostPort(host, port))
                    || port == defaultPort(scheme) && trustedHosts.contains(host);
            if (!trusted) {
                return "points to " + scheme + "://" + hostPort(host, port) + ", not the auth URL's " + authScheme + "://"
                        + hostPort(authHost, authPort) + " (trust a host:port with ClodoClient.Builder.trustedManagementHosts)";
            }
            if (mgmt.getRawUserInfo() != null) {
                return "carries user info";
            }
            if (mgmt.getRawQuery() != null) {
                return "has a query, which would swallow every API path";
            }
            if (mgmt.getRawFragment() != null) {
                return "has a fragment, which would swallow every API path";
            }
            String path = mgmt.getRawPath() == null ? "" : mgmt.getRawPath();
            for (String piece : path.split("/", -1)) {
                String p = piece.replace("%2E", ".").replace("%2e", ".");
                if (p.equals(".") || p.equals("..")) {
                    return "has a dot segment in its path";
                }
            }
            if (scheme.equals("http") && !sameOrigin && !allowInsecure) {
                return "is plain http (allow it with ClodoClient.Builder.allowInsecureManagementUrl(true))";
            }
            return null;
        }

        /**
         * @param host a lower-case host name or IP literal
         * @param port a port
         * @return {@code host:port}, an IPv6 literal in brackets
         */
        public static String hostPort(String host, int port) {
            boolean v6 = host.contains(":") && !host.startsWith("[");
            return (v6 ? "[" + host + "]" : host) + ":" + port;
        }

        private static int port(java.net.URI u, String scheme) {
            return u.getPort() >= 0 ? u.getPort() : defaultPort(scheme);
        }

        private static int defaultPort(String scheme) {
            return scheme.equals("https") ? 443 : 80;
        }
    }

    /**
     * @param authUrl the auth host URL, e.g. {@code https://api.clodo.ru}
     * @param user the login
     * @param key the API key
     * @param codec reads the error body of a refused login
     * @param clock the client's clock
     * @param refreshSkew how early the transport renews a token (to keep short-lived tokens usable)
     */
    public ClodoAuthenticator(String authUrl, String user, Secret key, ClodoCodec codec, Scheduler clock, Duration refreshSkew) {
        this(authUrl, user, key, codec, clock, refreshSkew, ManagementUrlPolicy.DEFAULT);
    }

    /**
     * @param authUrl the auth host URL, e.g. {@code https://api.clodo.ru}
     * @param user the login
     * @param key the API key
     * @param codec reads the error body of a refused login
     * @param clock the client's clock
     * @param refreshSkew how early the transport renews a token (to keep short-lived tokens usable)
     * @param policy which management URLs the login answer may hand out
     */
    public ClodoAuthenticator(String authUrl, String user, Secret key, ClodoCodec codec, Scheduler clock, Duration refreshSkew,
                              ManagementUrlPolicy policy) {
        this(authUrl, user, key, codec, clock, refreshSkew, policy, RetrySettings.none());
    }

    /**
     * @param authUrl the auth host URL, e.g. {@code https://api.clodo.ru}
     * @param user the login
     * @param key the API key
     * @param codec reads the error body of a refused login
     * @param clock the client's clock
     * @param refreshSkew how early the transport renews a token (to keep short-lived tokens usable)
     * @param policy which management URLs the login answer may hand out
     * @param retry how a login that failed on the way (not refused) is tried again: the client's settings
     */
    public ClodoAuthenticator(String authUrl, String user, Secret key, ClodoCodec codec, Scheduler clock, Duration refreshSkew,
                              ManagementUrlPolicy policy, RetrySettings retry) {
        this.retry = Objects.requireNonNull(retry, "retry");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.authUrl = Objects.requireNonNull(authUrl, "authUrl");
        this.user = Objects.requireNonNull(user, "user");
        this.key = Objects.requireNonNull(key, "key");
        this.codec = Objects.requireNonNull(codec, "codec");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refreshSkew = Objects.requireNonNull(refreshSkew, "refreshSkew");
    }

    @Override
    public Mono<AccessToken> login(LoginContext context) {
        String url = authUrl.endsWith("/") ? authUrl : authUrl + "/";
        ApiRequest<Void> request = ApiRequest.get("/").absoluteUrl(url)
                .header("X-Auth-User", user)
                .header("X-Auth-Key", key)
                .operation("auth.login")
                .build(Void.class);
        return Mono.defer(() -> context.send(request).map(this::token)).retryWhen(Retry.from(failures -> failures.concatMap(f -> {
            Duration wait = retryDelay(f.failure(), f.totalRetries() + 1);
            return wait == null ? Mono.error(f.failure()) : Mono.delay(wait, clock);
        })));
    }

    /**
     * A login is an idempotent GET that nothing else retries (the transport sends it outside the
     * request pipeline, and turns its failure into an {@link AuthenticationException} for every
     * request waiting for the token). So a login that failed on the way, not refused, is tried again
     * by the pipeline's rules for a GET: on a connection failure or timeout, a 429 or a
     * 502/503/504, up to the client's attempts, with its backoff, {@code Retry-After} winning.
     *
     * @param failure why the attempt failed
     * @param attempts attempts made so far
     * @return the wait before the next attempt, or null to give up
     */
    private Duration retryDelay(Throwable failure, long attempts) {
        if (attempts >= retry.maxAttempts()) {
            return null;
        }
        boolean onTheWay = failure instanceof TransportException t && t.kind() != TransportException.Kind.RESPONSE_TOO_LARGE
                || failure instanceof RateLimitedException
                || failure instanceof ServerErrorException s && (s.httpStatus() == 502 || s.httpStatus() == 503 || s.httpStatus() == 504);
        if (!onTheWay) {
            return null;
        }
        Duration backoff = retry.backoffAfter((int) attempts);
        Duration asked = ((ApiException) failure).retryAfter().orElse(Duration.ZERO);
        return asked.compareTo(backoff) > 0 ? asked : backoff;
    }

    private AccessToken token(ApiResponse r) {
        if (r.status() != 204 && r.status() != 200) {
            ApiException cause = codec.error(r);
            if (cause instanceof RateLimitedException || cause instanceof ServerErrorException) {
                // busy or failing, not a refusal: retryDelay decides whether to try again
                Duration asked = r.retryAfter().orElse(null);
                throw asked == null || cause.retryAfter().isPresent() ? cause
                        : ClodoCodec.typed(cause.error().withRetryAfter(asked));
            }
            String why = cause.error().message() + cause.details().map(d -> " (" + d + ")").orElse("");
            throw new AuthenticationException(ApiError.builder("clodo").httpStatus(r.status()).code(cause.error().code())
                    .message("Clodo refused the login of user '" + user + "': " + why).build(), null);
        }
        String token = r.header("X-Auth-Token").filter(s -> !s.isBlank()).orElseThrow(() -> incomplete(r, "X-Auth-Token"));
        String url = r.header("X-Server-Management-Url").filter(s -> !s.isBlank()).orElseThrow(() -> incomplete(r, "X-Server-Management-Url"));
        String refusal = policy.refusal(authUrl, url.trim());
        if (refusal != null) {
            throw new AuthenticationException(ApiError.builder("clodo").httpStatus(r.status())
                    .message("the login answer for user '" + user + "' hands out a management URL ("
                            + origin(url.trim()) + ") that " + refusal + "; the token was not sent there").build(), null);
        }
        Instant now = Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS));
        return new AccessToken(Secret.of("token", token.trim()), usableExpiry(expiry(r, now), now), url.trim());
    }

    /** Scheme, host and port only: a path or query of a hostile answer stays out of messages. */
    private static String origin(String url) {
        try {
            java.net.URI u = new java.net.URI(url);
            if (u.getHost() != null) {
                return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "");
            }
        } catch (java.net.URISyntaxException ignored) {
            // fall through
        }
        return url.length() > 40 ? url.substring(0, 40) + "…" : url;
    }

    private AuthenticationException incomplete(ApiResponse r, String header) {
        return new AuthenticationException(ApiError.builder("clodo").httpStatus(r.status())
                .message("the login answer for user '" + user + "' has no " + header + " header").build(), null);
    }

    static Instant expiry(ApiResponse r, Instant now) {
        Optional<Instant> issued = r.header("X-Auth-Token-Issued").flatMap(ClodoAuthenticator::parse);
        Optional<Instant> expired = r.header("X-Auth-Token-Expired").flatMap(ClodoAuthenticator::parse);
        if (issued.isPresent() && expired.isPresent()) {
            Duration lifetime = Duration.between(issued.get(), expired.get());
            if (!lifetime.isNegative()) {
                return now.plus(lifetime);
            }
        }
        return expired.orElse(now.plus(DEFAULT_LIFETIME));
    }

    /**
     * The expiry the transport is told. A token that lives less than twice the refresh skew (a
     * test server, or a skew set too large) would count as stale at once and cause a login per
     * call; it is renewed at half its life instead.
     */
    private Instant usableExpiry(Instant expiresAt, Instant now) {
        Duration lifetime = Duration.between(now, expiresAt);
        if (lifetime.isNegative() || lifetime.compareTo(refreshSkew.multipliedBy(2)) >= 0) {
            return expiresAt;
        }
        return now.plus(lifetime.dividedBy(2)).plus(refreshSkew);
    }

    static Optional<Instant> parse(String value) {
        String v = value.trim();
        try {
            return Optional.of(OffsetDateTime.parse(v, CLODO_OFFSET).toInstant());
        } catch (DateTimeParseException notClodo) {
            try {
                return Optional.of(OffsetDateTime.parse(v).toInstant());
            } catch (DateTimeParseException notIso) {
                return Optional.empty();
            }
        }
    }

    @Override
    public void apply(AccessToken token, OutgoingRequest request) {
        request.secretHeader("X-Auth-Token", token.value().reveal());
    }

    @Override
    public String toString() {
        return "ClodoAuthenticator[" + authUrl + ", user=" + user + ", key=***]";
    }
}
