package dev.volga.nodul;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.nodul.internal.NodulCodec;
import dev.volga.transport.ApiClient;
import dev.volga.transport.Authenticator;
import dev.volga.transport.RateLimiter;
import dev.volga.transport.Transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Client of the Nodul White Label API (Latenode's API under Nodul's host): 16 endpoints in
 * resource groups by noun.
 *
 * <pre>{@code
 * try (NodulClient nodul = NodulClient.builder().token(Secret.of("token", System.getenv("NODUL_TOKEN"))).build()) {
 *     nodul.plans().list().subscribe(plan -> System.out.println(plan.name()));
 * }
 * }</pre>
 *
 * <p>The token travels as the {@code AUTH_TOKEN} query parameter of every request and is masked as
 * {@code ***} in every log line, exception and {@code toString}. Lists are {@code Flux}es (Nodul
 * returns whole arrays, streamed element by element), single results {@code Mono}s. Failures are
 * {@link dev.volga.api.ApiException}s carrying Nodul's error code ({@code errors[0].code}) and
 * {@code request_id}: {@code success:false} is an error whatever the HTTP status. Arguments are
 * checked before any I/O ({@link NullPointerException}/{@link IllegalArgumentException} naming the
 * parameter). Thread-safe; nothing blocks.
 */
public final class NodulClient implements AutoCloseable {

    /** Nodul's base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.nodul.ru/latenode/v1/whitelabel";
    /** Latenode's base URL: the same API. */
    public static final String LATENODE_BASE_URL = "https://api.latenode.com/latenode/v1/whitelabel";

    private final ApiClient api;
    private final Transport ownedTransport;
    private final String baseUrl;
    private final Quotas quotas;
    private final Plans plans;
    private final Subscriptions subscriptions;
    private final Users users;
    private final Reports reports;
    private final Billing billing;
    private final Spaces spaces;
    private final Scenarios scenarios;

    private NodulClient(Builder b) {
        this.baseUrl = b.baseUrl;
        // the ApiClient builder validates the base URL before a transport exists that could leak
        ApiClient.Builder ab = ApiClient.builder(NodulCodec.PROVIDER)
                .baseUrl(b.baseUrl)
                .codec(new NodulCodec())
                .authenticator(Authenticator.queryParameter("AUTH_TOKEN", b.token));
        if (b.rateLimiter != null) {
            ab.rateLimiter(b.rateLimiter);
        }
        if (b.rateLimits != null) {
            ab.rateLimits(b.rateLimits);
        }
        if (b.retry != null) {
            ab.retry(b.retry);
        }
        Transport transport = b.transport;
        if (transport == null) {
            Transport.Builder tb = Transport.builder();
            if (b.connectTimeout != null) {
                tb.connectTimeout(b.connectTimeout);
            }
            if (b.responseTimeout != null) {
                tb.responseTimeout(b.responseTimeout);
            }
            transport = tb.build();
            this.ownedTransport = transport;
        } else {
            this.ownedTransport = null;
        }
        ab.transport(transport);
        this.api = ab.build();
        // with a shared transport the response timeout is applied per request
        Calls calls = new Calls(api, b.transport != null ? b.responseTimeout : null);
        this.quotas = new Quotas(calls);
        this.plans = new Plans(calls);
        this.subscriptions = new Subscriptions(calls);
        this.users = new Users(calls);
        this.reports = new Reports(calls);
        this.billing = new Billing(calls);
        this.spaces = new Spaces(calls);
        this.scenarios = new Scenarios(calls);
    }

    /** @return a builder; the token is required */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the organisation's quota limits */
    public Quotas quotas() {
        return quotas;
    }

    /** @return tariff plans */
    public Plans plans() {
        return plans;
    }

    /** @return subscriptions (plans assigned to users) */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** @return users */
    public Users users() {
        return users;
    }

    /** @return reports */
    public Reports reports() {
        return reports;
    }

    /** @return billing */
    public Billing billing() {
        return billing;
    }

    /** @return spaces */
    public Spaces spaces() {
        return spaces;
    }

    /** @return scenarios and executions */
    public Scenarios scenarios() {
        return scenarios;
    }

    /** @return the rate limiter this client waits on, to share with another client of the same token */
    public RateLimiter rateLimiter() {
        return api.rateLimiter();
    }

    /** Releases the transport this client created; a transport given to the builder stays open. Idempotent. */
    @Override
    public void close() {
        api.close();
        if (ownedTransport != null) {
            ownedTransport.close();
        }
    }

    @Override
    public String toString() {
        return "NodulClient[" + baseUrl + "]";
    }

    /** Builds a {@link NodulClient}; only the token is required. Not thread-safe. */
    public static final class Builder {
        private String baseUrl = DEFAULT_BASE_URL;
        private Secret token;
        private Transport transport;
        private Duration connectTimeout;
        private Duration responseTimeout;
        private RateLimiter rateLimiter;
        private RateLimitSettings rateLimits;
        private RetrySettings retry;

        private Builder() {
        }

        /**
         * @param value the API's base URL including {@code /latenode/v1/whitelabel} (default
         *     {@link #DEFAULT_BASE_URL}; {@link #LATENODE_BASE_URL} works the same)
         * @return this
         */
        public Builder baseUrl(String value) {
            this.baseUrl = Objects.requireNonNull(value, "baseUrl must not be null");
            return this;
        }

        /**
         * @param value the White Label API token (Access Tokens in the admin UI)
         * @return this
         */
        public Builder token(Secret value) {
            this.token = Objects.requireNonNull(value, "token must not be null");
            return this;
        }

        /**
         * @param value the White Label API token in clear text; wrapped in a {@link Secret} at once
         * @return this
         * @throws IllegalArgumentException if blank
         */
        public Builder token(String value) {
            this.token = Secret.of("token", value);
            return this;
        }

        /**
         * Shares a transport (connection pool, event loops) with other clients; it is not closed by
         * {@link NodulClient#close()}. Without one the client creates its own.
         *
         * @param value the transport
         * @return this
         */
        public Builder transport(Transport value) {
            this.transport = Objects.requireNonNull(value, "transport must not be null");
            return this;
        }

        /**
         * @param value the TCP connect timeout of the client's own transport (default 10 s); not
         *     allowed with a shared {@link #transport}, whose own setting applies
         * @return this
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /**
         * @param value the longest wait for a whole response (default 30 s); with a shared transport
         *     it is applied to each request of this client
         * @return this
         */
        public Builder responseTimeout(Duration value) {
            this.responseTimeout = positive(value, "responseTimeout");
            return this;
        }

        /**
         * @param value a limiter shared with other clients of the same token
         * @return this
         */
        public Builder rateLimiter(RateLimiter value) {
            this.rateLimiter = Objects.requireNonNull(value, "rateLimiter must not be null");
            return this;
        }

        /**
         * @param value client-side limits of the client's own limiter (Nodul documents none; default
         *     unlimited, a 429 still pauses); ignored with {@link #rateLimiter}
         * @return this
         */
        public Builder rateLimits(RateLimitSettings value) {
            this.rateLimits = Objects.requireNonNull(value, "rateLimits must not be null");
            return this;
        }

        /**
         * @param value retry settings (default {@link RetrySettings#defaults()}); only reads are
         *     retried on 502/503/504 and lost connections, any call on 429
         * @return this
         */
        public Builder retry(RetrySettings value) {
            this.retry = Objects.requireNonNull(value, "retry must not be null");
            return this;
        }

        /**
         * @return the client
         * @throws IllegalStateException if no token was given, or a connect timeout with a shared transport
         * @throws IllegalArgumentException if the base URL is not an absolute http(s) URL
         */
        public NodulClient build() {
            if (token == null) {
                throw new IllegalStateException("token is required");
            }
            if (transport != null && connectTimeout != null) {
                throw new IllegalStateException("connectTimeout applies to the client's own transport only; "
                        + "set it on the shared transport instead");
            }
            return new NodulClient(this);
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name + " must not be null");
            if (value.isZero() || value.isNegative()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }
    }
}
