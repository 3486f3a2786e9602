package dev.volga.redis;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.testkit.RedisServer;
import dev.volga.transport.spi.RateLimiter;
import dev.volga.transport.spi.SharedState;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Waiters whose timers fire late (a stalled or cold JVM fires its overdue timers together) must not
 * go at once with the punctual waiters of the next window: the window of "5 per 2 s, 5 at once"
 * keeps at most 5 slots in any span shorter than period + margin, so at most 5 grants (each late by
 * at most the margin) in any span shorter than the period. The limiter's timers run on one thread,
 * which the test stalls for 1.5 s just before the second window; the slots are on the real Redis
 * server's clock. Grants are counted, no duration is asserted.
 */
class OverdueWaitersTest {

    private static final SharedState.Scope SCOPE = SharedState.Scope.of("endocs", Secret.of("token", "overdue-test-token"));
    private static final RateLimit LIMIT = RateLimit.of(5, Duration.ofSeconds(2)).burst(5);

    @Test
    void overdueWaitersDoNotJoinTheNextWindowsPunctualOnes() throws Exception {
        Scheduler timers = Schedulers.newSingle("overdue-test-timers");
        try (RedisServer redis = RedisServer.start();
             RedisSharedState state = RedisSharedState.builder(redis.uri()).keyPrefix("overdue")
                     .commandTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(10)).build()) {
            RateLimiter limiter = state.rateLimiter(SCOPE, RateLimitSettings.of(LIMIT).maxQueue(100), timers);
            List<Long> grants = Collections.synchronizedList(new ArrayList<>());
            // the Redis connection and the reservation path warm (another credential's limit), then
            // past the grace after connecting (one period + the probe interval), in which this
            // instance's in-memory share also counts: the shared slots alone are under test
            state.rateLimiter(SharedState.Scope.of("endocs", Secret.of("token", "warm-up-token")),
                    RateLimitSettings.of(LIMIT), reactor.core.scheduler.Schedulers.parallel()).acquire("GET", "/x").block(Duration.ofSeconds(10));
            Thread.sleep(LIMIT.period().toMillis() + 1_200);
            long start = System.nanoTime();
            // three windows' worth at once: 5 now, 5 one window later, 5 two windows later
            for (int i = 0; i < 15; i++) {
                limiter.acquire("GET", "/x").subscribe(null, e -> { }, () -> grants.add(System.nanoTime()));
            }
            // the timer thread stalls from 1.9 s to 3.4 s: the second window's timers (due at ~2.02 s)
            // fire 1.4 s late, 0.6 s before the third window's
            timers.schedule(() -> {
                try {
                    Thread.sleep(1_500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 1_900, java.util.concurrent.TimeUnit.MILLISECONDS);
            long deadline = start + Duration.ofSeconds(20).toNanos();
            while (grants.size() < 15 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(grants).as("every request got its permit").hasSize(15);
            List<Long> sorted = new ArrayList<>(grants);
            Collections.sort(sorted);
            // a grant may be late by up to the margin (that is what the margin is for): so at most 5 in
            // any span shorter than the period
            long window = LIMIT.period().toNanos();
            int most = 0;
            for (int i = 0; i < sorted.size(); i++) {
                int in = 0;
                for (long g : sorted) {
                    if (g >= sorted.get(i) && g - sorted.get(i) < window) {
                        in++;
                    }
                }
                most = Math.max(most, in);
            }
            System.out.println("grants (ms from start): " + sorted.stream().map(g -> (g - start) / 1_000_000).toList());
            assertThat(most).as("most grants in a span shorter than the period (%s)", LIMIT.period()).isLessThanOrEqualTo(5);
        } finally {
            timers.dispose();
        }
    }
}
