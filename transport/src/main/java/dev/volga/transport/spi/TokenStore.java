package dev.volga.transport.spi;

import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * Where the login token of one credential is kept beyond the client's own cache, so that several
 * instances of a service can share one login (fleet mode).
 *
 * <p>The client keeps its own single-flight cache in front of the store: it asks the store only when
 * it holds no token that is fresh for longer than its refresh skew, and at most one such question
 * per client is in flight. The {@linkplain #local() local} store keeps nothing and just logs in;
 * a shared store answers with a token another instance obtained, or lets exactly one instance log in
 * while the others wait for its token.
 */
public interface TokenStore {

    /**
     * The store of a single instance: nothing is shared, every question is answered by a login.
     *
     * @return the local store
     */
    static TokenStore local() {
        return LocalSharedState.TOKENS;
    }

    /**
     * A token that stays valid for at least {@code minValidity} from now: one already stored, or the
     * one {@code login} obtains (which is then stored for the others).
     *
     * @param minValidity how long the token must still be valid (the client's refresh skew)
     * @param login performs one real login when no usable token is stored; subscribed at most once
     * @return the token; an error of the login, or a
     *     {@link dev.volga.api.SharedStateException} when the store cannot be used
     */
    Mono<AccessToken> token(Duration minValidity, Mono<AccessToken> login);

    /**
     * Forgets {@code used} because the server rejected it, if it is still the stored token; a newer
     * token stored meanwhile is kept.
     *
     * @param used the token the rejected request carried
     * @return completes when the token is forgotten
     */
    Mono<Void> invalidate(AccessToken used);
}
