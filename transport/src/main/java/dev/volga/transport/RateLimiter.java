package dev.volga.transport;

import dev.volga.api.RateLimitSettings;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;

/** TEMPORARY placeholder until the limiter branch is merged. */
public interface RateLimiter {
    static RateLimiter create(String provider, RateLimitSettings settings) {
        throw new UnsupportedOperationException();
    }

    static RateLimiter create(String provider, RateLimitSettings settings, Scheduler scheduler) {
        throw new UnsupportedOperationException();
    }

    Mono<Void> acquire(String method, String path);

    void pause(Duration duration);

    int queued();
}
