package dev.volga.nodul.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** Argument checks made before any I/O, with messages that name the parameter. */
public final class Checks {

    private static final DateTimeFormatter RFC3339_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Checks() {
    }

    /**
     * @param value an id or name
     * @param name the parameter name
     * @return the value
     * @throws NullPointerException if null
     * @throws IllegalArgumentException if blank
     */
    public static String notBlank(String value, String name) {
        Objects.requireNonNull(value, () -> name + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /**
     * @param start the start, or null
     * @param end the end, or null
     * @param startName the start parameter's name
     * @param endName the end parameter's name
     * @throws IllegalArgumentException if both are set and start is after end
     */
    public static void period(Instant start, Instant end, String startName, String endName) {
        if (start != null && end != null && start.isAfter(end)) {
            throw new IllegalArgumentException(startName + " (" + start + ") must not be after " + endName + " (" + end + ")");
        }
    }

    /**
     * Formats a timestamp as Nodul's examples do: RFC 3339 UTC with milliseconds.
     *
     * @param instant the instant
     * @return e.g. {@code 2025-05-01T15:00:00.000Z}
     */
    public static String time(Instant instant) {
        return RFC3339_MILLIS.format(instant);
    }
}
