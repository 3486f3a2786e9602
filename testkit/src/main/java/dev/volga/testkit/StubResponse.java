package dev.volga.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Optional;

/**
 * An immutable description of what a {@link StubServer} answers: status, headers, body, an
 * optional delay before answering and an optional {@link Fault}. Every modifier returns a copy, so
 * a response can be defined once and reused.
 *
 * <p>Unless a {@code Content-Length} or {@code Transfer-Encoding} header is set explicitly, the
 * server sends a {@code Content-Length} equal to the body size.
 */
public final class StubResponse {

    private static final byte[] EMPTY = new byte[0];
    private static final int DEFAULT_SLOW_CHUNK = 8;
    private static final Duration DEFAULT_SLOW_PAUSE = Duration.ofMillis(10);

    private final int status;
    private final List<Map.Entry<String, String>> headers;
    private final byte[] body;
    private final Duration delay;
    private final Fault fault;
    private final int slowChunkBytes;
    private final Duration slowPause;
    private final Supplier<? extends Iterator<byte[]>> pieces;

    private StubResponse(int status, List<Map.Entry<String, String>> headers, byte[] body, Duration delay,
            Fault fault, int slowChunkBytes, Duration slowPause) {
        this(status, headers, body, delay, fault, slowChunkBytes, slowPause, null);
    }

    private StubResponse(int status, List<Map.Entry<String, String>> headers, byte[] body, Duration delay,
            Fault fault, int slowChunkBytes, Duration slowPause, Supplier<? extends Iterator<byte[]>> pieces) {
        this.status = status;
        this.headers = headers;
        this.body = body;
        this.delay = delay;
        this.fault = fault;
        this.slowChunkBytes = slowChunkBytes;
        this.slowPause = slowPause;
        this.pieces = pieces;
    }

    /**
     * A response with the given status, no headers and an empty body.
     *
     * @param status the HTTP status code, 100 to 999
     * @return the response
     * @throws IllegalArgumentException if the status is out of range
     */
    public static StubResponse status(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("HTTP status out of range: " + status);
        }
        return new StubResponse(status, List.of(), EMPTY, Duration.ZERO, Fault.NONE, DEFAULT_SLOW_CHUNK,
                DEFAULT_SLOW_PAUSE);
    }

    /**
     * A 200 response with a UTF-8 {@code text/plain} body.
     *
     * @param body the body text
     * @return the response
     */
    public static StubResponse ok(String body) {
        return status(200).header("Content-Type", "text/plain; charset=utf-8").body(body);
    }

    /**
     * A response with an {@code application/json} body.
     *
     * @param status the HTTP status code
     * @param json the JSON text, sent as UTF-8
     * @return the response
     */
    public static StubResponse json(int status, String json) {
        return status(status).header("Content-Type", "application/json").body(json);
    }

    /**
     * Sets a header, replacing every value of the same name (names are case-insensitive).
     *
     * @param name the header name
     * @param value the header value
     * @return a copy with the header set
     */
    public StubResponse header(String name, String value) {
        requireHeader(name, value);
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers.size() + 1);
        for (Map.Entry<String, String> h : headers) {
            if (!h.getKey().equalsIgnoreCase(name)) {
                copy.add(h);
            }
        }
        copy.add(Map.entry(name, value));
        return withHeaders(copy);
    }

    /**
     * Adds a header value, keeping existing values of the same name.
     *
     * @param name the header name
     * @param value the header value
     * @return a copy with the value added
     */
    public StubResponse addHeader(String name, String value) {
        requireHeader(name, value);
        List<Map.Entry<String, String>> copy = new ArrayList<>(headers);
        copy.add(Map.entry(name, value));
        return withHeaders(copy);
    }

    /**
     * Sets the body to the UTF-8 bytes of a text.
     *
     * @param utf8 the body text
     * @return a copy with the body set
     */
    public StubResponse body(String utf8) {
        Objects.requireNonNull(utf8, "utf8");
        return new StubResponse(status, headers, utf8.getBytes(StandardCharsets.UTF_8), delay, fault,
                slowChunkBytes, slowPause);
    }

    /**
     * Sets the body bytes (copied).
     *
     * @param bytes the body
     * @return a copy with the body set
     */
    public StubResponse body(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new StubResponse(status, headers, bytes.clone(), delay, fault, slowChunkBytes, slowPause, null);
    }

    /**
     * Waits before answering (or before injecting the fault). The wait runs on a timer, never on a
     * Netty event loop.
     *
     * @param delay the wait, zero for none
     * @return a copy with the delay set
     * @throws IllegalArgumentException if the delay is negative
     */
    public StubResponse delay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative delay: " + delay);
        }
        return new StubResponse(status, headers, body, delay, fault, slowChunkBytes, slowPause, pieces);
    }

    /**
     * Injects a fault. {@link Fault#SLOW_BODY} uses the chunk size and pause last set with
     * {@link #slowBody(int, Duration)}, by default 8 bytes every 10 ms.
     *
     * @param fault the fault, {@link Fault#NONE} to answer normally
     * @return a copy with the fault set
     */
    public StubResponse fault(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        return new StubResponse(status, headers, body, delay, fault, slowChunkBytes, slowPause, pieces);
    }

    /**
     * Sends the body slowly: {@code chunkBytes} at a time with {@code pause} before each chunk. Sets
     * the fault to {@link Fault#SLOW_BODY}.
     *
     * @param chunkBytes bytes per chunk, at least 1
     * @param pause the pause before each chunk, not negative
     * @return a copy sending its body slowly
     */
    public StubResponse slowBody(int chunkBytes, Duration pause) {
        Objects.requireNonNull(pause, "pause");
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1: " + chunkBytes);
        }
        if (pause.isNegative()) {
            throw new IllegalArgumentException("negative pause: " + pause);
        }
        return new StubResponse(status, headers, body, delay, Fault.SLOW_BODY, chunkBytes, pause);
    }

    /**
     * Sends a body generated piece by piece while the client reads it, with chunked transfer
     * encoding and backpressure: the next piece is produced only when the connection can take it,
     * so a listing far larger than memory can be served (and a client that stops reading stops the
     * generator). The supplier is called once per time the response is sent. Replaces the body.
     *
     * @param pieces a fresh iterator of the body's pieces per call, each piece not empty
     * @return a copy with the generated body
     */
    public StubResponse streamedBody(Supplier<? extends Iterator<byte[]>> pieces) {
        Objects.requireNonNull(pieces, "pieces");
        return new StubResponse(status, headers, EMPTY, delay, fault, slowChunkBytes, slowPause, pieces);
    }

    /** The generated body's pieces, or null (for the server). */
    Supplier<? extends Iterator<byte[]>> pieces() {
        return pieces;
    }

    /**
     * The status code.
     *
     * @return the status code
     */
    public int status() {
        return status;
    }

    /**
     * The headers in the order they were set, names as given.
     *
     * @return an immutable list of name-value pairs
     */
    public List<Map.Entry<String, String>> headers() {
        return headers;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, case-insensitive
     * @return the value, or empty if the header is not set
     */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /**
     * The body bytes.
     *
     * @return a copy of the body
     */
    public byte[] body() {
        return body.clone();
    }

    /**
     * The body decoded as UTF-8.
     *
     * @return the body text
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The wait before answering.
     *
     * @return the delay, zero for none
     */
    public Duration delay() {
        return delay;
    }

    /**
     * The injected fault.
     *
     * @return the fault, {@link Fault#NONE} for none
     */
    public Fault fault() {
        return fault;
    }

    /**
     * Bytes per chunk for {@link Fault#SLOW_BODY}.
     *
     * @return the chunk size
     */
    public int slowChunkBytes() {
        return slowChunkBytes;
    }

    /**
     * Pause before each chunk for {@link Fault#SLOW_BODY}.
     *
     * @return the pause
     */
    public Duration slowPause() {
        return slowPause;
    }

    /** Body bytes without copying, for the server. */
    byte[] bodyBytes() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StubResponse r && status == r.status && headers.equals(r.headers)
                && Arrays.equals(body, r.body) && delay.equals(r.delay) && fault == r.fault
                && slowChunkBytes == r.slowChunkBytes && slowPause.equals(r.slowPause) && Objects.equals(pieces, r.pieces);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body), delay, fault, slowChunkBytes, slowPause, pieces);
    }

    @Override
    public String toString() {
        return "StubResponse[status=" + status + ", headers=" + headers + ", body=" + body.length + " bytes"
                + (pieces == null ? "" : " (generated)") + (delay.isZero() ? "" : ", delay=" + delay) + (fault == Fault.NONE ? "" : ", fault=" + fault) + "]";
    }

    private StubResponse withHeaders(List<Map.Entry<String, String>> copy) {
        return new StubResponse(status, List.copyOf(copy), body, delay, fault, slowChunkBytes, slowPause, pieces);
    }

    private static void requireHeader(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("empty header name");
        }
    }
}
