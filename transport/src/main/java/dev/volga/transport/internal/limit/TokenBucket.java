package dev.volga.transport.internal.limit;

import dev.volga.api.RateLimit;

/**
 * The token bucket of one {@link RateLimit}, kept as a GCRA "theoretical arrival time" (TAT) in exact
 * arithmetic: {@code burst} tokens at most, one more every {@code period / permits}.
 *
 * <p>The emission interval {@code I = period / permits} is rarely a whole number of nanoseconds
 * (one second / 3), so every instant the bucket keeps is a whole part in nanoseconds plus a part in
 * units of {@code 1 / permits} nanoseconds. Adding {@code I} then never rounds, and the n-th permit of
 * a saturated bucket is due at exactly {@code ceil(n * I)}: no drift, however long it runs.
 *
 * <p>GCRA: a token is available at {@code now} iff {@code now >= TAT - (burst - 1) * I}; taking one
 * sets {@code TAT = max(TAT, now) + I}. {@code TAT <= now} means a full bucket. Times are nanoseconds
 * relative to the limiter's creation.
 *
 * <p>Besides, at most {@code permits} tokens are taken in any span shorter than the limit's
 * {@link RateLimit#window() window} ({@code period + margin}): the instants of the tokens taken
 * within the last window are kept, and the {@code permits}-th latest of them plus the window is
 * the earliest the next one may go. A server counting any window of {@code period} (sliding or
 * aligned to its clock) then never sees more than {@code permits}, as long as requests' delays to
 * it differ by less than the margin (see {@link RateLimit}). The GCRA alone does not guarantee
 * this: with burst 1 it sends the {@code permits + 1}-th request exactly one period after the
 * first, and with a burst {@code b} up to {@code permits + b - 1} in one period. The instants kept
 * are those of actual release, never the back-dated ones the GCRA schedule may use; they cost one
 * {@code long} per token taken within the last window (at most {@code permits}).
 *
 * <p>Not thread-safe: the limiter guards every bucket with its lock.
 */
final class TokenBucket {

    /** The limit this bucket enforces. */
    final RateLimit limit;

    /** Denominator of every fractional part. */
    private final long permits;
    /** {@code I = intervalWhole + intervalPart / permits} nanoseconds. */
    private final long intervalWhole;
    private final long intervalPart;
    /** {@code (burst - 1) * I = toleranceWhole + tolerancePart / permits} nanoseconds. */
    private final long toleranceWhole;
    private final long tolerancePart;

    /** The window ({@code period + margin}) in nanoseconds. */
    private final long window;
    /** Release instants of the tokens taken within the last window, oldest first: a ring. */
    private long[] taken = new long[4];
    private int takenStart;
    private int takenSize;

    /** {@code TAT = tatWhole + tatPart / permits}, with {@code 0 <= tatPart < permits}. */
    private long tatWhole;
    private long tatPart;

    /** Queued waiters that need this bucket (a new request needing it must queue behind them). */
    int waiters;
    /** The number of the drain walk in which this bucket was last blocked by a waiter. */
    long blockedInWalk;

    /**
     * @param limit the limit
     * @param start the creation instant: the bucket starts full then
     * @throws IllegalArgumentException if the period does not fit in a {@code long} of nanoseconds
     */
    TokenBucket(RateLimit limit, long start) {
        this.limit = limit;
        long periodNanos;
        try {
            periodNanos = limit.period().toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("period of rate limit '" + limit.name() + "' is too long: "
                    + limit.period(), e);
        }
        this.permits = limit.permits();
        this.intervalWhole = periodNanos / permits;
        this.intervalPart = periodNanos % permits;
        long extra = limit.burst() - 1L;
        // extra * intervalWhole <= burst * period / permits <= period: no overflow.
        // extra * intervalPart < permits * permits < 2^62: no overflow.
        long partProduct = extra * intervalPart;
        this.toleranceWhole = extra * intervalWhole + partProduct / permits;
        this.tolerancePart = partProduct % permits;
        this.tatWhole = start;
        this.tatPart = 0;
        long w;
        try {
            w = limit.window().toNanos();
        } catch (ArithmeticException e) {
            w = Long.MAX_VALUE / 4;
        }
        this.window = Math.min(w, Long.MAX_VALUE / 4); // no overflow adding it to an instant
    }

    /**
     * The first instant, in whole nanoseconds, at which a token is available: {@code
     * ceil(TAT - tolerance)}. It only moves when a token is taken.
     *
     * @return the instant; at or before {@code now} means a token is available now
     */
    long nextTokenAt() {
        long whole = tatWhole - toleranceWhole;
        long part = tatPart - tolerancePart;
        if (part < 0) {
            part += permits;
            whole--;
        }
        long gcra = part > 0 ? whole + 1 : whole;
        if (takenSize < permits) {
            return gcra;
        }
        // permits tokens within the last window: the next goes once the oldest of them is a window old
        return Math.max(gcra, taken[takenStart] + window);
    }

    /** @return the emission interval {@code period / permits}, in whole nanoseconds (rounded down) */
    long interval() {
        return intervalWhole;
    }

    /**
     * Takes one token; the caller has checked {@code nextTokenAt() <= now}.
     *
     * <p>{@code max(TAT, now)} is taken with the integer clock in mind: a TAT less than one
     * nanosecond before {@code now} is kept as is, since {@code now} is only the first whole
     * nanosecond at or after it. Resetting it to {@code now} would drop the fraction at every
     * permit of a saturated bucket and let the schedule drift late (1 s / 3 would release at
     * multiples of 333,333,334 ns instead of {@code ceil(n * 1e9 / 3)}). The bucket so never holds
     * more than {@code burst} tokens plus one nanosecond's worth of refill.
     *
     * @param now the current instant
     */
    void take(long now) {
        take(now, now);
    }

    /**
     * Takes one token whose GCRA schedule instant is {@code at} (the limiter may back-date it to
     * when it was due, see {@code InMemoryRateLimiter}), released at {@code now}: the window counts
     * the real release.
     *
     * @param at the instant the GCRA schedule takes it at
     * @param now the current instant
     */
    void take(long at, long now) {
        record(now);
        gcraTake(at);
    }

    /** Keeps a release instant, forgetting those a window old (they constrain nothing any more). */
    private void record(long now) {
        while (takenSize > 0 && (takenSize >= permits || taken[takenStart] + window <= now)) {
            takenStart = (takenStart + 1) % taken.length;
            takenSize--;
        }
        if (takenSize == taken.length) {
            long[] grown = new long[(int) Math.min(permits, 2L * taken.length)];
            for (int i = 0; i < takenSize; i++) {
                grown[i] = taken[(takenStart + i) % taken.length];
            }
            taken = grown;
            takenStart = 0;
        }
        taken[(takenStart + takenSize) % taken.length] = now;
        takenSize++;
    }

    private void gcraTake(long now) {
        // Reset when TAT + 1 ns <= now, i.e. the bucket has been full for a whole nanosecond.
        if (tatWhole < now - 1 || (tatWhole == now - 1 && tatPart == 0)) {
            tatWhole = now;
            tatPart = 0;
        }
        tatPart += intervalPart;
        if (tatPart >= permits) {
            tatPart -= permits;
            tatWhole++;
        }
        tatWhole += intervalWhole;
    }

    @Override
    public String toString() {
        return "TokenBucket[" + limit.name() + ", nextTokenAt=" + nextTokenAt() + ", waiters=" + waiters + "]";
    }
}
