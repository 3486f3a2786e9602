package dev.volga.transport.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.transport.spi.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Many threads against one limiter on a real scheduler. Nothing here asserts on time: only that
 * every request that was not cancelled gets through (no lost wake-up), nothing fails and the queue
 * ends empty. Timeouts are generous and only stop a hung run.
 */
class RateLimiterConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PER_THREAD = 1_000;

    private final Scheduler scheduler = Schedulers.newParallel("limiter-test", 4);
    private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

    @AfterEach
    void shutDown() {
        pool.shutdownNow();
        scheduler.dispose();
    }

    @Test
    void eightThreadsOfAThousandAcquiresAllCompleteOnAFastBucket() throws Exception {
        RateLimiter limiter = RateLimiter.create("endocs",
                RateLimitSettings.of(RateLimit.of(1_000_000, Duration.ofSeconds(1)).burst(1_000)), scheduler);
        Outcome outcome = run(limiter, 0);
        assertThat(outcome.completedInTime).as("all acquires completed").isTrue();
        assertThat(outcome.errors).isEmpty();
        assertThat(outcome.completed.get()).isEqualTo(THREADS * PER_THREAD);
        assertThat(limiter.queued()).isZero();
    }

    @Test
    void eightThreadsQueueingAndCancellingLoseNoWakeUp() throws Exception {
        // 8,000 requests at 100,000/s with burst 1: most of them queue and are released by timers,
        // while every 7th subscriber cancels right after subscribing and a second limit, shared by
        // only some requests, makes the walk skip and serve around blocked waiters.
        RateLimiter limiter = RateLimiter.create("endocs", RateLimitSettings.of(
                RateLimit.of(100_000, Duration.ofSeconds(1)),
                RateLimit.of(50_000, Duration.ofSeconds(1)).methods("POST").burst(10)), scheduler);
        Outcome outcome = run(limiter, 7);
        assertThat(outcome.completedInTime).as("all requests that were not cancelled completed").isTrue();
        assertThat(outcome.errors).isEmpty();
        assertThat(outcome.completed.get()).isBetween(outcome.expected, THREADS * PER_THREAD);
        assertThat(limiter.queued()).isZero();
    }

    private record Outcome(boolean completedInTime, AtomicInteger completed, int expected, Queue<Throwable> errors) {
    }

    /** Runs THREADS x PER_THREAD acquires; with {@code cancelEvery > 0} every n-th is cancelled at once. */
    private Outcome run(RateLimiter limiter, int cancelEvery) throws Exception {
        int expected = 0;
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < PER_THREAD; i++) {
                if (!(cancelEvery > 0 && i % cancelEvery == 0)) {
                    expected++;
                }
            }
        }
        CountDownLatch done = new CountDownLatch(expected);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger completed = new AtomicInteger();
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < PER_THREAD; i++) {
                    boolean cancel = cancelEvery > 0 && i % cancelEvery == 0;
                    String method = (i + thread) % 3 == 0 ? "POST" : "GET";
                    Disposable d = limiter.acquire(method, "/items").subscribe(null, errors::add, () -> {
                        completed.incrementAndGet();
                        if (!cancel) {
                            done.countDown();
                        }
                    });
                    if (cancel) {
                        d.dispose();
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        boolean inTime = done.await(60, TimeUnit.SECONDS);
        return new Outcome(inTime, completed, expected, errors);
    }
}
