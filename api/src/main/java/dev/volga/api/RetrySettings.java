package dev.volga.api;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the transport retries a failed attempt: at most {@code maxAttempts} attempts in all, waiting
 * an exponentially growing backoff (from {@code firstBackoff}, doubling, capped at
 * {@code maxBackoff}) with random jitter of up to {@code jitter} of it. A server's
 * {@code Retry-After} wins when it is longer.
 *
 * <p>What is retried is fixed by safety, not by these settings: idempotent requests on connection
 * failures and 502/503/504; any request on 429 or when the connection failed before the request
 * was written.
 *
 * @param maxAttempts attempts in all, at least 1 (1 means no retry)
 * @param firstBackoff the first backoff, not negative
 * @param maxBackoff the largest backoff, not less than {@code firstBackoff}
 * @param jitter the random share of each backoff, between 0 and 1
 */
public record RetrySettings(int maxAttempts, Duration firstBackoff, Duration maxBackoff, double jitter) {

    /**
     * Validates the values.
     *
     * @param maxAttempts attempts in all, at least 1 (1 means no retry)
     * @param firstBackoff the first backoff, not negative
     * @param maxBackoff the largest backoff, not less than {@code firstBackoff}
     * @param jitter the random share of each backoff, between 0 and 1
     */
    public RetrySettings {
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (firstBackoff.isNegative()) {
            throw new IllegalArgumentException("firstBackoff must not be negative, was " + firstBackoff);
        }
        if (maxBackoff.compareTo(firstBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff must not be less than firstBackoff, was " + maxBackoff);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /**
     * Three attempts, 200 ms first backoff, 10 s cap, 50 % jitter.
     *
     * @return the defaults
     */
    public static RetrySettings defaults() {
        return new RetrySettings(3, Duration.ofMillis(200), Duration.ofSeconds(10), 0.5);
    }

    /**
     * One attempt, no retry.
     *
     * @return the settings
     */
    public static RetrySettings none() {
        return new RetrySettings(1, Duration.ZERO, Duration.ZERO, 0.0);
    }

    /**
     * @param value attempts in all
     * @return a copy with that cap
     */
    public RetrySettings maxAttempts(int value) {
        return new RetrySettings(value, firstBackoff, maxBackoff, jitter);
    }

    /**
     * @param first the first backoff
     * @param max the largest backoff
     * @return a copy with that backoff
     */
    public RetrySettings backoff(Duration first, Duration max) {
        return new RetrySettings(maxAttempts, first, max, jitter);
    }

    /**
     * @param value the random share of each backoff
     * @return a copy with that jitter
     */
    public RetrySettings jitter(double value) {
        return new RetrySettings(maxAttempts, firstBackoff, maxBackoff, value);
    }

    /**
     * The backoff before attempt {@code attempt + 1}, before jitter.
     *
     * @param attempt the attempt that just failed, from 1
     * @return the backoff
     */
    public Duration backoffAfter(int attempt) {
        if (firstBackoff.isZero()) {
            return Duration.ZERO;
        }
        long millis = firstBackoff.toMillis();
        for (int i = 1; i < attempt && millis < maxBackoff.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    /**
     * The wait before attempt {@code attempt + 1}: {@link #backoffAfter} less a random share of up to
     * {@link #jitter()} of it, so that callers that failed together do not all try again together.
     *
     * @param attempt the attempt that just failed, from 1
     * @return the wait, between {@code (1 - jitter) × backoffAfter(attempt)} and {@code backoffAfter(attempt)}
     */
    public Duration delayAfter(int attempt) {
        Duration backoff = backoffAfter(attempt);
        if (jitter == 0.0 || backoff.isZero()) {
            return backoff;
        }
        long millis = backoff.toMillis();
        return Duration.ofMillis(millis - (long) (ThreadLocalRandom.current().nextDouble() * jitter * millis));
    }
}
