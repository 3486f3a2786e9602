package dev.volga.transport.spi;

import dev.volga.api.Secret;
import reactor.core.publisher.Mono;

import java.util.function.BiConsumer;

/** A fixed credential: login returns it at once, nothing to refresh. */
final class StaticAuthenticator implements Authenticator {

    static final StaticAuthenticator NONE = new StaticAuthenticator(null, (t, r) -> { });

    private final Mono<AccessToken> token;
    private final BiConsumer<Secret, OutgoingRequest> attach;

    StaticAuthenticator(Secret secret, BiConsumer<Secret, OutgoingRequest> attach) {
        this.token = secret == null ? Mono.empty() : Mono.just(AccessToken.of(secret));
        this.attach = attach;
    }

    boolean isNone() {
        return this == NONE;
    }

    @Override
    public Mono<AccessToken> login(LoginContext context) {
        return token;
    }

    @Override
    public void apply(AccessToken accessToken, OutgoingRequest request) {
        attach.accept(accessToken.value(), request);
    }

    @Override
    public boolean canRefresh() {
        return false;
    }

    @Override
    public String toString() {
        return isNone() ? "Authenticator.none()" : "StaticAuthenticator[***]";
    }
}
