package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ClientOptions;
import dev.volga.transport.spi.RateLimiter;
import dev.volga.transport.spi.SharedState;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.transport.internal.Checks;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.Objects;

/**
 * The options every Volga client builder shares, with the same names and meaning for Nodul, EnDocs,
 * Clodo and the bare {@link ApiClient}: the transport, its timeouts (the whole call's deadline
 * among them), rate limiting, retries, the scheduler and observations. Provider builders extend it and add their own (base URL, credentials, format…).
 *
 * <ul>
 *   <li>Without {@link #transport(Transport)} the client creates its own transport with
 *       {@link #connectTimeout} and {@link #responseTimeout}, and closes it with itself.</li>
 *   <li>With a shared transport, {@link #responseTimeout} still applies to every request of this
 *       client; {@link #connectTimeout} cannot (it belongs to the transport) and is refused at
 *       build time.</li>
 *   <li>{@link #rateLimiter(RateLimiter)} shares a limiter between clients of the same credential;
 *       otherwise the client gets one with {@link #rateLimits} (each provider has its default) from
 *       its {@link #sharedState(SharedState) shared state}.</li>
 *   <li>{@link #sharedState(SharedState)} decides where the quota, the server's pause and the login
 *       token live: in this client's memory (the default) or in a store that every instance of a
 *       service shares (fleet mode, module {@code dev.volga.redis}).</li>
 * </ul>
 *
 * @param <B> the concrete builder
 */
public abstract class ClientBuilder<B extends ClientBuilder<B>> {

    /**
     * Default {@link #callTimeout(Duration)}: 3 minutes, room for the default retries (3 attempts
     * of up to {@link Transport#DEFAULT_RESPONSE_TIMEOUT} each, with their backoff), a login and a
     * permit wait, while no call can hang on for ever.
     */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofMinutes(3);

    /**
     * Default {@link #listingCallTimeout(Duration)}: 30 minutes, since a listing streams a body of
     * any length (a million elements read at the speed of a slow subscriber).
     */
    public static final Duration DEFAULT_LISTING_CALL_TIMEOUT = Duration.ofMinutes(30);

    private Transport transport;
    private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
    private Duration listingCallTimeout = DEFAULT_LISTING_CALL_TIMEOUT;
    private Duration connectTimeout;
    private Duration responseTimeout;
    private RateLimiter rateLimiter;
    private RateLimitSettings rateLimits;
    private RetrySettings retry = RetrySettings.defaults();
    private Scheduler scheduler = Schedulers.parallel();
    private SharedState sharedState = SharedState.local();
    private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

    /**
     * @param defaultRateLimits the provider's default client-side limits
     */
    protected ClientBuilder(RateLimitSettings defaultRateLimits) {
        this.rateLimits = Objects.requireNonNull(defaultRateLimits, "defaultRateLimits");
    }

    /** @return this builder as its concrete type */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /**
     * Shares a transport (connection pool, event loops) with other clients; it is not closed with
     * this client.
     *
     * @param value the transport
     * @return this
     */
    public B transport(Transport value) {
        this.transport = Objects.requireNonNull(value, "transport");
        return self();
    }

    /**
     * @param value the TCP connect timeout of the client's own transport (default
     *              {@link Transport#DEFAULT_CONNECT_TIMEOUT}); not allowed with a shared transport
     * @return this
     */
    public B connectTimeout(Duration value) {
        this.connectTimeout = Checks.positive(value, "connectTimeout");
        return self();
    }

    /**
     * @param value the longest wait from sending a request to having its whole response (default
     *              {@link Transport#DEFAULT_RESPONSE_TIMEOUT}); with a shared transport it applies to
     *              each request of this client
     * @return this
     */
    public B responseTimeout(Duration value) {
        this.responseTimeout = Checks.positive(value, "responseTimeout");
        return self();
    }

    /**
     * The deadline of a whole call (OkHttp's {@code callTimeout}, the AWS SDK's
     * {@code apiCallTimeout}): from subscription to its value, it bounds the wait for a rate-limit
     * permit, the login, every attempt and retry with their backoff, and the reading of the whole
     * body. Past it the call is cancelled (its connection closed, its queued permit given back)
     * and ends with a {@link dev.volga.api.TransportException} of kind {@code TIMEOUT} whose
     * message says {@code call timeout}, unlike a {@link #responseTimeout(Duration) response
     * timeout}, which bounds one attempt's wait for data. Listings have their own,
     * {@link #listingCallTimeout(Duration)}; one call can override either with
     * {@link Volga#callTimeout(Duration)} in its Reactor context.
     *
     * @param value the deadline (default {@link #DEFAULT_CALL_TIMEOUT}, 3 minutes)
     * @return this
     */
    public B callTimeout(Duration value) {
        this.callTimeout = Checks.positive(value, "callTimeout");
        return self();
    }

    /**
     * {@link #callTimeout(Duration)} for a listing (a call that returns a {@code Flux} of a
     * response's elements): from subscription to its last element, however slowly the server
     * sends them or the subscriber takes them. A server that drips a body a byte at a time, each
     * within the response timeout, ends here.
     *
     * @param value the deadline (default {@link #DEFAULT_LISTING_CALL_TIMEOUT}, 30 minutes)
     * @return this
     */
    public B listingCallTimeout(Duration value) {
        this.listingCallTimeout = Checks.positive(value, "listingCallTimeout");
        return self();
    }

    /**
     * Waits on a limiter shared with other clients of the same credential (then
     * {@link #rateLimits} is not used).
     *
     * @param value the limiter
     * @return this
     */
    public B rateLimiter(RateLimiter value) {
        this.rateLimiter = Objects.requireNonNull(value, "rateLimiter");
        return self();
    }

    /**
     * @param value the client-side limits of this client's own limiter (default: the provider's)
     * @return this
     */
    public B rateLimits(RateLimitSettings value) {
        this.rateLimits = Objects.requireNonNull(value, "rateLimits");
        return self();
    }

    /**
     * @param value retry settings (default {@link RetrySettings#defaults()})
     * @return this
     */
    public B retry(RetrySettings value) {
        this.retry = Objects.requireNonNull(value, "retry");
        return self();
    }

    /**
     * The scheduler for timers and the clock (backoff, token expiry, limiter); tests pass a
     * virtual-time scheduler.
     *
     * @param value the scheduler (default {@link Schedulers#parallel()})
     * @return this
     */
    public B scheduler(Scheduler value) {
        this.scheduler = Objects.requireNonNull(value, "scheduler");
        return self();
    }

    /**
     * Keeps the quota, the server's pause and the login token where every instance of the service
     * that uses the same credential sees them (fleet mode), instead of in this client's memory. An
     * explicit {@link #rateLimiter(RateLimiter)} still wins for the quota.
     *
     * @param value the shared state, e.g. {@code RedisSharedState.builder(redisUri).build()}
     *              (default {@link SharedState#local()})
     * @return this
     */
    public B sharedState(SharedState value) {
        this.sharedState = Objects.requireNonNull(value, "sharedState");
        return self();
    }

    /**
     * Reports every request, permit wait, retry and login as a Micrometer Observation (names and keys
     * in {@link ClientObservations}): metrics and traces with whatever handlers the registry has.
     * A request's observation is the child of the one in the subscriber's Reactor context (key
     * {@code micrometer.observation}), so a traced WebFlux request shows the client call inside it.
     *
     * @param value the registry (default {@link ObservationRegistry#NOOP}: nothing is observed, and
     *              a request pays one reference check)
     * @return this
     */
    public B observationRegistry(ObservationRegistry value) {
        this.observationRegistry = Objects.requireNonNull(value, "observationRegistry");
        return self();
    }

    /** @return the observation registry ({@link ObservationRegistry#NOOP} by default) */
    protected final ObservationRegistry observationRegistry() {
        return observationRegistry;
    }

    /** @return where the quota, pause and token live ({@link SharedState#local()} by default) */
    protected final SharedState sharedState() {
        return sharedState;
    }

    /** @return the shared transport, or null when the client creates its own */
    protected final Transport sharedTransport() {
        return transport;
    }

    /** @return the connect timeout set, or null */
    protected final Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return the response timeout set, or null */
    protected final Duration responseTimeout() {
        return responseTimeout;
    }

    /** @return the deadline of a whole call ({@link #DEFAULT_CALL_TIMEOUT} unless set) */
    protected final Duration callTimeout() {
        return callTimeout;
    }

    /** @return the deadline of a whole listing ({@link #DEFAULT_LISTING_CALL_TIMEOUT} unless set) */
    protected final Duration listingCallTimeout() {
        return listingCallTimeout;
    }

    /** @return the shared limiter, or null */
    protected final RateLimiter sharedRateLimiter() {
        return rateLimiter;
    }

    /** @return the limits of the client's own limiter */
    protected final RateLimitSettings rateLimits() {
        return rateLimits;
    }

    /** @return the retry settings */
    protected final RetrySettings retry() {
        return retry;
    }

    /** @return the scheduler */
    protected final Scheduler scheduler() {
        return scheduler;
    }

    /**
     * Refuses combinations that cannot work; call it first in {@code build()}.
     *
     * @throws IllegalStateException for a connect timeout with a shared transport
     */
    protected void checkShared() {
        if (transport != null && connectTimeout != null) {
            throw new IllegalStateException("connectTimeout applies to the client's own transport only; "
                    + "set it on the shared transport instead");
        }
    }

    /**
     * A transport for a client that was given none, with this builder's timeouts. The caller owns
     * it and must close it.
     *
     * @return a new transport
     */
    protected final Transport newOwnTransport() {
        return options().newOwnTransport();
    }

    /**
     * These options, frozen, for the {@link ApiClient} a provider builds on.
     *
     * @return the options
     * @throws IllegalStateException for a connect timeout with a shared transport
     */
    protected final ClientOptions options() {
        return new ClientOptions(transport, connectTimeout, responseTimeout, callTimeout, listingCallTimeout,
                rateLimiter, rateLimits, retry, scheduler, sharedState, observationRegistry);
    }

    /**
     * Copies these options into a pipeline builder: transport (shared, or none so that the pipeline
     * creates and owns one with these timeouts), timeouts, call timeouts, limiter or limits, shared
     * state, retry, scheduler.
     *
     * @param pipeline the pipeline builder
     * @return the pipeline builder
     */
    protected final ApiClient.Builder applyTo(ApiClient.Builder pipeline) {
        if (transport != null) {
            pipeline.transport(transport);
        }
        if (connectTimeout != null) {
            pipeline.connectTimeout(connectTimeout);
        }
        if (responseTimeout != null) {
            pipeline.responseTimeout(responseTimeout);
        }
        if (rateLimiter != null) {
            pipeline.rateLimiter(rateLimiter);
        }
        return pipeline.rateLimits(rateLimits).sharedState(sharedState).retry(retry).scheduler(scheduler)
                .observationRegistry(observationRegistry).callTimeout(callTimeout).listingCallTimeout(listingCallTimeout);
    }
}
