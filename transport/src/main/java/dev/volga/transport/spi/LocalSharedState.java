package dev.volga.transport.spi;

import dev.volga.api.RateLimitSettings;
import java.time.Duration;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/** The in-memory default: a limiter per client, no token kept beyond the client's own cache, one checkpoint store per JVM. */
final class LocalSharedState implements SharedState {

    static final LocalSharedState INSTANCE = new LocalSharedState();

    static final TokenStore TOKENS = new TokenStore() {
        @Override
        public Mono<AccessToken> token(Duration minValidity, Mono<AccessToken> login) {
            return login;
        }

        @Override
        public Mono<Void> invalidate(AccessToken used) {
            return Mono.empty();
        }

        @Override
        public String toString() {
            return "TokenStore.local()";
        }
    };

    /** The JVM's one in-memory checkpoint store. */
    private static final dev.volga.transport.spi.CheckpointStore CHECKPOINTS = dev.volga.transport.spi.CheckpointStore.memory();

    private LocalSharedState() {
    }

    /**
     * The JVM's one in-memory store: feed processors of this JVM share leases; checkpoints are
     * forgotten on exit (pass {@code CheckpointStore.file(…)} to keep them).
     */
    @Override
    public dev.volga.transport.spi.CheckpointStore checkpointStore() {
        return CHECKPOINTS;
    }

    @Override
    public RateLimiter rateLimiter(Scope scope, RateLimitSettings settings, Scheduler scheduler) {
        return RateLimiter.create(scope.provider(), settings, scheduler);
    }

    @Override
    public TokenStore tokenStore(Scope scope) {
        return TOKENS;
    }

    @Override
    public String toString() {
        return "SharedState.local()";
    }
}
