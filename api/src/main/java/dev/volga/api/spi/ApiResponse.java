package dev.volga.api.spi;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A complete HTTP response as a codec sees it: status, headers (names case-insensitive) and body.
 *
 * <p>The transport builds it after reading the whole body (within its size cap); the body is held
 * on the heap, so a codec never has to release anything. {@link #excerpt(int)} gives a short
 * printable piece of the body with every secret the transport knows masked, for error messages.
 */
public final class ApiResponse {

    private final int status;
    /** All headers, names case-insensitive; null until first asked for when read on demand. */
    private volatile Map<String, List<String>> headers;
    /** Every value of one header, read where the transport holds them; null when copied at once. */
    private final Function<String, List<String>> lookup;
    /** All headers, read where the transport holds them; null when copied at once. */
    private final Supplier<Map<String, List<String>>> all;
    private final byte[] body;
    /** When the response arrived; null until first asked for when read from a clock on demand. */
    private volatile Instant receivedAt;
    /** Reads the arrival time on demand; null when given at once. */
    private final Supplier<Instant> clock;
    private final UnaryOperator<String> redactor;

    /**
     * @param status the HTTP status
     * @param headers the headers; copied into a case-insensitive map
     * @param body the body bytes; not copied
     * @param receivedAt when the response arrived (for {@code Retry-After} dates)
     * @param redactor masks secrets in text meant for messages
     */
    public ApiResponse(int status, Map<String, List<String>> headers, byte[] body, Instant receivedAt,
                       UnaryOperator<String> redactor) {
        this(status, null, null, copy(Objects.requireNonNull(headers, "headers")), body,
                Objects.requireNonNull(receivedAt, "receivedAt"), null, redactor);
    }

    /**
     * A response whose headers stay where the transport read them until a codec asks: one header
     * is looked up there, and all of them are copied only when {@link #headers()} is first called
     * (most responses are decoded without reading a header, or read only one).
     *
     * @param status the HTTP status
     * @param lookup every value of one header, the name in any case; empty (or null) when absent
     * @param all all headers, read when {@link #headers()} is first called (perhaps more than
     *            once when threads race); the headers must not change
     * @param body the body bytes; not copied
     * @param receivedAt reads when the response arrived (for {@code Retry-After} dates), called
     *                   once, when {@link #receivedAt()} or {@link #retryAfter()} is first asked
     *                   (right after arrival: a codec decodes as the response is read)
     * @param redactor masks secrets in text meant for messages
     */
    public ApiResponse(int status, Function<String, List<String>> lookup, Supplier<Map<String, List<String>>> all,
                       byte[] body, Supplier<Instant> receivedAt, UnaryOperator<String> redactor) {
        this(status, Objects.requireNonNull(lookup, "lookup"), Objects.requireNonNull(all, "all"), null, body, null,
                Objects.requireNonNull(receivedAt, "receivedAt"), redactor);
    }

    private ApiResponse(int status, Function<String, List<String>> lookup, Supplier<Map<String, List<String>>> all,
                        Map<String, List<String>> headers, byte[] body, Instant receivedAt, Supplier<Instant> clock,
                        UnaryOperator<String> redactor) {
        this.status = status;
        this.lookup = lookup;
        this.all = all;
        if (headers != null) {
            this.headers = headers; // a volatile write only when there is something to publish
        }
        this.body = Objects.requireNonNull(body, "body");
        if (receivedAt != null) {
            this.receivedAt = receivedAt;
        }
        this.clock = clock;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    /** The headers in a case-insensitive, unmodifiable map. */
    private static Map<String, List<String>> copy(Map<String, List<String>> headers) {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> copy.merge(k, List.copyOf(v), (a, b) -> {
            java.util.ArrayList<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        return Collections.unmodifiableMap(copy);
    }

    /** @return the HTTP status code */
    public int status() {
        return status;
    }

    /** @return true for a 2xx status */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** @return all headers, names case-insensitive, unmodifiable */
    public Map<String, List<String>> headers() {
        Map<String, List<String>> map = headers;
        if (map == null) {
            map = copy(Objects.requireNonNull(all.get(), "the response's headers"));
            headers = map;
        }
        return map;
    }

    /**
     * @param name a header name, any case
     * @return the first value of that header, if present
     */
    public Optional<String> header(String name) {
        Map<String, List<String>> map = headers;
        List<String> values = map != null ? map.get(name) : lookup.apply(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** @return the body bytes (do not modify) */
    public byte[] body() {
        return body;
    }

    /** @return the body as a stream */
    public InputStream bodyStream() {
        return new ByteArrayInputStream(body);
    }

    /** @return the body decoded as UTF-8 */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** @return when the response arrived */
    public Instant receivedAt() {
        Instant at = receivedAt;
        if (at == null) {
            at = Objects.requireNonNull(clock.get(), "the response's arrival time");
            receivedAt = at;
        }
        return at;
    }

    /**
     * Masks every known secret in a text.
     *
     * @param text the text
     * @return the text with secrets replaced by {@code ***}
     */
    public String redact(String text) {
        return text == null ? null : redactor.apply(text);
    }

    /**
     * A short, printable, redacted piece of the body for error messages.
     *
     * @param maxChars the most characters to show
     * @return the excerpt, with "…" when cut
     */
    public String excerpt(int maxChars) {
        String text = bodyText();
        StringBuilder sb = new StringBuilder(Math.min(text.length(), maxChars) + 1);
        for (int i = 0; i < text.length() && sb.length() < maxChars; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        if (text.length() > maxChars) {
            sb.append('…');
        }
        return redact(sb.toString().strip());
    }

    /**
     * The pause asked for by a {@code Retry-After} header, in seconds or as an HTTP date.
     *
     * @return the pause (never negative), if the header is present and readable
     */
    public Optional<Duration> retryAfter() {
        return header("Retry-After").flatMap(v -> parseRetryAfter(v, receivedAt()));
    }

    /**
     * Reads a {@code Retry-After} value: delta-seconds or an HTTP date (RFC 1123).
     *
     * @param value the header value
     * @param now the time to measure a date from
     * @return the pause, never negative, if the value is readable
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            long seconds = Long.parseLong(v);
            return Optional.of(Duration.ofSeconds(Math.max(0, seconds)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(now, at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    @Override
    public String toString() {
        return "ApiResponse[" + status + ", " + body.length + " bytes]";
    }
}
