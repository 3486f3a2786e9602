package dev.volga.transport.internal;

import java.net.URI;
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

    /**
     * @param value an absolute {@code http} or {@code https} URL without query or fragment
     * @param name its name in messages
     * @return the value
     * @throws IllegalArgumentException if it is not one
     */
    public static String httpUrl(String value, String name) {
        Objects.requireNonNull(value, name);
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a valid URL: " + value, e);
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException(name + " must be an absolute http(s) URL, was '" + value + "'");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException(name + " must not have a query or fragment, was '" + value + "'");
        }
        return value;
    }

    /**
     * @param value a duration, zero or more
     * @param name its name in messages
     * @return the value
     */
    public static Duration notNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }
}
