package dev.volga.clodo;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.ClodoAuthenticator;
import dev.volga.clodo.internal.ClodoCodec;
import dev.volga.clodo.internal.SwitchableRateLimiter;
import dev.volga.transport.ApiClient;
import dev.volga.transport.Transport;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
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
 * try (ClodoClient clodo = ClodoClient.builder().user("jdoe").key(Secret.of("key", apiKey)).build()) {
 *     clodo.servers().list().subscribe(s -> System.out.println(s.name() + " " + s.status()));
 * }
 * }</pre>
 *
 * <p>Thread-safe and cheap to share; nothing blocks. Every method checks its arguments before any
 * I/O and signals failures as {@link dev.volga.api.ApiException}s.
 */
public final class ClodoClient implements AutoCloseable {

    /** The public auth host. */
    public static final String DEFAULT_AUTH_URL = "https://api.clodo.ru";

    private final Builder settings;
    private final ClodoCodec codec;
    private final Transport transport;
    private final boolean ownsTransport;
    private final SwitchableRateLimiter limiter;
    private final Calls calls;
    private final Map<String, Calls> hosts = new ConcurrentHashMap<>();

    private ClodoClient(Builder b) {
        this.settings = b;
        this.codec = new ClodoCodec(b.format == Format.XML ? ClodoCodec.Wire.XML : ClodoCodec.Wire.JSON, b.mapperCustomizer);
        this.ownsTransport = b.transport == null;
        this.transport = b.transport != null ? b.transport
                : Transport.builder().connectTimeout(b.connectTimeout).responseTimeout(b.responseTimeout).build();
        this.limiter = new SwitchableRateLimiter("clodo", b.rateLimits, b.scheduler);
        this.calls = new Calls(pipeline(b.authUrl), codec);
    }

    private ApiClient pipeline(String authUrl) {
        return ApiClient.builder("clodo")
                .baseUrl(authUrl)
                .codec(codec)
                .transport(transport)
                .authenticator(new ClodoAuthenticator(authUrl, settings.user, settings.key, codec, settings.scheduler, settings.refreshSkew))
                .refreshSkew(settings.refreshSkew)
                .rateLimiter(limiter)
                .retry(settings.retry)
                .scheduler(settings.scheduler)
                .build();
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
        return new Limits(calls, limiter);
    }

    /** @return the limiter every call of this client (and its datacenter pipelines) waits on; for tests */
    dev.volga.transport.RateLimiter rateLimiter() {
        return limiter;
    }

    /** @return servers: list, details, create, modify, delete, type, actions, stats, log, await */
    public Servers servers() {
        return new Servers(calls, this, settings.pollInterval, settings.scheduler);
    }

    /** @return backups of servers */
    public Backups backups() {
        return new Backups(calls, settings.pollInterval, settings.scheduler);
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
        return new Requests(calls, settings.pollInterval, settings.scheduler);
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
        String url = apiHost.contains("://") ? apiHost : URI.create(settings.authUrl).getScheme() + "://" + apiHost;
        if (stripSlash(url).equals(stripSlash(settings.authUrl))) {
            return calls;
        }
        return hosts.computeIfAbsent(stripSlash(url), u -> new Calls(pipeline(u), codec));
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** Closes the transport if this client created it. */
    @Override
    public void close() {
        calls.api().close();
        hosts.values().forEach(c -> c.api().close());
        if (ownsTransport) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "ClodoClient[" + settings.authUrl + ", user=" + settings.user + ", " + settings.format + "]";
    }

    /** Builds a {@link ClodoClient}; user and key are required. */
    public static final class Builder {
        private String authUrl = DEFAULT_AUTH_URL;
        private String user;
        private Secret key;
        private Format format = Format.JSON;
        private Duration connectTimeout = Transport.DEFAULT_CONNECT_TIMEOUT;
        private Duration responseTimeout = Transport.DEFAULT_RESPONSE_TIMEOUT;
        private Duration refreshSkew = Duration.ofMinutes(1);
        private Duration pollInterval = Duration.ofSeconds(2);
        private Transport transport;
        private RateLimitSettings rateLimits = defaultRateLimits();
        private RetrySettings retry = RetrySettings.defaults();
        private Scheduler scheduler = Schedulers.parallel();
        private UnaryOperator<JsonMapper.Builder> mapperCustomizer;

        private Builder() {
        }

        /**
         * @param value the auth host URL (default {@code https://api.clodo.ru})
         * @return this
         */
        public Builder authUrl(String value) {
            Objects.requireNonNull(value, "authUrl");
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https")) || uri.getHost() == null) {
                throw new IllegalArgumentException("authUrl must be an absolute http(s) URL, was '" + value + "'");
            }
            this.authUrl = value;
            return this;
        }

        /**
         * @param value the login ({@code X-Auth-User})
         * @return this
         */
        public Builder user(String value) {
            if (Objects.requireNonNull(value, "user").isBlank()) {
                throw new IllegalArgumentException("user must not be blank");
            }
            this.user = value;
            return this;
        }

        /**
         * @param value the API key ({@code X-Auth-Key})
         * @return this
         */
        public Builder key(Secret value) {
            this.key = Objects.requireNonNull(value, "key");
            return this;
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
         * Timeouts of the transport this client creates (ignored when a transport is given).
         *
         * @param connect connect timeout
         * @param response response timeout
         * @return this
         */
        public Builder timeouts(Duration connect, Duration response) {
            this.connectTimeout = positive(connect, "connect timeout");
            this.responseTimeout = positive(response, "response timeout");
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
         * @param value a transport shared with other clients (not closed by this one)
         * @return this
         */
        public Builder transport(Transport value) {
            this.transport = Objects.requireNonNull(value, "transport");
            return this;
        }

        /**
         * @param value client-side limits (default {@link #defaultRateLimits()})
         * @return this
         */
        public Builder rateLimits(RateLimitSettings value) {
            this.rateLimits = Objects.requireNonNull(value, "rateLimits");
            return this;
        }

        /**
         * @param value retry settings
         * @return this
         */
        public Builder retry(RetrySettings value) {
            this.retry = Objects.requireNonNull(value, "retry");
            return this;
        }

        /**
         * @param value clock and timers (tests: a virtual-time scheduler)
         * @return this
         */
        public Builder scheduler(Scheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
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

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive, was " + d);
            }
            return d;
        }

        /** @return the client */
        public ClodoClient build() {
            if (user == null) {
                throw new IllegalStateException("user is required");
            }
            if (key == null) {
                throw new IllegalStateException("key is required");
            }
            return new ClodoClient(this);
        }
    }
}
