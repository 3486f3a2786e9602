package dev.volga.transport.spi;

import dev.volga.transport.ClientBuilder;
import dev.volga.transport.ClientStatus;
import dev.volga.transport.Transport;
import dev.volga.transport.Volga;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RateLimitedException;
import dev.volga.api.RetrySettings;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.Codec;
import dev.volga.api.spi.ElementReader;
import dev.volga.api.spi.TypeRef;
import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.StreamingBody;
import dev.volga.transport.internal.CallContext;
import dev.volga.transport.internal.ClientTelemetry;
import dev.volga.transport.internal.TransportAccess;
import dev.volga.transport.internal.Deadlines;
import dev.volga.transport.internal.HttpExchange;
import dev.volga.transport.internal.Redactor;
import dev.volga.transport.internal.TokenManager;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.ContextView;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One provider's request pipeline on a shared {@link Transport}. Every call runs, per attempt:
 * <b>rate-limit permit → authenticate → send → decode</b>. An authentication failure invalidates
 * the token that was used, logs in again and replays the request once; retries (with exponential
 * backoff and jitter, {@code Retry-After} winning when longer) wrap the whole attempt and happen
 * only where they cannot duplicate a write: idempotent requests on connection failures and
 * 502/503/504, any request on 429 or when the connection failed before the request was written.
 * A whole call, permit wait, login, retries and body included, is bounded by its deadline
 * ({@link ClientBuilder#callTimeout}, {@link ClientBuilder#listingCallTimeout} for a listing, or
 * {@link Volga#callTimeout} for one call), past which it ends with a {@code TIMEOUT}.
 *
 * <p>Provider clients (Nodul, EnDocs, Clodo) are thin layers over one {@code ApiClient}. It is
 * thread-safe; nothing in it blocks.
 *
 * <pre>{@code
 * ApiClient api = ApiClient.builder("endocs")
 *     .baseUrl("https://api.endocs.cloud/api")
 *     .codec(new EndocsCodec())
 *     .authenticator(Authenticator.bearer(Secret.of("token", token)))
 *     .rateLimits(RateLimitSettings.of(RateLimit.of(300, Duration.ofMinutes(1))))
 *     .build();
 * }</pre>
 */
public final class ApiClient implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.volga.transport");
    private static final Object NO_TOKEN = new Object();

    private final String provider;
    private final String baseUrl;
    private final Codec codec;
    private final Transport transport;
    private final boolean ownsTransport;
    private final Duration responseTimeout;
    private final Duration callTimeout;
    private final Duration listingCallTimeout;
    private final Authenticator authenticator;
    private final RateLimiter limiter;
    private final RetrySettings retry;
    private final Duration defaultPause;
    private final Scheduler scheduler;
    private final Redactor redactor = new Redactor();
    private final TokenManager<AccessToken> tokens;
    private final TokenStore tokenStore;
    private final Authenticator.LoginContext loginContext;
    private final ClientTelemetry telemetry;

    private ApiClient(Builder b, ClientOptions o) {
        this.provider = b.provider;
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(b.baseUrl, "baseUrl is required"));
        this.codec = Objects.requireNonNull(b.codec, "codec is required");
        this.ownsTransport = o.transport() == null;
        this.transport = ownsTransport ? o.newOwnTransport() : o.transport();
        // with a shared transport the client's response timeout is applied request by request
        this.responseTimeout = ownsTransport ? null : o.responseTimeout();
        this.callTimeout = o.callTimeout();
        this.listingCallTimeout = o.listingCallTimeout();
        this.authenticator = b.authenticator;
        this.scheduler = o.scheduler();
        if (b.scope == null && o.sharedState() != SharedState.local()) {
            throw new IllegalStateException("a shared state needs the credential's scope: call scope(Scope.of(provider, secrets))");
        }
        SharedState.Scope scope = b.scope != null ? b.scope
                : new SharedState.Scope(provider, "local", dev.volga.api.Secret.of("sealingKey", "none: state stays in memory"));
        this.limiter = o.rateLimiter() != null ? o.rateLimiter()
                : o.sharedState().rateLimiter(scope, o.rateLimits(), o.scheduler());
        // A static credential is no login: it never goes to a shared store, and it is neither observed
        // nor counted in the client's status.
        boolean realLogin = b.authenticator.canRefresh();
        this.tokenStore = realLogin ? o.sharedState().tokenStore(scope) : TokenStore.local();
        this.defaultPause = o.rateLimits().defaultPause();
        this.retry = o.retry();
        this.telemetry = new ClientTelemetry(provider, o.observationRegistry());
        this.loginContext = new Authenticator.LoginContext() {
            @Override
            public Mono<ApiResponse> send(ApiRequest<?> request) {
                return sendWire(request, null, NO_TOKEN);
            }

            @Override
            public String provider() {
                return provider;
            }
        };
        Duration skew = b.refreshSkew;
        this.tokens = new TokenManager<>(provider,
                reason -> !realLogin
                        ? authenticator.login(loginContext).doOnNext(t -> redactor.remember(t.value().reveal()))
                        : tokenStore.token(skew, observedLogin(reason))
                        .doOnNext(t -> {
                            redactor.remember(t.value().reveal());
                            telemetry.loggedIn();
                        })
                        .doOnError(telemetry::loginFailed),
                AccessToken::expiresAt, skew, o.scheduler(), redactor::scrub);
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
        return telemetry.status(limiter.queued());
    }

    /** @return the rate limiter this client waits on (shareable with other clients of the same key) */
    public RateLimiter rateLimiter() {
        return limiter;
    }

    /**
     * Runs a request through the pipeline.
     *
     * @param request the request
     * @param <T> the response type
     * @return the decoded value (empty for a {@code Void} response); an {@link ApiException} otherwise
     */
    public <T> Mono<T> exchange(ApiRequest<T> request) {
        Objects.requireNonNull(request, "request");
        if (request.listPath() != null) {
            @SuppressWarnings("unchecked")
            Mono<T> list = (Mono<T>) exchangeMany((ApiRequest<List<Object>>) request).collectList();
            return list;
        }
        return Mono.deferContextual(context -> telemetry.active() == null
                ? bounded(request, new AttemptState(null), context)
                : observed(request, context));
    }

    /** A call under its deadline ({@link #callTimeout}, or the context's {@link Volga#callTimeout}). */
    private <T> Mono<T> bounded(ApiRequest<T> request, AttemptState state, ContextView context) {
        Mono<T> call;
        try {
            call = run(request, encode(request.body()), 1, state);
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
        Duration limit = CallContext.callTimeout(context, callTimeout);
        return Deadlines.timeout(call, limit, scheduler, () -> callTimedOut(request, limit, state));
    }

    /** A listing under its deadline ({@link #listingCallTimeout}, or the context's {@link Volga#callTimeout}). */
    private <T> Flux<T> boundedMany(ApiRequest<? extends List<T>> request, AttemptState state, ContextView context) {
        Flux<T> call;
        try {
            call = runMany(request, encode(request.body()), 1, state);
        } catch (RuntimeException e) {
            return Flux.error(e);
        }
        Duration limit = CallContext.callTimeout(context, listingCallTimeout);
        // whoever comes first of the listing's completion and the deadline decides: no false
        // timeout for a listing that completed as the timer fired
        java.util.concurrent.atomic.AtomicBoolean decided = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean expired = new java.util.concurrent.atomic.AtomicBoolean();
        Mono<Long> deadline = Mono.delay(limit, scheduler).filter(t -> {
            boolean first = decided.compareAndSet(false, true);
            expired.set(first);
            return first;
        });
        return call.doOnComplete(() -> decided.compareAndSet(false, true))
                .takeUntilOther(deadline)
                .concatWith(Mono.defer(() -> expired.get() ? Mono.error(callTimedOut(request, limit, state)) : Mono.empty()));
    }

    /** The end of a call past its deadline: a {@code TIMEOUT} that says it was the whole call's. */
    private TransportException callTimedOut(ApiRequest<?> request, Duration limit, AttemptState state) {
        TransportException e = new TransportException(ApiError.builder(provider)
                .message(describe(request) + ": call timeout: not done within " + limit + " (callTimeout bounds the"
                        + " whole call: permit wait, login, " + state.attempts + " attempt(s) with their backoff, the body)"
                        + (state.sent ? "" : "; the request was not sent"))
                .build(), TransportException.Kind.TIMEOUT, state.sent, null);
        telemetry.failed(request.operation(), e);
        return e;
    }

    /** A call as one observation: started on subscription, stopped on its end or cancellation. */
    private <T> Mono<T> observed(ApiRequest<T> request, ContextView context) {
        ObservationRegistry registry = telemetry.active();
        if (registry == null) {
            return bounded(request, new AttemptState(null), context);
        }
        AttemptState state = startObserved(registry, request, context);
        Mono<T> call = bounded(request, state, context);
        return call
                .doOnSuccess(v -> state.stop(telemetry, null, false))
                .doOnError(e -> state.stop(telemetry, e, false))
                .doOnCancel(() -> state.stop(telemetry, null, true))
                .contextWrite(c -> c.put(CallContext.OBSERVATION_KEY, state.observation));
    }

    /** A listing as one observation, like {@link #observed}: stopped on completion, error or cancellation. */
    private <T> Flux<T> observedMany(ApiRequest<? extends List<T>> request, ContextView context) {
        ObservationRegistry registry = telemetry.active();
        if (registry == null) {
            return boundedMany(request, new AttemptState(null), context);
        }
        AttemptState state = startObserved(registry, request, context);
        Flux<T> call = boundedMany(request, state, context);
        return call
                .doOnComplete(() -> state.stop(telemetry, null, false))
                .doOnError(e -> state.stop(telemetry, e, false))
                .doOnCancel(() -> state.stop(telemetry, null, true))
                .contextWrite(c -> c.put(CallContext.OBSERVATION_KEY, state.observation));
    }

    /** Starts a call's observation, the caller's observation from the context as its parent. */
    private AttemptState startObserved(ObservationRegistry registry, ApiRequest<?> request, ContextView context) {
        Observation parent = context.getOrDefault(CallContext.OBSERVATION_KEY, null);
        return new AttemptState(telemetry.startRequest(registry, request.operation(), request.method(), parent));
    }

    /** The real login (not one answered by a shared token store), observed when observations are on. */
    private Mono<AccessToken> observedLogin(String reason) {
        return Mono.defer(() -> {
            ObservationRegistry registry = telemetry.active();
            if (registry == null) {
                return authenticator.login(loginContext);
            }
            Observation observation = telemetry.startLogin(registry, reason);
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            return authenticator.login(loginContext)
                    .doOnSuccess(t -> {
                        if (done.compareAndSet(false, true)) {
                            telemetry.stopLogin(observation, t != null ? "success" : "failure", null);
                        }
                    })
                    .doOnError(e -> {
                        if (done.compareAndSet(false, true)) {
                            telemetry.stopLogin(observation, "failure", e);
                        }
                    })
                    .doOnCancel(() -> {
                        if (done.compareAndSet(false, true)) {
                            telemetry.stopLogin(observation, "cancelled", null);
                        }
                    });
        });
    }

    /**
     * Runs a request whose response is a list and emits its elements in order.
     *
     * <p>A listing ({@link ApiRequest.Builder#buildList}) whose codec streams lists is read element
     * by element as the body arrives, with backpressure: the socket is read only as fast as the
     * subscriber asks, so a list of any length goes through a bounded amount of memory (the
     * response-size cap does not apply to it). Permit, login and retries happen as for
     * {@link #exchange}, but only until the first element is emitted: an error after it (the
     * connection breaks, an element does not decode) ends the {@code Flux} after the elements
     * before it, never by emitting them twice. The elements of the first 256 KiB of a body are held
     * back until the body goes past that or ends, so a short listing behaves exactly like a
     * response read whole (a broken connection or a body slower than the response timeout is
     * retried, nothing was emitted). The response timeout bounds the wait for the first element
     * and each later pause of the body, not the whole of a long listing; a subscriber that stops
     * asking for longer than it ends the listing with a {@code TIMEOUT}. The whole listing is
     * bounded by {@link ClientBuilder#listingCallTimeout} (or {@link Volga#callTimeout} in the
     * subscriber's context), so a server that drips its body cannot hold it open for ever.
     * Cancelling closes the connection. Any other request is read whole and its list emitted element by element.
     *
     * @param request the request
     * @param <T> the element type
     * @return the elements in order
     */
    public <T> Flux<T> exchangeMany(ApiRequest<? extends List<T>> request) {
        Objects.requireNonNull(request, "request");
        if (request.listPath() == null) {
            return exchange(request).flatMapIterable(list -> list);
        }
        return Flux.deferContextual(context -> telemetry.active() == null
                ? boundedMany(request, new AttemptState(null), context)
                : observedMany(request, context));
    }

    /**
     * Masks every secret this client knows (tokens, keys) in a text; for provider code that builds
     * messages.
     *
     * @param text any text
     * @return the text with secrets replaced by {@code ***}
     */
    public String redact(String text) {
        return redactor.scrub(text);
    }

    /** Releases the transport if this client created it; a transport given to the builder stays open. */
    @Override
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }

    @Override
    public String toString() {
        return "ApiClient[" + provider + ", " + baseUrl + "]";
    }

    /** Per-call mutable state; attempts of one call run one after another, never concurrently. */
    private static final class AttemptState {
        /** The call's observation, or null when observations are off. */
        final Observation observation;
        Duration retryAfter;
        /** Whether this attempt of a listing has emitted an element: from then on it is never retried. */
        boolean emitted;
        int attempts;
        /** Whether an attempt went as far as sending (the request may have reached the server). */
        volatile boolean sent;
        int lastStatus;
        long permitWaitNanos;
        private final java.util.concurrent.atomic.AtomicBoolean stopped;

        AttemptState(Observation observation) {
            this.observation = observation;
            this.stopped = observation == null ? null : new java.util.concurrent.atomic.AtomicBoolean();
        }

        void stop(ClientTelemetry telemetry, Throwable error, boolean cancelled) {
            if (stopped.compareAndSet(false, true)) {
                telemetry.stopRequest(observation, lastStatus, error, cancelled, attempts, permitWaitNanos);
            }
        }
    }

    private Object encode(Object body) {
        if (body == null) {
            return null;
        }
        if (body instanceof EncodedBody || body instanceof StreamingBody) {
            return body;
        }
        return Objects.requireNonNull(codec.encode(body), "codec returned no body");
    }

    private <T> Mono<T> run(ApiRequest<T> request, Object body, int attempt, AttemptState state) {
        state.retryAfter = null;
        state.attempts = attempt;
        return attempt(request, body, false, state).onErrorResume(e -> {
            Mono<Long> backoff = backoff(request, e, attempt, state);
            if (backoff == null) {
                telemetry.failed(request.operation(), e);
                return Mono.error(e);
            }
            return backoff.then(Mono.defer(() -> run(request, body, attempt + 1, state)));
        });
    }

    /** {@link #run} for a streamed listing: retried only while no element has been emitted. */
    private <T> Flux<T> runMany(ApiRequest<? extends List<T>> request, Object body, int attempt, AttemptState state) {
        state.retryAfter = null;
        state.attempts = attempt;
        state.emitted = false;
        return attemptMany(request, body, false, state).doOnNext(v -> state.emitted = true).onErrorResume(e -> {
            Mono<Long> backoff = state.emitted ? null : backoff(request, e, attempt, state);
            if (backoff == null) {
                telemetry.failed(request.operation(), e);
                return Flux.error(e);
            }
            return backoff.thenMany(Flux.defer(() -> runMany(request, body, attempt + 1, state)));
        });
    }

    /** The wait before the next attempt, observed; null when the failure is not retried. */
    private Mono<Long> backoff(ApiRequest<?> request, Throwable e, int attempt, AttemptState state) {
        Duration delay = retryDelay(request, e, attempt, state);
        if (delay == null) {
            return null;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "retry " + (attempt + 1) + "/" + retry.maxAttempts() + " of "
                + describe(request) + " in " + delay.toMillis() + " ms after: " + e.getMessage());
        Mono<Long> backoff = Mono.delay(delay, scheduler);
        ObservationRegistry registry = state.observation == null ? null : telemetry.active();
        if (registry != null) {
            Observation retryObservation = telemetry.startRetry(registry, state.observation, request.operation(), e);
            backoff = backoff.doFinally(signal -> retryObservation.stop());
        }
        return backoff;
    }

    private <T> Mono<T> attempt(ApiRequest<T> request, Object body, boolean replay, AttemptState state) {
        return permitAndToken(request, state)
                .doOnNext(t -> state.sent = true)
                .flatMap(t -> sendWire(request, body, t)
                        .flatMap(response -> decode(request, response, state))
                        .onErrorResume(AuthenticationException.class, e -> {
                            Mono<Void> forget = forgetRefused(request, e, t, replay);
                            return forget == null ? Mono.error(e) : forget.then(attempt(request, body, true, state));
                        }));
    }

    private <T> Flux<T> attemptMany(ApiRequest<? extends List<T>> request, Object body, boolean replay, AttemptState state) {
        return permitAndToken(request, state)
                .doOnNext(t -> state.sent = true)
                .flatMapMany(t -> streamWire(request, body, t, state)
                        .onErrorResume(AuthenticationException.class, e -> {
                            Mono<Void> forget = state.emitted ? null : forgetRefused(request, e, t, replay);
                            return forget == null ? Flux.error(e) : forget.thenMany(attemptMany(request, body, true, state));
                        }));
    }

    /** The rate-limit permit, then the token to send with (or {@code NO_TOKEN}). */
    private Mono<Object> permitAndToken(ApiRequest<?> request, AttemptState state) {
        @SuppressWarnings("unchecked") // an AccessToken is an Object: no cast operator per request
        Mono<Object> token = authenticator == Authenticator.none() ? Mono.just(NO_TOKEN) : (Mono<Object>) (Mono<?>) tokens.current();
        Mono<Void> permit = limiter.acquire(request.method(), request.path());
        if (state.observation != null) {
            permit = observedPermit(permit, state);
        }
        return permit.then(token);
    }

    /**
     * After a refusal: forgets the token that was used, here and in the shared store, so that the
     * replay logs in again; null when the request is not replayed (a replay already, no token, a
     * static credential, or no HTTP refusal at all).
     */
    private Mono<Void> forgetRefused(ApiRequest<?> request, AuthenticationException e, Object token, boolean replay) {
        if (replay || token == NO_TOKEN || !authenticator.canRefresh() || e.httpStatus() == 0) {
            return null;
        }
        // the shared store first: it forgets the token at once, so the re-login that dropping it
        // here may start in another request never reads it back from the store
        Mono<Void> forgotten = tokenStore.invalidate((AccessToken) token);
        tokens.invalidate((AccessToken) token);
        LOG.log(System.Logger.Level.DEBUG, () -> describe(request) + " was refused (HTTP "
                + e.httpStatus() + "): logging in again and replaying once");
        return forgotten;
    }

    /** The wait for a permit as a child observation; its time also adds to the call's total wait. */
    private Mono<Void> observedPermit(Mono<Void> permit, AttemptState state) {
        return Mono.defer(() -> {
            ObservationRegistry registry = telemetry.active();
            if (registry == null) {
                return permit;
            }
            Observation observation = telemetry.startPermit(registry, state.observation);
            long start = System.nanoTime();
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            return permit
                    .doOnSuccess(v -> {
                        if (done.compareAndSet(false, true)) {
                            state.permitWaitNanos += System.nanoTime() - start;
                            telemetry.stopPermit(observation, "granted", null);
                        }
                    })
                    .doOnError(e -> {
                        if (done.compareAndSet(false, true)) {
                            boolean denied = e instanceof RateLimitedException r
                                    && r.source() == RateLimitedException.Source.CLIENT_QUEUE_FULL;
                            telemetry.stopPermit(observation, denied ? "denied" : "error", e);
                        }
                    })
                    .doOnCancel(() -> {
                        if (done.compareAndSet(false, true)) {
                            telemetry.stopPermit(observation, "cancelled", null);
                        }
                    });
        });
    }

    private <T> Mono<T> decode(ApiRequest<T> request, ApiResponse response, AttemptState state) {
        state.lastStatus = response.status();
        try {
            T value = codec.decode(response, request.responseType());
            telemetry.succeeded();
            return Mono.justOrEmpty(value);
        } catch (RuntimeException e) {
            return Mono.error(codecFailure(request, response, e, state));
        }
    }

    /**
     * What the codec threw, as the pipeline passes it on: an {@link ApiException} as it is (a
     * server's 429 pauses the key first), anything else as a {@link dev.volga.api.DecodingException}.
     */
    private RuntimeException codecFailure(ApiRequest<?> request, ApiResponse response, RuntimeException thrown, AttemptState state) {
        if (thrown instanceof ApiException e) {
            Duration retryAfter = longer(e.retryAfter().orElse(null), response.retryAfter().orElse(null));
            ApiException error = e;
            if (e instanceof RateLimitedException limited && limited.source() == RateLimitedException.Source.SERVER) {
                if (e.retryAfter().isEmpty() && retryAfter != null && e.getClass() == RateLimitedException.class) {
                    // the codec did not read Retry-After: the caller still learns how long the server asked for
                    error = new RateLimitedException(e.error().withRetryAfter(retryAfter), limited.source(), e.getCause());
                }
                retryAfter = retryAfter != null ? retryAfter : defaultPause;
                limiter.pause(retryAfter);
                if (state.observation != null) {
                    telemetry.rateLimited(state.observation);
                }
            }
            state.retryAfter = retryAfter;
            return error;
        }
        return new dev.volga.api.DecodingException(ApiError.builder(provider).httpStatus(response.status())
                .message(describe(request) + ": could not read the response as " + request.responseType() + " ("
                        + thrown.getClass().getSimpleName() + "); body starts: " + response.excerpt(200))
                .build(), null);
    }

    /**
     * A listing's 2xx response through the codec's element reader, its failures handled as
     * {@link #decode}'s; null when the codec reads lists only whole.
     */
    private <T> ElementReader<T> elementReader(ApiRequest<? extends List<T>> request, ApiResponse head, AttemptState state) {
        state.lastStatus = head.status();
        LOG.log(System.Logger.Level.DEBUG, () -> "← " + head.status() + " " + describe(request) + " (listing)");
        @SuppressWarnings("unchecked")
        TypeRef<T> element = (TypeRef<T>) request.elementType();
        ElementReader<T> reader = codec.elementReader(head, element, request.listPath());
        if (reader == null) {
            if (!request.listPath().isEmpty()) {
                throw new IllegalStateException(provider + "'s codec reads no list inside a payload, but "
                        + describe(request) + " has its list at " + request.listPath());
            }
            return null;
        }
        return new ElementReader<>() {
            @Override
            public List<T> read(java.nio.ByteBuffer chunk) {
                return guarded(() -> reader.read(chunk), false);
            }

            @Override
            public List<T> end() {
                return guarded(reader::end, true);
            }

            @Override
            public List<T> readWhole(java.nio.ByteBuffer body) {
                return guarded(() -> reader.readWhole(body), true);
            }

            @Override
            public boolean buffering() {
                return reader.buffering();
            }

            /** One step of the reader, its failure handled as {@link #decode}'s; the last one counts the success. */
            private List<T> guarded(java.util.function.Supplier<List<T>> step, boolean last) {
                try {
                    List<T> elements = step.get();
                    if (last) {
                        telemetry.succeeded();
                    }
                    return elements;
                } catch (RuntimeException e) {
                    throw codecFailure(request, head, e, state);
                }
            }
        };
    }

    private Duration retryDelay(ApiRequest<?> request, Throwable e, int attempt, AttemptState state) {
        if (attempt >= retry.maxAttempts()) {
            return null;
        }
        boolean retryable;
        if (e instanceof RateLimitedException limited) {
            retryable = limited.source() == RateLimitedException.Source.SERVER;
        } else if (e instanceof TransportException t) {
            // a response too large or one HTTP cannot frame would come back the same: never asked for again
            retryable = t.kind() != TransportException.Kind.RESPONSE_TOO_LARGE && t.kind() != TransportException.Kind.MALFORMED_RESPONSE
                    && (!t.requestSent() || request.idempotent());
        } else if (e instanceof ServerErrorException s) {
            int status = s.httpStatus();
            retryable = request.idempotent() && (status == 502 || status == 503 || status == 504);
        } else {
            retryable = false;
        }
        if (!retryable) {
            return null;
        }
        Duration backoff = retry.backoffAfter(attempt);
        if (retry.jitter() > 0 && !backoff.isZero()) {
            long millis = backoff.toMillis();
            backoff = Duration.ofMillis(millis - (long) (ThreadLocalRandom.current().nextDouble() * retry.jitter() * millis));
        }
        return longer(backoff, state.retryAfter);
    }

    private static Duration longer(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    private Mono<ApiResponse> sendWire(ApiRequest<?> request, Object body, Object token) {
        HttpExchange.WireRequest wire = wireRequest(request, body, token);
        LOG.log(System.Logger.Level.DEBUG, () -> "→ " + wire.printable());
        return TransportAccess.exchange(transport).send(wire, provider, scheduler, redactor::scrub)
                .doOnNext(r -> LOG.log(System.Logger.Level.DEBUG, () -> "← " + r.status() + " " + wire.printable()));
    }

    private <T> Flux<T> streamWire(ApiRequest<? extends List<T>> request, Object body, Object token, AttemptState state) {
        HttpExchange.WireRequest wire = wireRequest(request, body, token);
        LOG.log(System.Logger.Level.DEBUG, () -> "→ " + wire.printable());
        return TransportAccess.exchange(transport).stream(wire, provider, scheduler, redactor::scrub,
                head -> elementReader(request, head, state),
                response -> decode(request, response, state).flatMapIterable(list -> list));
    }

    private HttpExchange.WireRequest wireRequest(ApiRequest<?> request, Object body, Object token) {
        List<ApiRequest.Param> query = new ArrayList<>(request.query());
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(new AbstractMap.SimpleImmutableEntry<>("Accept", codec.accept()));
        for (ApiRequest.Param h : request.headers()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(h.name(), h.value()));
            if (h.secret()) {
                redactor.remember(h.value());
            }
        }
        for (ApiRequest.Param q : request.query()) {
            if (q.secret()) {
                redactor.remember(q.value());
            }
        }
        String base = baseUrl;
        if (token instanceof AccessToken accessToken) {
            if (accessToken.baseUrl() != null) {
                base = stripTrailingSlash(accessToken.baseUrl());
            }
            authenticator.apply(accessToken, new Authenticator.OutgoingRequest() {
                @Override
                public void secretHeader(String name, String value) {
                    redactor.remember(value);
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
                }

                @Override
                public void secretQueryParameter(String name, String value) {
                    redactor.remember(value);
                    query.add(new ApiRequest.Param(name, value, true));
                }
            });
        }
        String target = request.absoluteUrl() != null ? request.absoluteUrl() : base + request.path();
        String url = target + queryString(query, false);
        java.util.function.Supplier<String> printable = () -> request.method() + " " + redactor.scrub(target + queryString(query, true));
        return new HttpExchange.WireRequest(request.method(), url, headers, body, printable,
                request.maxResponseSize(), request.responseTimeout() != null ? request.responseTimeout() : responseTimeout);
    }

    private static String queryString(List<ApiRequest.Param> query, boolean masked) {
        if (query.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (ApiRequest.Param p : query) {
            sb.append(sb.length() == 0 ? '?' : '&').append(encode(p.name())).append('=')
                    .append(masked && p.secret() ? Redactor.MASK : encode(p.value()));
        }
        return sb.toString();
    }

    private static String encode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c == '*')) {
                return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
            }
        }
        return s; // only characters URLEncoder keeps as they are
    }

    private String describe(ApiRequest<?> request) {
        return request.method() + " " + request.path() + " (" + request.operation() + ")";
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Builds an {@link ApiClient}. Base URL and codec are required; everything else has a default. */
    public static final class Builder extends ClientBuilder<Builder> {
        private final String provider;
        private String baseUrl;
        private Codec codec;
        private Authenticator authenticator = Authenticator.none();
        private Duration refreshSkew = Duration.ofMinutes(1);
        private SharedState.Scope scope;

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
            Objects.requireNonNull(value, "baseUrl");
            URI uri;
            try {
                uri = URI.create(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("baseUrl is not a valid URL: " + value, e);
            }
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL, was '" + value + "'");
            }
            if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                throw new IllegalArgumentException("baseUrl must not have a query or fragment, was '" + value + "'");
            }
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
            Objects.requireNonNull(value, "refreshSkew");
            if (value.isNegative()) {
                throw new IllegalArgumentException("refreshSkew must not be negative, was " + value);
            }
            this.refreshSkew = value;
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

        /** @return the client */
        public ApiClient build() {
            checkShared();
            return new ApiClient(this, options());
        }
    }
}
