package dev.volga.transport.internal.pipeline;

import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.Codec;
import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.StreamingBody;
import dev.volga.transport.internal.BodyReader;
import dev.volga.transport.internal.CallContext;
import dev.volga.transport.internal.ClientTelemetry;
import dev.volga.transport.internal.TransportAccess;
import dev.volga.transport.internal.Redactor;
import dev.volga.transport.internal.TokenManager;
import dev.volga.transport.ClientStatus;
import dev.volga.transport.Transport;
import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;
import dev.volga.transport.spi.ClientOptions;
import dev.volga.transport.spi.RateLimiter;
import dev.volga.transport.spi.SharedState;
import dev.volga.transport.spi.TokenStore;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One client's request pipeline: a fixed chain of small steps, bound once to the client's
 * provider, codec, scheduler, redactor, limiter and token. The order is the one below; it is not
 * a user's policy list (the token after the permit is a promise). A single value is a call that
 * yields at most one element; a streamed listing yields its elements as they arrive: one path.
 */
public final class Pipeline {

    private final Step[] steps;
    private final Codec codec;
    private final Decode decode;
    private final Wire wire;
    private final RetrySettings retry;
    private final Transport transport;
    private final boolean ownsTransport;
    private final RateLimiter limiter;
    private final Redactor redactor = new Redactor();
    private final ClientTelemetry telemetry;

    /**
     * @param provider the provider name
     * @param baseUrl the base URL
     * @param codec the provider's codec
     * @param authenticator how requests authenticate
     * @param refreshSkew how long before expiry a token is refreshed
     * @param scope the credential's scope in the shared state, or null (local state only)
     * @param o the shared options
     */
    public Pipeline(String provider, String baseUrl, Codec codec, Authenticator authenticator, Duration refreshSkew,
                    SharedState.Scope scope, ClientOptions o) {
        if (scope == null && o.sharedState() != SharedState.local()) {
            throw new IllegalStateException("a shared state needs the credential's scope: call scope(Scope.of(provider, secrets))");
        }
        SharedState.Scope s = scope != null ? scope
                : new SharedState.Scope(provider, "local", Secret.of("sealingKey", "none: state stays in memory"));
        this.codec = codec;
        this.retry = o.retry();
        this.ownsTransport = o.transport() == null;
        this.transport = ownsTransport ? o.newOwnTransport() : o.transport();
        this.limiter = o.rateLimiter() != null ? o.rateLimiter() : o.sharedState().rateLimiter(s, o.rateLimits(), o.scheduler());
        // a static credential never goes to a shared store
        TokenStore tokenStore = authenticator.canRefresh() ? o.sharedState().tokenStore(s) : TokenStore.local();
        this.telemetry = new ClientTelemetry(provider, o.observationRegistry());
        Scheduler scheduler = o.scheduler();
        // with a shared transport the client's response timeout is applied request by request
        this.wire = new Wire(baseUrl, codec, authenticator, redactor, TransportAccess.exchange(transport)
                .bind(provider, scheduler, redactor::scrub), ownsTransport ? null : o.responseTimeout());
        this.decode = new Decode(provider, codec, new ServerPause(limiter, o.rateLimits().defaultPause()), telemetry);
        TokenManager<AccessToken> tokens = tokens(provider, authenticator, tokenStore, refreshSkew, scheduler);
        this.steps = new Step[] {
            new Observing(telemetry, o.propagateTrace()),                    // 1. one observation per call, stopped once
            new Deadline(provider, o.callTimeout(), o.listingCallTimeout(),  // 2. the whole call's deadline
                    scheduler, telemetry),
            new Retry(provider, scheduler, telemetry, o.retryIf()),          // 3. attempts, backoff, Retry-After; safe ones only
            new PermitAndToken(limiter, authenticator, tokens, tokenStore),  // 4. permit, THEN token; refused: re-login, replay once
            wire,                                                            // 5. on the wire, read through Decode, whose
        };                                                                   //    failures pass ServerPause (429: the key pauses)
    }

    /** @return the limiter the client waits on */
    public RateLimiter limiter() {
        return limiter;
    }

    /** @return what the client remembers of its recent calls and logins */
    public ClientStatus status() {
        return telemetry.status(limiter.queued());
    }

    /**
     * @param text any text
     * @return the text with every secret the client knows masked
     */
    public String redact(String text) {
        return redactor.scrub(text);
    }

    /** Releases the transport if the client created it. */
    public void close() {
        if (ownsTransport) {
            transport.close();
        }
    }

    /**
     * @param request a request whose response is one value, read whole
     * @param <T> the value type
     * @return the value (none for an empty response), or a typed error
     */
    public <T> Flux<T> value(ApiRequest<T> request) {
        return run(request, false, decode::value);
    }

    /**
     * @param request a listing whose elements are read as its body arrives ({@link ApiRequest#listPath()} set)
     * @param <T> the element type
     * @return the elements in order, or a typed error
     */
    public <T> Flux<T> elements(ApiRequest<? extends java.util.List<T>> request) {
        return run(request, true, decode::elements);
    }

    /**
     * A request sent as it is, outside the chain (no permit, token, retry): a login's.
     *
     * @param request the request
     * @return the response read whole
     */
    public Mono<ApiResponse> raw(ApiRequest<?> request) {
        return wire.raw(request);
    }

    private <E> Flux<E> run(ApiRequest<?> request, boolean streamed, Function<Call<E>, BodyReader<E>> reader) {
        return Flux.deferContextual(context -> {
            Call<E> call;
            try {
                call = new Call<>(request, encode(request.body()), context, CallContext.retry(context, retry), streamed);
            } catch (RuntimeException e) {
                return Flux.error(e);
            }
            call.reader = reader.apply(call);
            return new Step.Chain<>(steps, 0, call).proceed();
        });
    }

    private Object encode(Object body) {
        if (body == null || body instanceof EncodedBody || body instanceof StreamingBody) {
            return body;
        }
        return Objects.requireNonNull(codec.encode(body), "codec returned no body");
    }

    /** The client's token: a login through {@link Wire#raw}, observed, shared through the token store. */
    private TokenManager<AccessToken> tokens(String provider, Authenticator authenticator, TokenStore tokenStore,
                                             Duration refreshSkew, Scheduler scheduler) {
        Authenticator.LoginContext context = new Authenticator.LoginContext() {
            @Override
            public Mono<ApiResponse> send(ApiRequest<?> request) {
                return wire.raw(request);
            }

            @Override
            public String provider() {
                return provider;
            }
        };
        // a static credential is no login: it never goes to a shared store, and it is neither
        // observed nor counted in the client's status
        boolean realLogin = authenticator.canRefresh();
        Function<String, Mono<AccessToken>> login = reason -> !realLogin
                ? authenticator.login(context).doOnNext(t -> redactor.remember(t.value().reveal()))
                : tokenStore.token(refreshSkew, observedLogin(authenticator, context, telemetry, reason))
                .doOnNext(t -> {
                    redactor.remember(t.value().reveal());
                    telemetry.loggedIn();
                })
                .doOnError(telemetry::loginFailed);
        return new TokenManager<>(provider, login, AccessToken::expiresAt, refreshSkew, scheduler, redactor::scrub);
    }

    /** The real login (not one answered by a shared token store), observed when observations are on. */
    private static Mono<AccessToken> observedLogin(Authenticator authenticator, Authenticator.LoginContext context,
                                                   ClientTelemetry telemetry, String reason) {
        return Mono.defer(() -> {
            ObservationRegistry registry = telemetry.active();
            if (registry == null) {
                return authenticator.login(context);
            }
            Observation observation = telemetry.startLogin(registry, reason);
            return OnEnd.watch(authenticator.login(context).flux(), (valued, e, cancelled) -> telemetry.stopLogin(observation,
                    cancelled ? "cancelled" : valued ? "success" : "failure", e)).singleOrEmpty();
        });
    }
}
