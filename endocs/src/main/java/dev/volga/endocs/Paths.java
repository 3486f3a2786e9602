package dev.volga.endocs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/** Path segments and the request-id rules shared by the resource groups. */
final class Paths {

    /** The longest {@code RequestID} the server stores. */
    static final int MAX_REQUEST_ID = 200;

    private Paths() {
    }

    /** Percent-encodes a non-blank path segment. */
    static String segment(String parameter, String value) {
        Objects.requireNonNull(value, parameter);
        if (value.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be blank");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static long positive(String parameter, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(parameter + " must be positive, was " + value);
        }
        return value;
    }

    /** The request id to send: the given one checked, or a fresh UUID. */
    static String requestId(String given) {
        if (given == null) {
            return UUID.randomUUID().toString();
        }
        if (given.isBlank()) {
            throw new IllegalArgumentException("requestId must not be blank (leave it null to have a UUID generated)");
        }
        if (given.length() > MAX_REQUEST_ID) {
            throw new IllegalArgumentException("requestId must be at most " + MAX_REQUEST_ID + " characters, was "
                    + given.length());
        }
        return given;
    }
}
