package dev.volga.redis;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RateLimitedException;
import dev.volga.api.Secret;
import dev.volga.testkit.RedisServer;
import dev.volga.transport.spi.RateLimiter;
import dev.volga.transport.spi.SharedState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reservation scripts against a real Redis, read through the keys they leave: several limits
 * reserve together or not at all, a cancelled waiter gives its slot back (in any order), a full queue
 * reserves nothing, keys carry the credential's hash tag and no secret.
 */
class ReservationTest {

    private static final SharedState.Scope SCOPE = SharedState.Scope.of("endocs", Secret.of("token", "reservation-test-token"));
    /**
     * PUT: one per 10 s (a single limit: reserves as far ahead as needed); POST /far: one per 10 s
     * and, with GET, one per second (two limits: reserves within the horizon only). Keys live as long
     * as their next slot is ahead, so the long periods keep them readable.
     */
    private static final RateLimitSettings LIMITS = RateLimitSettings.of(
            RateLimit.of(1, Duration.ofSeconds(10)).methods("PUT"),
            RateLimit.of(1, Duration.ofSeconds(10)).methods("POST").path("/far"),
            RateLimit.of(10, Duration.ofSeconds(10)).methods("GET", "POST")).maxQueue(1);

    private RedisServer redis;
    private RedisSharedState state;
    private RateLimiter limiter;

    @BeforeEach
    void start() throws Exception {
        redis = RedisServer.start();
        state = RedisSharedState.builder(redis.uri()).keyPrefix("res").commandTimeout(Duration.ofSeconds(3))
                .connectTimeout(Duration.ofSeconds(10)).build();
        limiter = state.rateLimiter(SCOPE, LIMITS, Schedulers.parallel());
    }

    @AfterEach
    void stop() throws Exception {
        state.close();
        redis.close();
    }

    private List<String> limitKeys() throws Exception {
        return redis.command("KEYS", "res:*:limit:*").lines().skip(1).filter(k -> !k.endsWith(":holes") && !k.endsWith(":slots")).sorted().toList();
    }

    private String values() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String k : limitKeys()) {
            sb.append(k).append('=').append(redis.command("GET", k)).append(';');
        }
        return sb.toString();
    }

    @Test
    void aRequestReservesInEveryLimitItMatchesUnderTheCredentialsHashTag() throws Exception {
        limiter.acquire("GET", "/a").block(Duration.ofSeconds(5));
        assertThat(limitKeys()).as("a GET matches only the general limit").hasSize(1);
        limiter.acquire("POST", "/far").block(Duration.ofSeconds(5));
        assertThat(limitKeys()).as("a POST /far matches two").hasSize(2)
                .allSatisfy(k -> assertThat(k).startsWith("res:{endocs:" + SCOPE.credential() + "}:limit:")
                        .doesNotContain("reservation-test-token"));
    }

    @Test
    void aCancelledWaiterGivesItsSlotsBack() throws Exception {
        limiter.acquire("PUT", "/a").block(Duration.ofSeconds(5));
        String afterFirst = values();

        AtomicBoolean released = new AtomicBoolean();
        Disposable second = limiter.acquire("PUT", "/a").subscribe(v -> { }, e -> { }, () -> released.set(true));
        long deadline = System.nanoTime() + 5_000_000_000L;
        // the slot is in Redis before this instance has read the answer and counts the waiter
        while ((values().equals(afterFirst) || limiter.queued() < 1) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(values()).as("the second PUT reserved a slot 10 s ahead").isNotEqualTo(afterFirst);
        assertThat(limiter.queued()).isEqualTo(1);

        second.dispose();
        deadline = System.nanoTime() + 5_000_000_000L;
        while (!values().equals(afterFirst) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(values()).as("the limit is back where the first PUT left it").isEqualTo(afterFirst);
        assertThat(released).isFalse();
        assertThat(limiter.queued()).isZero();
    }

    @Test
    void aFullQueueRefusesWithoutReservingAnything() throws Exception {
        limiter.acquire("PUT", "/a").block(Duration.ofSeconds(5));
        Disposable waiting = limiter.acquire("PUT", "/a").subscribe(v -> { }, e -> { });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (limiter.queued() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String before = values();

        assertThatThrownBy(() -> limiter.acquire("PUT", "/a").block(Duration.ofSeconds(5)))
                .isInstanceOf(RateLimitedException.class)
                .satisfies(e -> assertThat(((RateLimitedException) e).source()).isEqualTo(RateLimitedException.Source.CLIENT_QUEUE_FULL));
        assertThat(values()).as("the refused request reserved in no limit").isEqualTo(before);
        waiting.dispose();
    }

    @Test
    void aRequestWaitingBeyondTheHorizonHoldsNoSlotOfTheOtherLimits() throws Exception {
        limiter = state.rateLimiter(SCOPE, LIMITS.maxQueue(10), Schedulers.parallel());
        limiter.acquire("POST", "/far").block(Duration.ofSeconds(5));
        String afterFirst = values();
        Disposable far = limiter.acquire("POST", "/far").subscribe(v -> { }, e -> { });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (limiter.queued() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(values()).as("the second POST /far (10 s away) reserved nothing yet").isEqualTo(afterFirst);
        // were it holding a slot of the general limit 10 s ahead, this GET would wait 10 s, not 1
        limiter.acquire("GET", "/x").block(Duration.ofSeconds(5));
        assertThat(values()).as("the GET took the general limit's next slot, the far POST still none").isNotEqualTo(afterFirst);
        far.dispose();
    }

    private long holes() throws Exception {
        long n = 0;
        for (String k : redis.command("KEYS", "res:*:holes").lines().skip(1).toList()) {
            n += Long.parseLong(redis.command("ZCARD", k).substring(1));
        }
        return n;
    }

    private Disposable waiter() throws Exception {
        int before = limiter.queued();
        Disposable d = limiter.acquire("PUT", "/a").subscribe(v -> { }, e -> { });
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (limiter.queued() == before && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(limiter.queued()).as("the PUT waits for its slot").isEqualTo(before + 1);
        return d;
    }

    private void awaitHoles(long expected) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (holes() != expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void cancelledWaitersGiveTheirSlotsBackInAnyOrder() throws Exception {
        limiter = state.rateLimiter(SCOPE, LIMITS.maxQueue(10), Schedulers.parallel());
        limiter.acquire("PUT", "/a").block(Duration.ofSeconds(5));
        String afterFirst = values();
        // three PUTs wait for the slots 10, 20 and 30 s ahead
        Disposable first = waiter();
        Disposable second = waiter();
        Disposable third = waiter();
        String afterThree = values();

        second.dispose();
        awaitHoles(1);
        assertThat(holes()).as("the middle one's slot (20 s ahead) is a hole").isEqualTo(1);
        assertThat(values()).as("the later slot is still held").isEqualTo(afterThree);

        Disposable fourth = waiter();
        assertThat(holes()).as("a new PUT took the hole").isZero();
        assertThat(values()).as("...instead of a slot 40 s ahead").isEqualTo(afterThree);

        first.dispose();
        awaitHoles(1);
        fourth.dispose();
        awaitHoles(2);
        third.dispose();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!values().equals(afterFirst) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(values()).as("all three given back, the last one last: the limit is where the first PUT left it")
                .isEqualTo(afterFirst);
        assertThat(holes()).isZero();
        assertThat(limiter.queued()).isZero();
    }
}
