package dev.volga.transport.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks whose messages name the parameter, shared by the transport's builders. */
public final class Checks {

    private Checks() {
    }

    /**
     * @param value the duration
     * @param name the parameter name for the message
     * @return the duration
     * @throws NullPointerException if it is null
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    /**
     * @param value the number
     * @param name the parameter name for the message
     * @return the number
     * @throws IllegalArgumentException if it is zero or negative
     */
    public static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}
