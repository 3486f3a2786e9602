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

    /**
     * Percent-encodes a caller-supplied path segment so that it stays one segment of its route.
     *
     * <p>Servers and proxies decode a path before they remove its dot segments (RFC 3986 §5.2.4):
     * nginx decodes {@code %2E} and {@code %2F}, ASP.NET Core decodes {@code %2E}. So encoding alone
     * cannot save a value that <em>is</em> a dot segment, or holds one between slashes
     * ({@code ..}, {@code ./x}, {@code a/../..}, {@code ..\x}): such a value is refused. What is left
     * is encoded, {@code .} and {@code *} too (which {@link URLEncoder} keeps), so no {@code .} of a
     * value is ever sent bare. Control characters are refused as well.
     *
     * @throws IllegalArgumentException naming the parameter, never echoing the value
     */
    static String segment(String parameter, String value) {
        Objects.requireNonNull(value, parameter);
        if (value.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be blank");
        }
        printable(parameter, value);
        for (String piece : value.split("[/\\\\]", -1)) {
            if (piece.equals(".") || piece.equals("..")) {
                throw new IllegalArgumentException(parameter + " must not be or contain the dot segment '" + piece
                        + "': a server that normalises paths would route the request elsewhere");
            }
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace(".", "%2E").replace("*", "%2A");
    }

    /**
     * Refuses control characters (CR, LF, NUL, …) in a value bound for a header, a path or a
     * message: they would split a header or forge a log line. The message names the parameter and
     * the position, never the value (it may be a secret).
     *
     * @throws IllegalArgumentException if the value holds one
     */
    static String printable(String parameter, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format("%s must not contain control characters, found U+%04X at index %d",
                        parameter, (int) c, i));
            }
        }
        return value;
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
        return printable("requestId", given);
    }
}
