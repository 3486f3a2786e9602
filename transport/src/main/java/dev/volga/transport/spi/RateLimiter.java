package dev.volga.transport.spi;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RateLimitedException;
import dev.volga.transport.internal.limit.InMemoryRateLimiter;
import java.time.Duration;
import java.util.Objects;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The client-side rate limiter of one credential (API key): every request asks it for a permit
 * before it leaves, and waits for one without blocking a thread.
 *
 * <p>Each {@link dev.volga.api.RateLimit} of the settings is a token bucket of {@code burst} tokens
 * refilled continuously at {@code permits / period}; a request needs one token from every limit that
 * {@linkplain dev.volga.api.RateLimit#matches(String, String) matches} its method and path. Requests
 * that cannot have their tokens at once wait in one bounded first-in-first-out queue: a waiter is
 * never overtaken by a later request that needs one of the same limits, while a request that shares
 * no limit with the waiters ahead of it (a {@code GET} behind {@code POST}s that only a POST limit
 * holds back) goes as soon as its own limits allow. When the queue holds
 * {@link RateLimitSettings#maxQueue()} waiters, further requests that would have to wait are refused
 * at once with a {@link RateLimitedException} of source
 * {@link RateLimitedException.Source#CLIENT_QUEUE_FULL}.
 *
 * <p>A 429 from the server {@linkplain #pause(Duration) pauses} the whole limiter, so one 429 does not
 * become a storm.
 *
 * <p>Implementations are safe to use from many threads at once.
 *
 * <pre>{@code
 * RateLimiter limiter = RateLimiter.create("endocs",
 *         RateLimitSettings.of(RateLimit.of(300, Duration.ofMinutes(1))));
 * Mono<Response> call = limiter.acquire("GET", "/documents").then(send(request));
 * }</pre>
 */
public interface RateLimiter {

    /**
     * An in-memory limiter for one credential, timed by {@link Schedulers#parallel()}: its clock
     * ({@link Scheduler#now(java.util.concurrent.TimeUnit)}) measures the buckets and its timers wake
     * the waiters.
     *
     * @param provider the provider name used in errors, for example {@code "endocs"}
     * @param settings the limits, the queue bound and the default pause
     * @return a new limiter with full buckets
     * @throws NullPointerException if an argument is null
     */
    static RateLimiter create(String provider, RateLimitSettings settings) {
        return create(provider, settings, Schedulers.parallel());
    }

    /**
     * An in-memory limiter for one credential, timed by the given scheduler: time is
     * {@code scheduler.now(NANOSECONDS)} and wake-ups are {@code scheduler.schedule(task, delay,
     * NANOSECONDS)}. Tests pass a {@code VirtualTimeScheduler}.
     *
     * @param provider the provider name used in errors, for example {@code "endocs"}
     * @param settings the limits, the queue bound and the default pause
     * @param scheduler the clock and the timers
     * @return a new limiter with full buckets
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a limit's period is too long to count in nanoseconds
     */
    static RateLimiter create(String provider, RateLimitSettings settings, Scheduler scheduler) {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(scheduler, "scheduler");
        return new InMemoryRateLimiter(provider, settings, scheduler);
    }

    /**
     * Waits for the permission to send one request.
     *
     * <p>The returned {@code Mono} completes empty when the request may leave: it then holds a permit
     * of every limit matching {@code (method, path)} and no server pause is in force. A request that
     * matches no limit completes at once unless a pause is in force. Nothing happens until it is
     * subscribed, and each subscription asks for a new permit. No thread blocks while it waits.
     *
     * <p>If the request cannot have its permits at once and {@link RateLimitSettings#maxQueue()}
     * requests are already waiting, it fails at once, on subscription, with a
     * {@link RateLimitedException} of source {@link RateLimitedException.Source#CLIENT_QUEUE_FULL}
     * whose message names the provider and the bound. Cancelling the subscription before it completes
     * leaves the queue and takes no permit.
     *
     * @param method the HTTP method, for example {@code "GET"}
     * @param path the request path, for example {@code "/servers/42"}
     * @return a {@code Mono} that completes when the request may be sent
     * @throws NullPointerException if an argument is null
     */
    Mono<Void> acquire(String method, String path);

    /**
     * Takes the permission to send one request if it can be had at once: the same permits as
     * {@link #acquire}, without a {@code Mono}, a queue or a wait. The pipeline asks this first and
     * subscribes to {@link #acquire} only when it answers {@code false}, so a limiter with free
     * tokens costs a request no operator. It never overtakes a queued waiter that needs one of the
     * same limits, and answers {@code false} while a server pause is in force.
     *
     * <p>The default answers {@code false} (every request takes {@link #acquire}): a limiter that
     * cannot decide without I/O (a shared one, say) keeps it.
     *
     * @param method the HTTP method, for example {@code "GET"}
     * @param path the request path, for example {@code "/servers/42"}
     * @return {@code true} when the request holds its permits and may leave now; {@code false} when
     *         it must {@link #acquire} them (nothing was taken)
     * @throws NullPointerException if an argument is null
     */
    default boolean tryAcquire(String method, String path) {
        java.util.Objects.requireNonNull(method, "method");
        java.util.Objects.requireNonNull(path, "path");
        return false;
    }

    /**
     * Pauses the whole limiter because the server answered 429: no request, whatever its method and
     * path, is let through until now + {@code duration}. A longer pause extends one in force; a shorter
     * one never shortens it. Requests wait in the queue meanwhile (and are refused when it is full).
     *
     * @param duration how long to pause, for example the server's {@code Retry-After} or
     *                 {@link RateLimitSettings#defaultPause()}; zero does nothing
     * @throws NullPointerException if {@code duration} is null
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    void pause(Duration duration);

    /**
     * How many requests wait for a permit now.
     *
     * @return the number of queued waiters
     */
    int queued();
}
