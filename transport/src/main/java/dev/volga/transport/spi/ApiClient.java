package dev.volga.transport.spi;

import dev.volga.transport.ClientBuilder;
import dev.volga.transport.ClientStatus;
import dev.volga.transport.Transport;
import dev.volga.transport.Volga;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.spi.Codec;
import dev.volga.transport.ClientBuilder;
import dev.volga.transport.ClientStatus;
import dev.volga.transport.Transport;
import dev.volga.transport.Volga;
import dev.volga.transport.internal.Checks;
import dev.volga.transport.internal.pipeline.Pipeline;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One provider's request pipeline on a {@link Transport}: per call, <b>permit → token → send →
 * decode</b>, a refused token re-logged in and the request replayed once, retries only where they
 * cannot duplicate a write, the whole call within its deadline ({@link ClientBuilder#callTimeout},
 * {@link ClientBuilder#listingCallTimeout}, or {@link Volga#callTimeout} for one call).
 * Provider clients are thin layers over one {@code ApiClient}; it is thread-safe and never blocks.
 *
 * <pre>{@code
 * ApiClient api = ApiClient.builder("endocs")
 *     .baseUrl("https://api.endocs.cloud/api")
 *     .codec(new EndocsCodec())
 *     .authenticator(Authenticator.bearer(Secret.of("token", token)))
 *     .build();
 * }</pre>
 */
public final class ApiClient implements AutoCloseable {

    private final String provider;
    private final String baseUrl;
    private final Pipeline pipeline;

    private ApiClient(Builder b, ClientOptions o) {
        this.provider = b.provider;
        this.baseUrl = Objects.requireNonNull(b.baseUrl, "baseUrl is required").replaceFirst("/$", "");
        this.pipeline = new Pipeline(provider, baseUrl, Objects.requireNonNull(b.codec, "codec is required"),
                b.authenticator, b.refreshSkew, b.scope, o);
    }

    /**
     * @param provider the provider name used in errors and metrics, e.g. {@code "clodo"}
     * @return a builder
     */
    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    /** @return the provider name */
    public String provider() {
        return provider;
    }

    /**
     * What this client remembers of its recent calls and logins, for a health check that sends
     * nothing itself. Cheap: a few field reads.
     *
     * @return a snapshot
     */
    public ClientStatus status() {
        return pipeline.status();
    }

    /** @return the rate limiter this client waits on (shareable with other clients of the same key) */
    public RateLimiter rateLimiter() {
        return pipeline.limiter();
    }

    /**
     * Runs a request through the pipeline.
     *
     * @param request the request
     * @param <T> the response type
     * @return the decoded value (empty for a {@code Void} response); an {@link dev.volga.api.ApiException} otherwise
     */
    public <T> Mono<T> exchange(ApiRequest<T> request) {
        Objects.requireNonNull(request, "request");
        if (request.listPath() != null) {
            @SuppressWarnings("unchecked") // a listing's response type is the list of its elements
            Mono<T> list = (Mono<T>) pipeline.elements((ApiRequest<List<Object>>) request).collectList();
            return list;
        }
        return pipeline.value(request).singleOrEmpty();
    }

    /**
     * Runs a request whose response is a list and emits its elements in order.
     *
     * <p>A listing ({@link ApiRequest.Builder#buildList}) whose codec streams lists is read element
     * by element as the body arrives, with backpressure, through a bounded amount of memory (the
     * response-size cap does not apply). Permit, login and retries happen as for {@link #exchange},
     * but only until the first element is emitted (the elements of the first 256 KiB are held back
     * until the body goes past that or ends): an error after it ends the {@code Flux}, never
     * emitting an element twice. The response timeout bounds each pause of the body; the whole
     * listing is bounded by {@link ClientBuilder#listingCallTimeout} (or {@link Volga#callTimeout}).
     * Cancelling closes the connection. Any other request is read whole, its list emitted element
     * by element.
     *
     * @param request the request
     * @param <T> the element type
     * @return the elements in order
     */
    public <T> Flux<T> exchangeMany(ApiRequest<? extends List<T>> request) {
        Objects.requireNonNull(request, "request");
        if (request.listPath() != null) {
            return pipeline.elements(request);
        }
        return pipeline.value(request).flatMapIterable(list -> list);
    }

    /**
     * Masks every secret this client knows (tokens, keys) in a text; for provider code that builds
     * messages.
     *
     * @param text any text
     * @return the text with secrets replaced by {@code ***}
     */
    public String redact(String text) {
        return pipeline.redact(text);
    }

    /** Releases the transport if this client created it; a transport given to the builder stays open. */
    @Override
    public void close() {
        pipeline.close();
    }

    @Override
    public String toString() {
        return "ApiClient[" + provider + ", " + baseUrl + "]";
    }

    /** Builds an {@link ApiClient}. Base URL and codec are required; everything else has a default. */
    public static final class Builder extends ClientBuilder<Builder> {
        private final String provider;
        private String baseUrl;
        private Codec codec;
        private Authenticator authenticator = Authenticator.none();
        private Duration refreshSkew = Duration.ofMinutes(1);
        private SharedState.Scope scope;
        private ClientOptions options;

        private Builder(String provider) {
            super(RateLimitSettings.unlimited());
            Objects.requireNonNull(provider, "provider");
            if (provider.isBlank()) {
                throw new IllegalArgumentException("provider must not be blank");
            }
            this.provider = provider;
        }

        /**
         * @param value the base URL, {@code http} or {@code https}, e.g. {@code https://api.clodo.ru}
         * @return this
         */
        public Builder baseUrl(String value) {
            Checks.httpUrl(value, "baseUrl");
            this.baseUrl = value;
            return this;
        }

        /**
         * @param value the provider's codec
         * @return this
         */
        public Builder codec(Codec value) {
            this.codec = Objects.requireNonNull(value, "codec");
            return this;
        }

        /**
         * @param value how requests authenticate (default: none)
         * @return this
         */
        public Builder authenticator(Authenticator value) {
            this.authenticator = Objects.requireNonNull(value, "authenticator");
            return this;
        }

        /**
         * @param value how long before expiry a token is refreshed (not negative; default 1 minute)
         * @return this
         */
        public Builder refreshSkew(Duration value) {
            this.refreshSkew = Checks.notNegative(value, "refreshSkew");
            return this;
        }

        /**
         * Names the credential whose quota and token the {@link #sharedState(SharedState) shared
         * state} keeps; clients of the same scope share them. Provider clients set it from their
         * credentials.
         *
         * @param value the scope; required with a shared state other than {@link SharedState#local()}
         * @return this
         */
        public Builder scope(SharedState.Scope value) {
            Objects.requireNonNull(value, "scope");
            if (!value.provider().equals(provider)) {
                throw new IllegalArgumentException("scope is for provider '" + value.provider() + "', not '" + provider + "'");
            }
            this.scope = value;
            return this;
        }

        /**
         * Hands a provider builder's options ({@link ClientBuilder}'s transport, timeouts, limiter,
         * retry, scheduler, shared state, observations) to this pipeline at once; they replace
         * whatever of those was set on this builder.
         *
         * @param value the options, e.g. {@code options()} inside a provider's builder
         * @return this
         */
        public Builder options(ClientOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** @return the client */
        public ApiClient build() {
            return new ApiClient(this, options != null ? options : options());
        }
    }
}
