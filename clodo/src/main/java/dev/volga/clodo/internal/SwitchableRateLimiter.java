package dev.volga.clodo.internal;

import dev.volga.api.RateLimitSettings;
import dev.volga.transport.spi.RateLimiter;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A limiter whose limits can be replaced (by those {@code GET /limits} reports) while the client
 * runs: new requests wait on the new limits; a server pause carries over.
 */
public final class SwitchableRateLimiter implements RateLimiter {

    private final Function<RateLimitSettings, RateLimiter> factory;
    private final AtomicReference<RateLimiter> current = new AtomicReference<>();
    private final AtomicReference<RateLimitSettings> settings = new AtomicReference<>();

    /**
     * @param initial the first limits
     * @param factory makes the limiter of a set of limits (in memory, or in the fleet's shared state)
     */
    public SwitchableRateLimiter(RateLimitSettings initial, Function<RateLimitSettings, RateLimiter> factory) {
        this.factory = Objects.requireNonNull(factory, "factory");
        replace(initial);
    }

    /**
     * @param newSettings the limits from now on
     */
    public void replace(RateLimitSettings newSettings) {
        settings.set(Objects.requireNonNull(newSettings, "settings"));
        current.set(factory.apply(newSettings));
    }

    /** @return the limits in force */
    public RateLimitSettings settings() {
        return settings.get();
    }

    @Override
    public Mono<Void> acquire(String method, String path) {
        return Mono.defer(() -> current.get().acquire(method, path));
    }

    @Override
    public boolean tryAcquire(String method, String path) {
        return current.get().tryAcquire(method, path);
    }

    @Override
    public void pause(Duration duration) {
        current.get().pause(duration);
    }

    @Override
    public int queued() {
        return current.get().queued();
    }
}
