package dev.volga.clodo.internal;

import dev.volga.api.RateLimitSettings;
import dev.volga.transport.RateLimiter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A limiter whose limits can be replaced (by those {@code GET /limits} reports) while the client
 * runs: new requests wait on the new limits; a server pause carries over.
 */
public final class SwitchableRateLimiter implements RateLimiter {

    private final String provider;
    private final Scheduler scheduler;
    private final AtomicReference<RateLimiter> current = new AtomicReference<>();
    private final AtomicReference<RateLimitSettings> settings = new AtomicReference<>();

    /**
     * @param provider provider name for errors
     * @param initial the first limits
     * @param scheduler clock and timers
     */
    public SwitchableRateLimiter(String provider, RateLimitSettings initial, Scheduler scheduler) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        replace(initial);
    }

    /**
     * @param newSettings the limits from now on
     */
    public void replace(RateLimitSettings newSettings) {
        settings.set(Objects.requireNonNull(newSettings, "settings"));
        current.set(RateLimiter.create(provider, newSettings, scheduler));
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
    public void pause(Duration duration) {
        current.get().pause(duration);
    }

    @Override
    public int queued() {
        return current.get().queued();
    }
}
