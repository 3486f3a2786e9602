package dev.volga.transport.internal.pipeline;

import dev.volga.api.AuthenticationException;
import dev.volga.transport.internal.TokenManager;
import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.Authenticator;
import dev.volga.transport.spi.RateLimiter;
import dev.volga.transport.spi.TokenStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Step 4: the rate limiter's permit, <b>then</b> the token, so that no request leaves with a
 * token that expired while it waited in the queue (a promise, not a policy: the order is fixed).
 * A refusal (HTTP 401 and the like) forgets the token that was used, here and in the shared
 * store, and replays the attempt once, permit included: the replay is another request to the
 * server.
 */
record PermitAndToken(RateLimiter limiter, Authenticator authenticator, TokenManager<AccessToken> tokens,
                      TokenStore tokenStore) implements Step {

    private static final System.Logger LOG = System.getLogger("dev.volga.transport");

    @Override
    public <E> Flux<E> apply(Call<E> call, Chain<E> next) {
        return attempt(call, next, false);
    }

    private <E> Flux<E> attempt(Call<E> call, Chain<E> next, boolean replay) {
        // a permit free at once (an unobserved call: an observed one records its wait) and a cached
        // token: no Mono in between, the attempt goes straight on (issue 19's overhead profile put
        // then/flatMapMany and the token's Mono among the Volga-only costs of every request)
        if (call.observer == CallObserver.OFF && limiter.tryAcquire(call.request.method(), call.request.path())) {
            Optional<AccessToken> token = freshToken();
            return token != null ? send(call, next, replay, token)
                    : token().flatMapMany(t -> send(call, next, replay, t));
        }
        Mono<Void> permit = call.observer.permit(limiter.acquire(call.request.method(), call.request.path()), call);
        return permit.then(token()).flatMapMany(token -> send(call, next, replay, token));
    }

    /** The attempt with its permit and token; a refusal forgets the token and replays once. */
    private <E> Flux<E> send(Call<E> call, Chain<E> next, boolean replay, Optional<AccessToken> token) {
        call.token = token;
        call.sent = true;
        return next.proceed().onErrorResume(AuthenticationException.class, e -> {
            Mono<Void> forget = call.emitted ? null : forgetRefused(call, e, token, replay);
            return forget == null ? Flux.error(e) : forget.thenMany(Flux.defer(() -> attempt(call, next, true)));
        });
    }

    /** The token to send with; empty without authentication. */
    private Mono<Optional<AccessToken>> token() {
        return authenticator == Authenticator.none() ? Mono.just(Optional.empty()) : tokens.current().map(Optional::of);
    }

    /** The token to send with if it is at hand (empty without authentication), else null. */
    private Optional<AccessToken> freshToken() {
        if (authenticator == Authenticator.none()) {
            return Optional.empty();
        }
        AccessToken token = tokens.fresh();
        return token == null ? null : Optional.of(token);
    }

    /**
     * After a refusal: forgets the token that was used, here and in the shared store, so that the
     * replay logs in again; null when the request is not replayed (a replay already, no token, a
     * static credential, or no HTTP refusal at all).
     */
    private Mono<Void> forgetRefused(Call<?> call, AuthenticationException e, Optional<AccessToken> used, boolean replay) {
        if (replay || used.isEmpty() || !authenticator.canRefresh() || e.httpStatus() == 0) {
            return null;
        }
        AccessToken token = used.get();
        // the shared store first: it forgets the token at once, so the re-login that dropping it
        // here may start in another request never reads it back from the store
        Mono<Void> forgotten = tokenStore.invalidate(token);
        tokens.invalidate(token);
        LOG.log(System.Logger.Level.DEBUG, () -> call.describe() + " was refused (HTTP "
                + e.httpStatus() + "): logging in again and replaying once");
        return forgotten;
    }
}
