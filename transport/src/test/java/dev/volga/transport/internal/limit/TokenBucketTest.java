package dev.volga.transport.internal.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.RateLimit;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The exact arithmetic of one bucket, without queue or timer. */
class TokenBucketTest {

    @Test
    void startsFullWithItsBurstThenRefillsOneTokenPerInterval() {
        TokenBucket bucket = new TokenBucket(RateLimit.of(10, Duration.ofSeconds(1)).burst(3).margin(java.time.Duration.ZERO), 0);
        for (int i = 0; i < 3; i++) {
            assertThat(bucket.nextTokenAt()).isLessThanOrEqualTo(0);
            bucket.take(0);
        }
        assertThat(bucket.nextTokenAt()).isEqualTo(100_000_000L);
    }

    @Test
    void aSaturatedBucketReleasesTheNthPermitAtExactlyCeilOfNTimesTheIntervalForMillionsOfPermits() {
        // 7 permits per second: the interval is 142857142 + 6/7 ns.
        TokenBucket bucket = new TokenBucket(RateLimit.of(7, Duration.ofSeconds(1)).margin(java.time.Duration.ZERO), 0);
        long n = 3_000_000; // over five days of permits
        for (long k = 0; k < n; k++) {
            long at = bucket.nextTokenAt();
            long exact = (k * 1_000_000_000L + 6) / 7; // ceil(k * 1e9 / 7)
            if (at != exact) {
                assertThat(at).as("permit %d", k).isEqualTo(exact);
            }
            bucket.take(at);
        }
        assertThat(bucket.nextTokenAt()).isEqualTo((n * 1_000_000_000L + 6) / 7);
    }

    @Test
    void anIdleBucketIsCappedAtItsBurst() {
        TokenBucket bucket = new TokenBucket(RateLimit.of(10, Duration.ofSeconds(1)).burst(2).margin(java.time.Duration.ZERO), 0);
        bucket.take(0);
        bucket.take(0);
        long later = Duration.ofHours(1).toNanos();
        bucket.take(later);
        bucket.take(later);
        assertThat(bucket.nextTokenAt()).isEqualTo(later + 100_000_000L);
    }

    @Test
    void aLongPeriodWithManyPermitsDoesNotOverflow() {
        TokenBucket bucket = new TokenBucket(
                RateLimit.of(Integer.MAX_VALUE, Duration.ofDays(365L * 200)).burst(Integer.MAX_VALUE).margin(java.time.Duration.ZERO), 0);
        assertThat(bucket.nextTokenAt()).isLessThanOrEqualTo(0);
        bucket.take(0);
        assertThat(bucket.nextTokenAt()).isLessThanOrEqualTo(0);
    }
}
