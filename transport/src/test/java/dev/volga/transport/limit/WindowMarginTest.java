package dev.volga.transport.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.transport.spi.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Issue 21 item 2 on virtual time: "N per period" holds against a server that counts windows. At
 * most N permits go in any span shorter than {@code period + margin} (so at most N arrive in any
 * server window, sliding or clock-aligned, while delays to the server differ by less than the
 * margin), burst or not, and the limiter still uses at least 0.98 of the quota.
 */
class WindowMarginTest {

    private static final long MS = 1_000_000L;

    private final VirtualTimeScheduler vts = VirtualTimeScheduler.create();

    @AfterEach
    void dispose() {
        vts.dispose();
    }

    /** Queues {@code n} requests at once, runs virtual time for {@code span}, returns the release instants. */
    private List<Long> releases(RateLimit limit, int n, Duration span) {
        RateLimiter limiter = RateLimiter.create("test", RateLimitSettings.of(limit), vts);
        List<Long> at = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            limiter.acquire("GET", "/x").subscribe(null, e -> at.add(-1L), () -> at.add(vts.now(TimeUnit.NANOSECONDS)));
        }
        vts.advanceTimeBy(span);
        assertThat(at).as("every request released, none failed").hasSize(n).doesNotContain(-1L);
        return at;
    }

    /** The largest number of releases in any half-open span {@code [t, t + length)}. */
    private static int mostInAnySpan(List<Long> at, long length) {
        int most = 0;
        for (int i = 0, j = 0; i < at.size(); i++) {
            while (j < at.size() && at.get(j) < at.get(i) + length) {
                j++;
            }
            most = Math.max(most, j - i);
        }
        return most;
    }

    /** The largest number in any closed span {@code [t, t + length]}: what a both-ends sliding counter sees. */
    private static int mostInAnyClosedSpan(List<Long> at, long length) {
        return mostInAnySpan(at, length + 1);
    }

    @Test
    void twentyPerTwoSecondsKeepsTheDefaultMarginBetweenAPermitAndTheTwentiethAfterIt() {
        RateLimit limit = RateLimit.of(20, Duration.ofSeconds(2));
        assertThat(limit.margin()).as("1 % of the period").isEqualTo(Duration.ofMillis(20));
        List<Long> at = releases(limit, 100, Duration.ofSeconds(30));

        for (int i = 0; i + 20 < at.size(); i++) {
            assertThat(at.get(i + 20) - at.get(i)).as("permit %d and the 20th after it", i).isGreaterThanOrEqualTo(2020 * MS);
        }
        // a server window of 2 s, both ends included, anywhere: at most 20 even if the arrivals are
        // shifted against each other by up to the margin (less 1 ns)
        assertThat(mostInAnyClosedSpan(at, 2000 * MS)).isEqualTo(20);
        assertThat(mostInAnySpan(at, 2020 * MS)).isEqualTo(20);
        // utilisation over 4 windows and more: 100 permits, the 100th after 99 intervals and 4 margins
        assertThat(at.get(99)).isEqualTo(99 * 100 * MS + 4 * 20 * MS);
        double utilisation = (at.size() - 1) * 100.0 * MS / at.get(at.size() - 1);
        assertThat(utilisation).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void aBurstGoesBackToBackButNeverMoreThanThePermitsInAWindow() {
        // the defect: a token bucket of burst 20 let 20 go at once and then one every 100 ms, 39 in 2 s
        List<Long> at = releases(RateLimit.of(20, Duration.ofSeconds(2)).burst(20), 60, Duration.ofSeconds(30));

        assertThat(at.subList(0, 20)).as("the burst").containsOnly(0L);
        assertThat(at.get(20)).as("the 21st a window and its margin after the first").isEqualTo(2020 * MS);
        assertThat(mostInAnyClosedSpan(at, 2000 * MS)).isEqualTo(20);
        assertThat(mostInAnySpan(at, 2020 * MS)).isEqualTo(20);
        // 60 permits over 3 windows and their margins
        long windows = 3;
        assertThat(at.get(59)).isLessThanOrEqualTo(windows * 2020 * MS);
    }

    @Test
    void aMinuteQuotaKeepsSixHundredMillisecondsAndALongPeriodAtMostOneSecond() {
        assertThat(RateLimit.of(20, Duration.ofMinutes(1)).margin()).isEqualTo(Duration.ofMillis(600));
        assertThat(RateLimit.of(50, Duration.ofDays(1)).margin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(RateLimit.of(20, Duration.ofMinutes(1)).window()).isEqualTo(Duration.ofMillis(60_600));
        // the case: 20/min, the 21st no earlier than 60.6 s after the 1st (a cold first
        // connection 0.5 s slower than the 21st's still lands both in no 60 s window)
        List<Long> at = releases(RateLimit.of(20, Duration.ofMinutes(1)), 41, Duration.ofMinutes(5));
        assertThat(at.get(20) - at.get(0)).isEqualTo(60_600 * MS);
        assertThat(mostInAnySpan(at, 60_600 * MS)).isEqualTo(20);
    }

    @Test
    void aMarginOfZeroIsTheEvenSpacingOfTheTokenBucketAndANegativeOneIsRefused() {
        List<Long> at = releases(RateLimit.of(20, Duration.ofSeconds(2)).margin(Duration.ZERO), 41, Duration.ofSeconds(10));
        assertThat(at.get(20)).isEqualTo(2000 * MS);
        assertThat(at.get(40)).isEqualTo(4000 * MS);
        assertThatIllegalArgumentException().isThrownBy(() -> RateLimit.of(1, Duration.ofSeconds(1)).margin(Duration.ofMillis(-1)))
                .withMessageContaining("margin");
    }
}
