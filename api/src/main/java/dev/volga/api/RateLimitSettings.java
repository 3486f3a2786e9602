package dev.volga.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The client-side rate limiting of one credential (API key): the limits that apply, how many
 * requests may wait for a permit before new ones are refused, and how long to pause after a 429
 * that did not say {@code Retry-After}.
 *
 * <pre>{@code
 * RateLimitSettings endocs = RateLimitSettings.of(RateLimit.of(300, Duration.ofMinutes(1)));
 * }</pre>
 *
 * @param limits the limits; empty means unlimited
 * @param maxQueue how many requests may wait for a permit at once, at least 1
 * @param defaultPause pause after a 429 without {@code Retry-After}, positive
 */
public record RateLimitSettings(List<RateLimit> limits, int maxQueue, Duration defaultPause) {

    /** Default bound of the waiting queue. */
    public static final int DEFAULT_MAX_QUEUE = 10_000;

    /** Default pause after a 429 that did not say how long to wait. */
    public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);

    /**
     * Validates the values.
     *
     * @param limits the limits; empty means unlimited
     * @param maxQueue how many requests may wait for a permit at once, at least 1
     * @param defaultPause pause after a 429 without {@code Retry-After}, positive
     */
    public RateLimitSettings {
        limits = List.copyOf(Objects.requireNonNull(limits, "limits"));
        Objects.requireNonNull(defaultPause, "defaultPause");
        if (maxQueue < 1) {
            throw new IllegalArgumentException("maxQueue must be at least 1, was " + maxQueue);
        }
        if (defaultPause.isZero() || defaultPause.isNegative()) {
            throw new IllegalArgumentException("defaultPause must be positive, was " + defaultPause);
        }
    }

    /**
     * Settings with these limits, the default queue bound and the default pause.
     *
     * @param limits the limits
     * @return the settings
     */
    public static RateLimitSettings of(RateLimit... limits) {
        return new RateLimitSettings(List.of(limits), DEFAULT_MAX_QUEUE, DEFAULT_PAUSE);
    }

    /**
     * No client-side limit (a 429 still pauses the key).
     *
     * @return the settings
     */
    public static RateLimitSettings unlimited() {
        return of();
    }

    /**
     * @param value how many requests may wait for a permit at once
     * @return a copy with that bound
     */
    public RateLimitSettings maxQueue(int value) {
        return new RateLimitSettings(limits, value, defaultPause);
    }

    /**
     * @param value pause after a 429 without {@code Retry-After}
     * @return a copy with that pause
     */
    public RateLimitSettings defaultPause(Duration value) {
        return new RateLimitSettings(limits, maxQueue, value);
    }
}
