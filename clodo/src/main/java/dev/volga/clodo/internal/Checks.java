package dev.volga.clodo.internal;

import java.time.Duration;
import java.util.Objects;

/** Argument checks shared by the resource groups (all before any I/O). */
public final class Checks {

    private Checks() {
    }

    public static long id(long id, String what) {
        if (id <= 0) {
            throw new IllegalArgumentException(what + " must be positive, was " + id);
        }
        return id;
    }

    public static String text(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value.trim();
    }

    public static Duration timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        return timeout;
    }

    public static String ip(String value) {
        String v = text(value, "ip");
        if (!v.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") && !v.matches("[0-9a-fA-F:]+")) {
            throw new IllegalArgumentException("ip is not an IP address: " + v);
        }
        return v;
    }
}
