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
 * counted one of the three ways servers count ({@link Mode}):
 * <ul>
 *   <li>{@link #of(int, Duration, int)}: a token bucket, up to {@code burst} back to back, kept as
 *       its theoretical arrival time (GCRA);</li>
 *   <li>{@link #slidingWindow(int, Duration)}: at most {@code permits} arrivals in any window of
 *       {@code period}, both ends included (a request exactly one period after the one
 *       {@code permits} before it is refused), the strictest counter;</li>
 *   <li>{@link #fixedWindow(int, Duration)}: at most {@code permits} arrivals in each window of
 *       {@code period} aligned to the clock's epoch (per clock minute for a minute), the counter
 *       reset at each boundary.</li>
 * </ul>
 * A request past it is answered 429 with {@code Retry-After} in whole seconds (at least 1) in the
 * stub's own error form; a refused request does not count. Immutable; every modifier returns a
 * copy.
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

    /** How a quota counts. */
    public enum Mode {
        /** A token bucket of {@code burst} (GCRA). */
        TOKEN_BUCKET,
        /** At most {@code permits} arrivals in any window of {@code period}, both ends included. */
        SLIDING_WINDOW,
        /** At most {@code permits} arrivals in each window of {@code period} aligned to the clock's epoch. */
        FIXED_WINDOW
    }

    private final Mode mode;
    private final int permits;
    private final Duration period;
    private final int burst;
    private final Clock clock;
    private final Function<RecordedRequest, String> key;

    private Quota(Mode mode, int permits, Duration period, int burst, Clock clock, Function<RecordedRequest, String> key) {
        this.mode = mode;
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
        return new Quota(Mode.TOKEN_BUCKET, permits, period, burst, Clock.systemUTC(), r -> "");
    }

    /**
     * A sliding-window counter on the system clock with one count for all requests: a request is
     * refused if {@code permits} requests were let in within the {@code period} before it, both
     * ends included.
     *
     * @param permits requests per period, at least 1
     * @param period the period, positive
     * @return the quota
     */
    public static Quota slidingWindow(int permits, Duration period) {
        return window(Mode.SLIDING_WINDOW, permits, period);
    }

    /**
     * A fixed-window counter on the system clock with one count for all requests: at most
     * {@code permits} requests in each window of {@code period} counted from the clock's epoch
     * (for a minute: each clock minute, as many servers count "per minute").
     *
     * @param permits requests per window, at least 1
     * @param period the window, positive
     * @return the quota
     */
    public static Quota fixedWindow(int permits, Duration period) {
        return window(Mode.FIXED_WINDOW, permits, period);
    }

    private static Quota window(Mode mode, int permits, Duration period) {
        Objects.requireNonNull(period, "period");
        if (permits < 1 || period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("a quota needs permits >= 1 and a positive period");
        }
        return new Quota(mode, permits, period, permits, Clock.systemUTC(), r -> "");
    }

    /**
     * Measures time by another clock, e.g. a test's controllable clock.
     *
     * @param value the clock
     * @return a copy on that clock
     */
    public Quota clock(Clock value) {
        return new Quota(mode, permits, period, burst, Objects.requireNonNull(value, "clock"), key);
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
        return new Quota(mode, permits, period, burst, clock, Objects.requireNonNull(value, "key"));
    }

    /**
     * How this quota counts.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
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
     * Requests tolerated back to back (for a window mode: {@code permits}).
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

    /**
     * This quota in words, for banners and logs: the mode, the permits per period, the rate per
     * second when the period is longer, and the burst of a token bucket, e.g. {@code "token bucket:
     * 300 per 1 minute (5 per second), burst 10"} or {@code "sliding window: 100 per 1 second"}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder sb = new StringBuilder(switch (mode) {
            case TOKEN_BUCKET -> "token bucket";
            case SLIDING_WINDOW -> "sliding window";
            case FIXED_WINDOW -> "fixed window";
        });
        sb.append(": ").append(permits).append(" per ").append(words(period));
        if (period.compareTo(Duration.ofSeconds(1)) > 0) {
            java.math.BigDecimal perSecond = java.math.BigDecimal.valueOf(permits)
                    .multiply(java.math.BigDecimal.valueOf(1_000_000_000L))
                    .divide(java.math.BigDecimal.valueOf(period.toNanos()), 3, java.math.RoundingMode.HALF_UP)
                    .stripTrailingZeros();
            sb.append(" (").append(perSecond.toPlainString()).append(" per second)");
        }
        if (mode == Mode.TOKEN_BUCKET) {
            sb.append(", burst ").append(burst);
        }
        return sb.toString();
    }

    private static String words(Duration d) {
        long nanos = d.toNanos();
        if (nanos % 3_600_000_000_000L == 0) {
            return plural(nanos / 3_600_000_000_000L, "hour");
        }
        if (nanos % 60_000_000_000L == 0) {
            return plural(nanos / 60_000_000_000L, "minute");
        }
        if (nanos % 1_000_000_000L == 0) {
            return plural(nanos / 1_000_000_000L, "second");
        }
        if (nanos % 1_000_000L == 0) {
            return (nanos / 1_000_000L) + " ms";
        }
        return d.toString();
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    /** This quota counted per the same key and on the same clock as another (the admin API keeps them). */
    Quota keyedLike(Quota other) {
        return new Quota(mode, permits, period, burst, other.clock, other.key);
    }

    @Override
    public String toString() {
        return mode == Mode.TOKEN_BUCKET ? "Quota[" + permits + " per " + period + ", burst " + burst + "]"
                : "Quota[" + permits + " per " + period + ", " + mode + "]";
    }

    /** The buckets (or counters) of an enabled quota; thread-safe. */
    static final class State {
        private final Quota quota;
        private final long interval;
        private final long tolerance;
        private final long periodNanos;
        private final Map<String, Long> tat = new HashMap<>();
        /** Sliding window: the instants let in within the last period, oldest first. */
        private final Map<String, java.util.ArrayDeque<Long>> arrivals = new HashMap<>();
        /** Fixed window: the window's number and its count. */
        private final Map<String, long[]> windows = new HashMap<>();
        private int refused;

        State(Quota quota) {
            this.quota = quota;
            this.interval = Math.max(1, quota.period.toNanos() / quota.permits);
            this.tolerance = interval * (quota.burst - 1);
            this.periodNanos = quota.period.toNanos();
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
            long waitNanos = switch (quota.mode) {
                case TOKEN_BUCKET -> bucket(k, now);
                case SLIDING_WINDOW -> sliding(k, now);
                case FIXED_WINDOW -> fixed(k, now);
            };
            if (waitNanos > 0) {
                refused++;
                return Long.toString(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
            }
            return null;
        }

        /** @return 0 when let in, else how long until it would be */
        private long bucket(String k, long now) {
            long t = Math.max(tat.getOrDefault(k, now), now);
            if (t - now > tolerance) {
                return t - tolerance - now;
            }
            tat.put(k, t + interval);
            return 0;
        }

        private long sliding(String k, long now) {
            java.util.ArrayDeque<Long> in = arrivals.computeIfAbsent(k, x -> new java.util.ArrayDeque<>());
            // both ends included: an arrival exactly one period ago still counts
            while (!in.isEmpty() && in.peekFirst() < now - periodNanos) {
                in.pollFirst();
            }
            if (in.size() >= quota.permits) {
                return in.peekFirst() + periodNanos - now + 1;
            }
            in.addLast(now);
            return 0;
        }

        private long fixed(String k, long now) {
            long number = Math.floorDiv(now, periodNanos);
            long[] w = windows.computeIfAbsent(k, x -> new long[] {number, 0});
            if (w[0] != number) {
                w[0] = number;
                w[1] = 0;
            }
            if (w[1] >= quota.permits) {
                return (number + 1) * periodNanos - now;
            }
            w[1]++;
            return 0;
        }

        Quota quota() {
            return quota;
        }

        synchronized int refused() {
            return refused;
        }

        synchronized void reset() {
            tat.clear();
            arrivals.clear();
            windows.clear();
            refused = 0;
        }
    }
}
