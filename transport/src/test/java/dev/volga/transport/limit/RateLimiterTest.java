package dev.volga.transport.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import dev.volga.api.ApiException;
import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RateLimitedException;
import dev.volga.transport.spi.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Behaviour of {@link RateLimiter#create(String, RateLimitSettings, reactor.core.scheduler.Scheduler)}
 * on virtual time: every release instant is asserted to the nanosecond.
 */
class RateLimiterTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();
    private final List<Release> releases = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    /** Request {@code index} completed at virtual time {@code atNanos}. */
    record Release(int index, long atNanos) {
    }

    @AfterEach
    void disposeScheduler() {
        vts.dispose();
    }

    /**
     * A limiter of these limits, each with margin zero: these tests pin the token bucket's schedule
     * to the nanosecond, where a margin would only delay every {@code permits}-th permit
     * ({@link WindowMarginTest} covers the margin).
     */
    private RateLimiter limiter(RateLimit... limits) {
        return RateLimiter.create("endocs", RateLimitSettings.of(java.util.Arrays.stream(limits)
                .map(l -> l.margin(Duration.ZERO)).toArray(RateLimit[]::new)), vts);
    }

    /** Subscribes now and records when (virtual nanos) request {@code index} is released. */
    private Disposable request(Mono<Void> acquire, int index) {
        return acquire.subscribe(null, errors::add, () -> releases.add(new Release(index, vts.now(TimeUnit.NANOSECONDS))));
    }

    /** The virtual clock, with every timer firing {@code late} nanoseconds after it was asked for. */
    private reactor.core.scheduler.Scheduler lateTimers(long late) {
        return new reactor.core.scheduler.Scheduler() {
            @Override
            public Disposable schedule(Runnable task) {
                return vts.schedule(task);
            }

            @Override
            public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
                return vts.schedule(task, unit.toNanos(delay) + late, TimeUnit.NANOSECONDS);
            }

            @Override
            public long now(TimeUnit unit) {
                return vts.now(unit);
            }

            @Override
            public Worker createWorker() {
                return vts.createWorker();
            }
        };
    }

    private void advanceTo(long nanos) {
        vts.advanceTimeBy(Duration.ofNanos(nanos - vts.now(TimeUnit.NANOSECONDS)));
    }

    private List<Integer> releasedIndexes() {
        return releases.stream().map(Release::index).collect(Collectors.toList());
    }

    private List<Long> releaseTimes() {
        return releases.stream().map(Release::atNanos).collect(Collectors.toList());
    }

    @Nested
    @DisplayName("spacing")
    class Spacing {

        @Test
        void tenPerSecondReleasesFiftyQueuedRequestsAtExactlyEveryHundredMillisecondsInOrder() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)));
            for (int k = 0; k < 50; k++) {
                request(limiter.acquire("GET", "/documents"), k);
            }
            assertThat(releasedIndexes()).containsExactly(0);
            assertThat(limiter.queued()).isEqualTo(49);

            // Just before each slot nothing more is out; at the slot exactly one more.
            for (int k = 1; k < 50; k++) {
                advanceTo(k * 100 * MS - 1);
                assertThat(releases).as("released before %d ms", k * 100).hasSize(k);
                advanceTo(k * 100 * MS);
                assertThat(releases).as("released at %d ms", k * 100).hasSize(k + 1);
            }
            vts.advanceTimeBy(Duration.ofSeconds(10));

            assertThat(releasedIndexes()).containsExactlyElementsOf(range(50));
            assertThat(releaseTimes()).containsExactlyElementsOf(
                    LongStream.range(0, 50).map(k -> k * 100 * MS).boxed().collect(Collectors.toList()));
            assertThat(limiter.queued()).isZero();
            assertThat(errors).isEmpty();
        }

        @Test
        void aTimerThatFiresLateDoesNotShiftTheLaterPermits() {
            // every wake-up comes 7 ms after it was asked for, as on a loaded machine (issue #7)
            long late = 7 * MS;
            // 100 per 10 s, one every 100 ms: the 50 permits stay within one window, whose count
            // (of real releases, late ones included) is not what this test is about
            RateLimiter limiter = RateLimiter.create("endocs", RateLimitSettings.of(RateLimit.of(100, Duration.ofSeconds(10)).margin(Duration.ZERO)), lateTimers(late));
            for (int k = 0; k < 50; k++) {
                request(limiter.acquire("GET", "/documents"), k);
            }
            vts.advanceTimeBy(Duration.ofSeconds(10));
            // permit k stays due at k × 100 ms and leaves at its (late) wake-up: 49 × 7 ms are not lost
            assertThat(releaseTimes()).containsExactlyElementsOf(
                    LongStream.range(0, 50).map(k -> k == 0 ? 0 : k * 100 * MS + late).boxed().collect(Collectors.toList()));
            assertThat(errors).isEmpty();
        }

        @Test
        void aStallLongerThanOneIntervalIsMadeUpByOnePermitOnly() {
            long late = 250 * MS; // each wake-up two and a half intervals late
            RateLimiter limiter = RateLimiter.create("endocs", RateLimitSettings.of(RateLimit.of(10, Duration.ofSeconds(1)).margin(Duration.ZERO)), lateTimers(late));
            for (int k = 0; k < 5; k++) {
                request(limiter.acquire("GET", "/documents"), k);
            }
            vts.advanceTimeBy(Duration.ofSeconds(10));
            // 0 at once; 1 due at 100 ms leaves at 350 ms with 2 (made up: one interval back);
            // 3 is then due at 450 ms and leaves at 700 ms with 4
            assertThat(releaseTimes()).containsExactly(0L, 350 * MS, 350 * MS, 700 * MS, 700 * MS);
        }

        @Test
        void oneTimerPerWakeUpAndNoneOnTheFastPath() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)));
            request(limiter.acquire("GET", "/a"), 0);
            assertThat(vts.getScheduledTaskCount()).as("fast path schedules nothing").isZero();
            for (int k = 1; k < 50; k++) {
                request(limiter.acquire("GET", "/a"), k);
            }
            assertThat(vts.getScheduledTaskCount()).as("one pending timer for 49 waiters").isEqualTo(1);
            vts.advanceTimeBy(Duration.ofSeconds(10));
            assertThat(releases).hasSize(50);
            assertThat(vts.getScheduledTaskCount()).as("one timer per release, no extra wake-ups").isEqualTo(49);
        }

        @Test
        void aRateThatIsNoWholeNumberOfNanosecondsDoesNotDrift() {
            RateLimiter limiter = limiter(RateLimit.of(3, Duration.ofSeconds(1)));
            int n = 31;
            for (int k = 0; k < n; k++) {
                request(limiter.acquire("GET", "/a"), k);
            }
            vts.advanceTimeBy(Duration.ofSeconds(11));
            // Permit k is due at exactly ceil(k * 1e9 / 3) ns: 0, 333333334, 666666667, 1000000000, ...
            assertThat(releaseTimes()).containsExactlyElementsOf(LongStream.range(0, n)
                    .map(k -> (k * S + 2) / 3).boxed().collect(Collectors.toList()));
            assertThat(releases.get(30).atNanos()).isEqualTo(10 * S);
        }

        @Test
        void burstOfFiveGoesAtOnceThenRequestsAreSpacedAndAnIdleBucketRefillsOnlyToTheBurst() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)).burst(5));
            for (int k = 0; k < 10; k++) {
                request(limiter.acquire("GET", "/a"), k);
            }
            assertThat(releases).hasSize(5);
            vts.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(releaseTimes()).containsExactly(0L, 0L, 0L, 0L, 0L, 100 * MS, 200 * MS, 300 * MS, 400 * MS, 500 * MS);

            // Idle for a minute: 600 permits' worth of time, but the bucket holds only 5.
            releases.clear();
            vts.advanceTimeBy(Duration.ofMinutes(1));
            long t0 = vts.now(TimeUnit.NANOSECONDS);
            for (int k = 0; k < 7; k++) {
                request(limiter.acquire("GET", "/a"), k);
            }
            vts.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(releaseTimes()).containsExactly(t0, t0, t0, t0, t0, t0 + 100 * MS, t0 + 200 * MS);
        }

        @Test
        void nothingHappensUntilSubscribedAndEachSubscriptionTakesItsOwnPermit() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)));
            Mono<Void> acquire = limiter.acquire("GET", "/a");
            for (int i = 0; i < 5; i++) {
                limiter.acquire("GET", "/a"); // never subscribed
            }
            assertThat(limiter.queued()).isZero();
            request(acquire, 0);
            request(acquire, 1);
            vts.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(releaseTimes()).containsExactly(0L, 100 * MS);
        }

        @Test
        void tryAcquireTakesOnlyAFreePermitNeverOvertakesAWaiterAndRespectsAPause() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)).burst(2).methods("POST"));
            assertThat(limiter.tryAcquire("POST", "/a")).isTrue();
            assertThat(limiter.tryAcquire("POST", "/a")).isTrue();
            assertThat(limiter.tryAcquire("POST", "/a")).as("the burst is spent").isFalse();
            request(limiter.acquire("POST", "/a"), 0); // waits for 100 ms
            assertThat(limiter.queued()).isEqualTo(1);
            vts.advanceTimeBy(Duration.ofMillis(50));
            assertThat(limiter.tryAcquire("GET", "/a")).as("no limit matches a GET").isTrue();
            vts.advanceTimeBy(Duration.ofMillis(50));
            assertThat(releaseTimes()).as("the waiter got its permit, tryAcquire took none").containsExactly(100 * MS);
            assertThat(limiter.tryAcquire("POST", "/a")).as("the waiter took the refill").isFalse();
            vts.advanceTimeBy(Duration.ofMillis(100));
            assertThat(limiter.tryAcquire("POST", "/a")).isTrue();

            limiter.pause(Duration.ofSeconds(1));
            assertThat(limiter.tryAcquire("GET", "/a")).as("a pause holds even what no limit matches").isFalse();
            vts.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(limiter.tryAcquire("GET", "/a")).isTrue();
            assertThatNullPointerException().isThrownBy(() -> limiter.tryAcquire(null, "/a"));
        }

        @Test
        void aRequestMatchingNoLimitGoesAtOnceWhileOthersWait() {
            RateLimiter limiter = limiter(RateLimit.of(1, Duration.ofMinutes(1)).methods("POST"));
            request(limiter.acquire("POST", "/a"), 0);
            request(limiter.acquire("POST", "/a"), 1);
            request(limiter.acquire("GET", "/a"), 2);
            assertThat(releasedIndexes()).containsExactly(0, 2);
            assertThat(limiter.queued()).isEqualTo(1);
        }
    }

    @Nested
    @DisplayName("cancellation")
    class Cancellation {

        @Test
        void aCancelledWaiterTakesNoPermitAndTheNextOneGetsItsSlot() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)));
            List<Disposable> subscriptions = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                subscriptions.add(request(limiter.acquire("GET", "/a"), k));
            }
            assertThat(limiter.queued()).isEqualTo(5);

            advanceTo(50 * MS);
            subscriptions.get(2).dispose();
            assertThat(limiter.queued()).isEqualTo(4);

            vts.advanceTimeBy(Duration.ofSeconds(2));
            // #2 would have been at 200 ms; #3 takes that slot, and the last request comes 100 ms
            // earlier than it would if the cancelled one had used a permit.
            assertThat(releases).containsExactly(new Release(0, 0), new Release(1, 100 * MS),
                    new Release(3, 200 * MS), new Release(4, 300 * MS), new Release(5, 400 * MS));
            assertThat(limiter.queued()).isZero();
            assertThat(errors).isEmpty();
        }

        @Test
        void cancellingTheWaiterTheTimerIsSetForHandsItsSlotToTheNext() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)));
            request(limiter.acquire("GET", "/a"), 0);
            Disposable first = request(limiter.acquire("GET", "/a"), 1);
            request(limiter.acquire("GET", "/a"), 2);
            advanceTo(99 * MS);
            first.dispose();
            vts.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(releases).containsExactly(new Release(0, 0), new Release(2, 100 * MS));
        }
    }

    @Nested
    @DisplayName("bounded queue")
    class BoundedQueue {

        @Test
        void whenMaxQueueWaitersWaitTheNextFailsAtOnceAndTheOthersStillGetThrough() {
            RateLimiter limiter = RateLimiter.create("endocs",
                    RateLimitSettings.of(RateLimit.of(10, Duration.ofSeconds(1)).margin(Duration.ZERO)).maxQueue(10), vts);
            request(limiter.acquire("GET", "/a"), 0); // takes the only token
            for (int k = 1; k <= 10; k++) {
                request(limiter.acquire("GET", "/a"), k);
            }
            assertThat(limiter.queued()).isEqualTo(10);
            assertThat(errors).isEmpty();

            request(limiter.acquire("GET", "/a"), 11);

            assertThat(vts.now(TimeUnit.NANOSECONDS)).isZero();
            assertThat(errors).singleElement().isInstanceOfSatisfying(RateLimitedException.class, e -> {
                assertThat(e.source()).isEqualTo(RateLimitedException.Source.CLIENT_QUEUE_FULL);
                assertThat(e.provider()).isEqualTo("endocs");
                assertThat(e.getMessage()).contains("endocs").contains("maxQueue=10").contains("queue is full");
            });
            assertThat(limiter.queued()).isEqualTo(10);

            vts.advanceTimeBy(Duration.ofSeconds(5));
            assertThat(releasedIndexes()).containsExactlyElementsOf(range(11));
            assertThat(releases.get(10).atNanos()).isEqualTo(1000 * MS);

            // The bound is on waiters now, not a total: room again once they have left.
            request(limiter.acquire("GET", "/a"), 12);
            assertThat(releasedIndexes()).endsWith(12);
            assertThat(errors).hasSize(1);
        }

        @Test
        void theQueueFullErrorComesThroughStepVerifier() {
            RateLimiter limiter = RateLimiter.create("clodo",
                    RateLimitSettings.of(RateLimit.of(1, Duration.ofHours(1))).maxQueue(1), vts);
            request(limiter.acquire("GET", "/a"), 0);
            request(limiter.acquire("GET", "/a"), 1);
            StepVerifier.create(limiter.acquire("GET", "/a"))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(RateLimitedException.class)
                            .hasMessageContaining("clodo").hasMessageContaining("maxQueue=1"))
                    .verify(Duration.ofSeconds(5));
        }
    }

    @Nested
    @DisplayName("several limits")
    class SeveralLimits {

        // POST: 10 a minute, one every 6 s (burst 1). POST /servers: also 50 a day with burst 50,
        // i.e. 50 back to back as far as this limit goes, then one every 1728 s (28.8 min).
        private final RateLimit posts = RateLimit.of(10, Duration.ofMinutes(1)).methods("POST").named("posts");
        private final RateLimit servers = RateLimit.of(50, Duration.ofDays(1)).burst(50).methods("POST")
                .path("/servers").named("servers");

        @Test
        void aPostToServersIsGovernedByTheStricterLimit() {
            RateLimiter limiter = limiter(posts, servers);
            for (int k = 0; k < 52; k++) {
                request(limiter.acquire("POST", "/servers"), k);
            }
            vts.advanceTimeBy(Duration.ofDays(2));
            List<Long> expected = LongStream.range(0, 50).map(k -> k * 6 * S).boxed().collect(Collectors.toList());
            // The day's 50 are gone at 294 s; the minute limit would allow #50 at 300 s, the day's
            // token bucket at 1728 s (its first refill), but that would be 51 within one day: the
            // day's window lets #50 go one day after #0, and #51 one day after #1 (issue 21 item 2).
            expected.add(86_400 * S);
            expected.add(86_406 * S);
            assertThat(releaseTimes()).containsExactlyElementsOf(expected);
            assertThat(releasedIndexes()).containsExactlyElementsOf(range(52));
        }

        @Test
        void aGetIsNotHeldBackByWaitingPosts() {
            RateLimit gets = RateLimit.of(5, Duration.ofSeconds(1)).methods("GET").named("gets");
            RateLimiter limiter = limiter(posts, servers, gets);
            for (int k = 0; k < 20; k++) {
                request(limiter.acquire("POST", "/servers"), k);
            }
            for (int k = 100; k < 103; k++) {
                request(limiter.acquire("GET", "/servers"), k);
            }
            request(limiter.acquire("DELETE", "/servers/1"), 200); // matches no limit
            vts.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(releases).containsExactly(new Release(0, 0), new Release(100, 0), new Release(200, 0),
                    new Release(101, 200 * MS), new Release(102, 400 * MS));
            assertThat(limiter.queued()).isEqualTo(19);
        }

        @Test
        void aPostElsewhereIsGovernedOnlyByThePostLimit() {
            RateLimiter limiter = limiter(posts, servers);
            for (int k = 0; k < 60; k++) {
                request(limiter.acquire("POST", "/other"), k);
            }
            request(limiter.acquire("POST", "/servers"), 60);
            vts.advanceTimeBy(Duration.ofMinutes(10));
            // 60 > 50: the day limit played no part, and still has its burst for /servers.
            assertThat(releaseTimes()).containsExactlyElementsOf(
                    LongStream.range(0, 61).map(k -> k * 6 * S).boxed().collect(Collectors.toList()));
            assertThat(releasedIndexes()).containsExactlyElementsOf(range(61));
        }

        @Test
        void aPostElsewhereIsNotHeldBackByAnEarlierPostWaitingForTheDailyLimit() {
            RateLimiter limiter = limiter(posts,
                    RateLimit.of(1, Duration.ofDays(1)).methods("POST").path("/servers").named("servers"),
                    RateLimit.of(1, Duration.ofMinutes(1)).methods("GET").named("gets"));
            request(limiter.acquire("POST", "/servers"), 0);
            request(limiter.acquire("POST", "/servers"), 1);
            request(limiter.acquire("POST", "/other"), 2);
            for (int k = 100; k < 103; k++) {
                request(limiter.acquire("GET", "/servers"), k);
            }
            // Arriving while #1 still waits for the day limit, #3 takes the per-minute POST token
            // that #1 is not waiting for.
            advanceTo(600 * S);
            request(limiter.acquire("POST", "/other"), 3);
            assertThat(limiter.queued()).isEqualTo(1);
            vts.advanceTimeBy(Duration.ofDays(2));
            long day = Duration.ofDays(1).toNanos();
            assertThat(releases).containsExactly(new Release(0, 0), new Release(100, 0), new Release(2, 6 * S),
                    new Release(101, 60 * S), new Release(102, 120 * S), new Release(3, 600 * S), new Release(1, day));
        }

        @Test
        void aWaiterHoldsBackOnlyTheLimitsItIsShortOf() {
            RateLimiter limiter = limiter(posts,
                    RateLimit.of(1, Duration.ofDays(1)).methods("POST").path("/servers").named("servers"));
            request(limiter.acquire("POST", "/other"), 0); // takes the minute token
            advanceTo(Duration.ofDays(1).toNanos());       // the minute limit has its token back
            request(limiter.acquire("POST", "/servers"), 1); // both limits allow it: goes at once
            request(limiter.acquire("POST", "/servers"), 2); // short of both: waits a day
            request(limiter.acquire("POST", "/other"), 3);   // short of "posts", behind #2
            vts.advanceTimeBy(Duration.ofDays(2));
            long day = Duration.ofDays(1).toNanos();
            // 6 s after #1, "posts" has a token: #2 still waits for "servers" and does not need it yet,
            // so #3 takes it; #2 goes when the day limit refills.
            assertThat(releases).containsExactly(new Release(0, 0), new Release(1, day), new Release(3, day + 6 * S),
                    new Release(2, 2 * day));
        }

        @Test
        void aWaiterShortOfTheSameLimitIsNeverOvertakenOnIt() {
            RateLimiter limiter = limiter(posts,
                    RateLimit.of(1, Duration.ofDays(1)).methods("POST").path("/servers").named("servers"));
            request(limiter.acquire("POST", "/servers"), 0); // takes both tokens
            advanceTo(Duration.ofDays(1).toNanos() - 1);   // "servers" refills in 1 ns, "posts" long since
            request(limiter.acquire("POST", "/other"), 1);   // takes the "posts" token
            request(limiter.acquire("POST", "/servers"), 2); // short of both now: "posts" in 6 s
            request(limiter.acquire("POST", "/other"), 3);   // short of "posts" too, behind #2
            vts.advanceTimeBy(Duration.ofSeconds(20));
            long start = Duration.ofDays(1).toNanos() - 1;
            assertThat(releases).containsExactly(new Release(0, 0), new Release(1, start),
                    new Release(2, start + 6 * S), new Release(3, start + 12 * S));
        }

        @Test
        void aWaiterOfAnotherLimitDueLaterDoesNotPostponeAnEarlierWakeUp() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)).methods("GET"),
                    RateLimit.of(1, Duration.ofMinutes(1)).methods("POST"));
            request(limiter.acquire("GET", "/a"), 0);
            request(limiter.acquire("GET", "/a"), 1); // due at 100 ms: timer
            request(limiter.acquire("POST", "/a"), 2);
            request(limiter.acquire("POST", "/a"), 3); // due at 60 s: the 100 ms timer stays
            vts.advanceTimeBy(Duration.ofMinutes(2));
            assertThat(releases).containsExactly(new Release(0, 0), new Release(2, 0), new Release(1, 100 * MS),
                    new Release(3, 60 * S));
            assertThat(vts.getScheduledTaskCount()).as("timers at 100 ms and 60 s, none replaced").isEqualTo(2);
        }
    }

    @Nested
    @DisplayName("server pause")
    class ServerPause {

        @Test
        void nothingIsReleasedDuringAPauseThenWaitersGoInOrder() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)).methods("GET"));
            limiter.pause(Duration.ofSeconds(2));
            request(limiter.acquire("GET", "/a"), 0);
            request(limiter.acquire("GET", "/a"), 1);
            request(limiter.acquire("POST", "/a"), 2); // no limit matches: only the pause holds it
            assertThat(limiter.queued()).isEqualTo(3);

            advanceTo(2 * S - 1);
            assertThat(releases).isEmpty();
            vts.advanceTimeBy(Duration.ofSeconds(1));
            assertThat(releases).containsExactly(new Release(0, 2 * S), new Release(2, 2 * S),
                    new Release(1, 2 * S + 100 * MS));
        }

        @Test
        void aPauseHoldsBackARequestThatWouldOtherwiseGoAtOnce() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)));
            limiter.pause(Duration.ofSeconds(2));
            StepVerifier.withVirtualTime(() -> limiter.acquire("GET", "/a"), () -> vts, Long.MAX_VALUE)
                    .expectSubscription()
                    .expectNoEvent(Duration.ofSeconds(2).minusNanos(1))
                    .thenAwait(Duration.ofNanos(1))
                    .expectComplete()
                    .verify(Duration.ofSeconds(5));
        }

        @Test
        void aShorterPauseNeverShortensALongerOneExtends() {
            RateLimiter limiter = limiter();
            limiter.pause(Duration.ofSeconds(2));
            request(limiter.acquire("GET", "/a"), 0);
            advanceTo(1 * S);
            limiter.pause(Duration.ofMillis(500)); // until 1.5 s: ignored
            advanceTo(2 * S - 1);
            assertThat(releases).isEmpty();
            advanceTo(2 * S);
            assertThat(releases).containsExactly(new Release(0, 2 * S));

            limiter.pause(Duration.ofSeconds(1)); // until 3 s
            request(limiter.acquire("GET", "/a"), 1);
            advanceTo(2 * S + 500 * MS);
            limiter.pause(Duration.ofSeconds(3)); // until 5.5 s: extends
            limiter.pause(Duration.ZERO); // nothing
            advanceTo(5 * S + 500 * MS - 1);
            assertThat(releases).hasSize(1);
            advanceTo(5 * S + 500 * MS);
            assertThat(releases).containsExactly(new Release(0, 2 * S), new Release(1, 5 * S + 500 * MS));
        }

        @Test
        void aPauseWhileWaitersWaitForTokensDelaysThemUntilItEnds() {
            RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)));
            request(limiter.acquire("GET", "/a"), 0);
            request(limiter.acquire("GET", "/a"), 1); // due at 100 ms, timer pending
            request(limiter.acquire("GET", "/a"), 2);
            advanceTo(50 * MS);
            limiter.pause(Duration.ofSeconds(1)); // until 1050 ms
            vts.advanceTimeBy(Duration.ofSeconds(2));
            assertThat(releases).containsExactly(new Release(0, 0), new Release(1, 1050 * MS),
                    new Release(2, 1150 * MS));
        }
    }

    @Test
    void aSchedulerThatRefusesTimersFailsTheWaitersInsteadOfStrandingThem() {
        RateLimiter limiter = limiter(RateLimit.of(10, Duration.ofSeconds(1)));
        request(limiter.acquire("GET", "/a"), 0);
        vts.dispose(); // refuses every task from now on
        request(limiter.acquire("GET", "/a"), 1);
        assertThat(releasedIndexes()).containsExactly(0);
        assertThat(errors).singleElement().isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.provider()).isEqualTo("endocs");
            assertThat(e).hasMessageContaining("scheduler rejected").hasCauseInstanceOf(RejectedExecutionException.class);
        });
        assertThat(limiter.queued()).isZero();
    }

    @Nested
    @DisplayName("input validation")
    class Validation {

        private final RateLimitSettings settings = RateLimitSettings.unlimited();

        @Test
        void nullArgumentsAreNamed() {
            assertThatNullPointerException().isThrownBy(() -> RateLimiter.create(null, settings)).withMessage("provider");
            assertThatNullPointerException().isThrownBy(() -> RateLimiter.create("p", null)).withMessage("settings");
            assertThatNullPointerException().isThrownBy(() -> RateLimiter.create("p", settings, null))
                    .withMessage("scheduler");
            RateLimiter limiter = RateLimiter.create("p", settings, vts);
            assertThatNullPointerException().isThrownBy(() -> limiter.acquire(null, "/a")).withMessage("method");
            assertThatNullPointerException().isThrownBy(() -> limiter.acquire("GET", null)).withMessage("path");
            assertThatNullPointerException().isThrownBy(() -> limiter.pause(null)).withMessage("duration");
        }

        @Test
        void aNegativePauseIsRefused() {
            RateLimiter limiter = RateLimiter.create("p", settings, vts);
            assertThatIllegalArgumentException().isThrownBy(() -> limiter.pause(Duration.ofSeconds(-1)))
                    .withMessageContaining("duration").withMessageContaining("PT-1S");
            request(limiter.acquire("GET", "/a"), 0);
            assertThat(releases).as("the refused pause did not pause").hasSize(1);
        }

        @Test
        void aPeriodTooLongForNanosecondsIsRefused() {
            RateLimitSettings ages = RateLimitSettings.of(RateLimit.of(1, Duration.ofDays(400L * 365)).named("ages"));
            assertThatIllegalArgumentException().isThrownBy(() -> RateLimiter.create("p", ages, vts))
                    .withMessageContaining("ages");
        }
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().collect(Collectors.toList());
    }
}
