package dev.volga.clodo;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.api.spi.Arguments;
import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.ClodoAuthenticator;
import dev.volga.clodo.internal.ClodoCodec;
import dev.volga.clodo.internal.SwitchableRateLimiter;
import dev.volga.transport.ClientBuilder;
import dev.volga.transport.ProviderClient;
import dev.volga.transport.Transport;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.RateLimiter;
import dev.volga.transport.spi.SharedState;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The ClodoAPI 1.0 client: logs in with user and key, keeps the 20-minute token fresh (single
 * flight, refreshed ahead of expiry, one re-login and replay on a 401), speaks JSON or XML, and
 * groups the 46 operations by noun.
 *
 * <pre>{@code
 * try (ClodoClient clodo = ClodoClient.builder().user("jdoe").key(apiKey).build()) {
 *     clodo.servers().list().subscribe(s -> System.out.println(s.name() + " " + s.status()));
 * }
 * }</pre>
 *
 * <p>Thread-safe and cheap to share; nothing blocks. Every method checks its arguments before any
 * I/O and signals failures as {@link dev.volga.api.ApiException}s.
 */
public final class ClodoClient extends ProviderClient {

    /** The public auth host. */
    public static final String DEFAULT_AUTH_URL = "https://api.clodo.ru";
    /** The default {@link Builder#format}. */
    public static final Format DEFAULT_FORMAT = Format.JSON;
    /** The default {@link Builder#refreshSkew}: how long before the token's expiry it is renewed. */
    public static final Duration DEFAULT_REFRESH_SKEW = Duration.ofMinutes(1);

    private final Builder settings;
    private final Wiring wiring;
    private final Calls calls;
    private final Map<String, Calls> hosts = new ConcurrentHashMap<>();

    private ClodoClient(Builder b, Wiring w) {
        super(w.pipeline(b.authUrl), b.authUrl + ", user=" + b.user + ", " + b.format);
        this.settings = b;
        this.wiring = w;
        this.calls = new Calls(api(), w.codec);
    }

    /** What every pipeline of one client shares: codec, clock, limiter and transport. */
    private static final class Wiring {
        private final Builder settings;
        private final ClodoCodec codec;
        private final Scheduler scheduler;
        /** The client's own limiter, whose limits {@link Limits#load()} can replace; null with a shared limiter. */
        private final SwitchableRateLimiter ownLimiter;
        private final RateLimiter limiter;
        private final boolean ownsTransport;
        private final Transport transport;

        private Wiring(Builder b) {
            this.settings = b;
            this.codec = new ClodoCodec(b.format == Format.XML ? ClodoCodec.Wire.XML : ClodoCodec.Wire.JSON, b.mapperCustomizer);
            this.scheduler = b.clock();
            this.ownLimiter = b.shared() == null ? new SwitchableRateLimiter(b.limits(),
                    limits -> b.state().rateLimiter(b.scope(), limits, scheduler)) : null;
            this.limiter = ownLimiter != null ? ownLimiter : b.shared();
            this.ownsTransport = b.ownsTransport();
            this.transport = b.transportToUse();
        }

        private ApiClient pipeline(String authUrl) {
            return settings.pipeline(transport, limiter)
                    .baseUrl(authUrl)
                    .codec(codec)
                    .authenticator(new ClodoAuthenticator(authUrl, settings.user, settings.key, codec, scheduler,
                            settings.refreshSkew, new ClodoAuthenticator.ManagementUrlPolicy(settings.trustedManagementHosts,
                                    settings.allowInsecureManagementUrl), settings.retrySettings()))
                    .refreshSkew(settings.refreshSkew)
                    .build();
        }
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The per-verb limits Clodo documents by default (spec §1.5): POST 10/min, POST {@code /servers}
     * (server creation, URI {@code *&#47;servers}) 50/day, PUT 10/min, DELETE 60/min, GET 60/min.
     *
     * @return the settings
     */
    public static RateLimitSettings defaultRateLimits() {
        return RateLimitSettings.of(
                RateLimit.of(10, Duration.ofMinutes(1)).methods("POST").named("POST *"),
                RateLimit.of(50, Duration.ofDays(1)).methods("POST").path("/servers").named("POST */servers"),
                RateLimit.of(10, Duration.ofMinutes(1)).methods("PUT").named("PUT *"),
                RateLimit.of(60, Duration.ofMinutes(1)).methods("DELETE").named("DELETE *"),
                RateLimit.of(60, Duration.ofMinutes(1)).methods("GET").named("GET *"));
    }

    /** @return the rate limits ({@code GET /limits}) and the client-side limits in force */
    public Limits limits() {
        return new Limits(calls, wiring.ownLimiter);
    }

    /** @return servers: list, details, create, modify, delete, type, actions, stats, log, await */
    public Servers servers() {
        return new Servers(calls, this, settings.pollInterval, wiring.scheduler);
    }

    /** @return backups of servers */
    public Backups backups() {
        return new Backups(calls, settings.pollInterval, wiring.scheduler);
    }

    /** @return IP addresses of servers */
    public Ips ips() {
        return new Ips(calls);
    }

    /** @return DNS zones, records and reverse records */
    public Dns dns() {
        return new Dns(calls);
    }

    /** @return helpdesk tickets */
    public Helpdesk helpdesk() {
        return new Helpdesk(calls);
    }

    /** @return the account profile */
    public Users user() {
        return new Users(calls);
    }

    /** @return Cloud Storage stores (management only) */
    public Storages storages() {
        return new Storages(calls);
    }

    /** @return asynchronous request status */
    public Requests requests() {
        return new Requests(calls, settings.pollInterval, wiring.scheduler);
    }

    /** @return balance and account operations */
    public Billing billing() {
        return new Billing(calls);
    }

    /** @return OS images and install presets */
    public Images images() {
        return new Images(calls);
    }

    /**
     * The calls for a datacenter's API host (server creation must go there): a pipeline that logs in
     * against that host with the same user and key, and shares this client's transport and limits.
     *
     * @param apiHost a host such as {@code api.kh.clodo.ru} (the auth URL's scheme is used) or a full URL
     * @return the calls
     */
    Calls forHost(String apiHost) {
        Objects.requireNonNull(apiHost, "apiHost");
        if (apiHost.isBlank()) {
            throw new IllegalArgumentException("apiHost must not be blank");
        }
        Arguments.printable(apiHost, "apiHost");
        String url = apiHost.contains("://") ? apiHost : URI.create(settings.authUrl).getScheme() + "://" + apiHost;
        if (stripSlash(url).equals(stripSlash(settings.authUrl))) {
            return calls;
        }
        return hosts.computeIfAbsent(stripSlash(url), u -> new Calls(wiring.pipeline(u), wiring.codec));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /**
     * Closes this client's pipelines, and the transport if this client created it.
     */
    @Override
    public void close() {
        super.close();
        hosts.values().forEach(c -> c.api().close());
        if (wiring.ownsTransport) {
            wiring.transport.close();
        }
    }

    /** Builds a {@link ClodoClient}; user and key are required. */
    public static final class Builder extends ClientBuilder<Builder> {
        private String authUrl = DEFAULT_AUTH_URL;
        private String user;
        private Secret key;
        private Format format = DEFAULT_FORMAT;
        private Duration refreshSkew = DEFAULT_REFRESH_SKEW;
        private Duration pollInterval = Duration.ofSeconds(2);
        private UnaryOperator<JsonMapper.Builder> mapperCustomizer;
        private java.util.Set<String> trustedManagementHosts = java.util.Set.of();
        private boolean allowInsecureManagementUrl;

        private Builder() {
            super(defaultRateLimits());
        }

        /**
         * @param value the auth host URL (default {@code https://api.clodo.ru}): absolute http(s), without
         *     user info, query or fragment
         * @return this
         */
        public Builder authUrl(String value) {
            Objects.requireNonNull(value, "authUrl");
            Arguments.printable(value, "authUrl");
            URI uri;
            try {
                uri = new URI(value);
            } catch (java.net.URISyntaxException e) {
                throw new IllegalArgumentException("authUrl is not a valid URL");
            }
            if (uri.getRawUserInfo() != null) {
                // the user info may hold a password: not echoed
                throw new IllegalArgumentException("authUrl must not carry user info; give the user and key to user() and key()");
            }
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null
                    || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("authUrl must be an absolute http(s) URL without query or fragment, was '" + value + "'");
            }
            this.authUrl = value;
            return this;
        }

        /**
         * Where else the login answer's management URL may point. By default it must have the auth
         * URL's own scheme, host and port (Clodo answers {@code https://api.clodo.ru/v1} to a login at
         * {@code https://api.clodo.ru}); any other is refused with an
         * {@link dev.volga.api.AuthenticationException}, so a forged login answer cannot send the token
         * elsewhere. There is no domain rule: a sibling host must be named here.
         *
         * @param hosts {@code host} or {@code host:port} entries, e.g. {@code "api.example.net"} (the
         *     scheme's default port) or {@code "api.example.net:8443"}; replace earlier ones
         * @return this
         * @throws IllegalArgumentException if an entry is blank or not a bare {@code host[:port]}
         */
        public Builder trustedManagementHosts(String... hosts) {
            Objects.requireNonNull(hosts, "hosts");
            java.util.Set<String> set = new java.util.HashSet<>();
            for (String h : hosts) {
                if (Objects.requireNonNull(h, "hosts[]").isBlank()) {
                    throw new IllegalArgumentException("hosts must not contain a blank host");
                }
                Arguments.printable(h, "hosts[]");
                URI u;
                try {
                    u = new URI("//" + h.trim());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalArgumentException("hosts[] must be host or host:port, was '" + h.trim() + "'");
                }
                if (u.getHost() == null || u.getRawUserInfo() != null || !u.getRawPath().isEmpty() || u.getRawQuery() != null
                        || u.getRawFragment() != null || u.getPort() > 65535 || u.getPort() == 0) {
                    throw new IllegalArgumentException("hosts[] must be host or host:port, was '" + h.trim() + "'");
                }
                String host = u.getHost().toLowerCase(java.util.Locale.ROOT);
                set.add(u.getPort() < 0 ? host : ClodoAuthenticator.ManagementUrlPolicy.hostPort(host, u.getPort()));
            }
            this.trustedManagementHosts = java.util.Set.copyOf(set);
            return this;
        }

        /**
         * Whether a plain-{@code http} management URL on a {@link #trustedManagementHosts trusted host}
         * is accepted. By default it must be {@code https}; a management URL with the auth URL's own
         * scheme, host and port needs no such leave (a local test server such as the testkit's stub).
         *
         * @param value true to accept http management URLs (default false)
         * @return this
         */
        public Builder allowInsecureManagementUrl(boolean value) {
            this.allowInsecureManagementUrl = value;
            return this;
        }

        /**
         * @param value the login ({@code X-Auth-User})
         * @return this
         * @throws IllegalArgumentException if blank or holding a control character (CR, LF, NUL…)
         */
        public Builder user(String value) {
            if (Objects.requireNonNull(value, "user").isBlank()) {
                throw new IllegalArgumentException("user must not be blank");
            }
            Arguments.printable(value, "user");
            this.user = value;
            return this;
        }

        /**
         * @param value the API key ({@code X-Auth-Key})
         * @return this
         * @throws IllegalArgumentException if it holds a control character (CR, LF, NUL…); the message
         *     does not show the key
         */
        public Builder key(Secret value) {
            Arguments.printable(Objects.requireNonNull(value, "key").reveal(), "key");
            this.key = value;
            return this;
        }

        /**
         * The API key in clear text, wrapped in a {@link Secret} at once: the same credential style as
         * {@code NodulClient.Builder.token(String)} and {@code EndocsClient.Builder.token(String)}.
         *
         * @param value the API key ({@code X-Auth-Key})
         * @return this
         * @throws NullPointerException if null (for example an unset environment variable)
         * @throws IllegalArgumentException if blank, or if it holds a control character (CR, LF, NUL…)
         */
        public Builder key(String value) {
            return key(Secret.of("key", value));
        }

        /**
         * @param value JSON (default) or XML
         * @return this
         */
        public Builder format(Format value) {
            this.format = Objects.requireNonNull(value, "format");
            return this;
        }

        /**
         * @param value how long before expiry the token is renewed (default 1 minute)
         * @return this
         */
        public Builder refreshSkew(Duration value) {
            Objects.requireNonNull(value, "refreshSkew");
            if (value.isNegative() || value.compareTo(ClodoAuthenticator.DEFAULT_LIFETIME) >= 0) {
                throw new IllegalArgumentException("refreshSkew must be within 0..20 minutes, was " + value);
            }
            this.refreshSkew = value;
            return this;
        }

        /**
         * @param value first interval of the await methods' polling (doubles up to 30 s; default 2 s)
         * @return this
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = positive(value, "pollInterval");
            return this;
        }

        /**
         * @param value a last say over the JSON mapper that reads the records
         * @return this
         */
        public Builder mapper(UnaryOperator<JsonMapper.Builder> value) {
            this.mapperCustomizer = Objects.requireNonNull(value, "mapper");
            return this;
        }

        /**
         * Every pipeline of the client (auth host, datacenter hosts) shares these options; the
         * client itself gives each one its transport and limiter.
         */
        private ApiClient.Builder pipeline(Transport transport, RateLimiter limiter) {
            return ApiClient.builder("clodo").options(options().withTransport(transport).withRateLimiter(limiter)).scope(scope());
        }

        private Scheduler clock() {
            return scheduler();
        }

        private SharedState state() {
            return sharedState();
        }

        private RetrySettings retrySettings() {
            return retry();
        }

        private SharedState.Scope scope() {
            return SharedState.Scope.of("clodo", Secret.of("user", user), key);
        }

        private RateLimiter shared() {
            return sharedRateLimiter();
        }

        private RateLimitSettings limits() {
            return rateLimits();
        }

        private boolean ownsTransport() {
            return sharedTransport() == null;
        }

        private Transport transportToUse() {
            return sharedTransport() != null ? sharedTransport() : newOwnTransport();
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }

        /**
         * @return the client
         * @throws dev.volga.api.IncompatibleDependencyException if the Jackson on the class path is
         *     older than the client runs on (3.1), naming the version it needs
         */
        public ClodoClient build() {
            if (user == null) {
                throw new IllegalStateException("user is required");
            }
            if (key == null) {
                throw new IllegalStateException("key is required");
            }
            checkShared();
            return new ClodoClient(this, new Wiring(this));
        }
    }
}
