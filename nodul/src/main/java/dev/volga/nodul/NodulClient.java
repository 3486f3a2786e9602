package dev.volga.nodul;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.api.spi.Arguments;
import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.internal.NodulCodec;
import dev.volga.transport.ClientBuilder;
import dev.volga.transport.ProviderClient;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.Authenticator;
import dev.volga.transport.spi.SharedState;
import tools.jackson.databind.json.JsonMapper;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Client of the Nodul White Label API (Latenode's API under Nodul's host): 16 endpoints in
 * resource groups by noun.
 *
 * <pre>{@code
 * try (NodulClient nodul = NodulClient.builder().token(System.getenv("NODUL_TOKEN")).build()) {
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
public final class NodulClient extends ProviderClient {

    /** Nodul's base URL. */
    public static final String DEFAULT_BASE_URL = "https://api.nodul.ru/latenode/v1/whitelabel";
    /** Latenode's base URL: the same API. */
    public static final String LATENODE_BASE_URL = "https://api.latenode.com/latenode/v1/whitelabel";

    private final Quotas quotas;
    private final Plans plans;
    private final Subscriptions subscriptions;
    private final Users users;
    private final Reports reports;
    private final Billing billing;
    private final Spaces spaces;
    private final Scenarios scenarios;

    private NodulClient(Builder b) {
        // the ApiClient builder validates the base URL before a transport exists that could leak;
        // the pipeline creates (and closes) its own transport when none is shared
        super(b.pipeline()
                .baseUrl(b.baseUrl)
                .codec(new NodulCodec(b.mapper))
                .authenticator(Authenticator.queryParameter("AUTH_TOKEN", b.token))
                .build(), b.baseUrl);
        Calls calls = new Calls(api());
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

    /** Builds a {@link NodulClient}; only the token is required. Not thread-safe. */
    public static final class Builder extends ClientBuilder<Builder> {
        private String baseUrl = DEFAULT_BASE_URL;
        private Secret token;
        private UnaryOperator<JsonMapper.Builder> mapper = UnaryOperator.identity();

        private Builder() {
            // Nodul documents no quota: unlimited client-side, a 429 still pauses
            super(RateLimitSettings.unlimited());
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
         * @throws IllegalArgumentException if the token holds a control character (CR, LF, NUL…); the
         *     message does not show the token
         */
        public Builder token(Secret value) {
            Arguments.printable(Objects.requireNonNull(value, "token must not be null").reveal(), "token");
            this.token = value;
            return this;
        }

        /**
         * The token in clear text, wrapped in a {@link Secret} at once: the same credential style as
         * {@code EndocsClient.Builder.token(String)} and {@code ClodoClient.Builder.key(String)}.
         *
         * @param value the White Label API token in clear text
         * @return this
         * @throws NullPointerException if null (for example an unset environment variable)
         * @throws IllegalArgumentException if blank, or if it holds a control character (CR, LF, NUL…)
         */
        public Builder token(String value) {
            return token(Secret.of("token", value));
        }

        /**
         * Customises the Jackson mapper of bodies, applied after Nodul's settings (unknown properties
         * ignored, lenient scalars); changing those breaks decoding.
         *
         * @param value the customisation, e.g. {@code b -> b.addModule(myModule)}
         * @return this
         */
        public Builder mapper(UnaryOperator<JsonMapper.Builder> value) {
            this.mapper = Objects.requireNonNull(value, "mapper");
            return this;
        }

        private ApiClient.Builder pipeline() {
            return ApiClient.builder(NodulCodec.PROVIDER).options(options()).scope(SharedState.Scope.of(NodulCodec.PROVIDER, token));
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
            checkShared();
            return new NodulClient(this);
        }
    }
}
