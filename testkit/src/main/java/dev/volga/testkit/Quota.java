package dev.volga.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A server-side quota: {@code permits} requests per {@code period} for each key (a credential),
 * up to {@code burst} of them back to back — a token bucket, kept as its theoretical arrival time
 * (GCRA). A request past it is answered 429 with {@code Retry-After} in whole seconds (at least 1)
 * in the stub's own error form. Immutable; every modifier returns a copy.
 *
 * <p>Enable it with {@link StubServer#quota(Quota)} or a provider stub's {@code quota(…)}. The
 * quota counts requests the stub's logic answers (routes and fallback), measured when each request
 * arrives; injected faults and scripted responses neither count nor are refused.
 *
 * <pre>{@code
 * stub.quota(Quota.of(300, Duration.ofMinutes(1), 10).keyedBy(r -> r.header("Authorization").orElse("")));
 * }</pre>
 */
public final class Quota {

    private final int permits;
    private final Duration period;
    private final int burst;
    private final Clock clock;
    private final Function<RecordedRequest, String> key;

    private Quota(int permits, Duration period, int burst, Clock clock, Function<RecordedRequest, String> key) {
        this.permits = permits;
        this.period = period;
        this.burst = burst;
        this.clock = clock;
        this.key = key;
    }

    /**
     * A quota on the system clock with one bucket for all requests.
     *
     * @param permits requests per period, at least 1
     * @param period the period, positive
     * @param burst requests tolerated back to back, at least 1
     * @return the quota
     */
    public static Quota of(int permits, Duration period, int burst) {
        Objects.requireNonNull(period, "period");
        if (permits < 1 || burst < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a quota needs permits >= 1, burst >= 1 and a positive period");
        }
        return new Quota(permits, period, burst, Clock.systemUTC(), r -> "");
    }

    /**
     * Measures time by another clock, e.g. a test's controllable clock.
     *
     * @param value the clock
     * @return a copy on that clock
     */
    public Quota clock(Clock value) {
        return new Quota(permits, period, burst, Objects.requireNonNull(value, "clock"), key);
    }

    /**
     * Keeps one bucket per key, e.g. per token. A provider stub sets its own key (its credential)
     * when it enables a quota.
     *
     * @param value computes the key from the request line and headers (the body is not read yet,
     *     so it is empty); must not block
     * @return a copy with that key
     */
    public Quota keyedBy(Function<RecordedRequest, String> value) {
        return new Quota(permits, period, burst, clock, Objects.requireNonNull(value, "key"));
    }

    /**
     * Requests per period.
     *
     * @return the permits
     */
    public int permits() {
        return permits;
    }

    /**
     * The period.
     *
     * @return the period
     */
    public Duration period() {
        return period;
    }

    /**
     * Requests tolerated back to back.
     *
     * @return the burst
     */
    public int burst() {
        return burst;
    }

    /**
     * The clock time is measured by.
     *
     * @return the clock
     */
    public Clock clock() {
        return clock;
    }

    @Override
    public String toString() {
        return "Quota[" + permits + " per " + period + ", burst " + burst + "]";
    }

    /** The buckets of an enabled quota; thread-safe. */
    static final class State {
        private final Quota quota;
        private final long interval;
        private final long tolerance;
        private final Map<String, Long> tat = new HashMap<>();
        private int refused;

        State(Quota quota) {
            this.quota = quota;
            this.interval = Math.max(1, quota.period.toNanos() / quota.permits);
            this.tolerance = interval * (quota.burst - 1);
        }

        /**
         * Takes a permit for a request.
         *
         * @param request the request line and headers
         * @return null if allowed, else the {@code Retry-After} seconds
         */
        synchronized String take(RecordedRequest request) {
            String k = String.valueOf(quota.key.apply(request));
            Instant at = quota.clock.instant();
            long now = at.getEpochSecond() * 1_000_000_000L + at.getNano();
            long t = Math.max(tat.getOrDefault(k, now), now);
            if (t - now > tolerance) {
                refused++;
                long waitNanos = t - tolerance - now;
                return Long.toString(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
            }
            tat.put(k, t + interval);
            return null;
        }

        Quota quota() {
            return quota;
        }

        synchronized int refused() {
            return refused;
        }

        synchronized void reset() {
            tat.clear();
            refused = 0;
        }
    }
}
