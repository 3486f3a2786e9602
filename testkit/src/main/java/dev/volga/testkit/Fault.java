package dev.volga.testkit;

/**
 * A transport-level misbehaviour a {@link StubResponse} can inject instead of, or while, answering.
 * For faults by endpoint, count or time window, in each provider's wire form, see
 * {@link FaultRule} and {@link StubServer#faults()}.
 *
 * <p>Clients that retry on a dropped pooled connection (Reactor Netty's {@code HttpClient} does so
 * once by default) consume a second script or route answer; disable such retries in tests that
 * count requests.
 */
public enum Fault {
    /** No fault: the response is sent normally. */
    NONE,
    /**
     * Close the connection without reading the request body and without any response. The request
     * line and headers are still journaled, with an empty body. Honoured before the body is read
     * only when the response comes from a script ({@link StubServer#enqueue}) or an injected
     * {@link FaultRule#dropBeforeRead()}; a route handler needs the complete request, so when a
     * handler returns it the body has already been read.
     */
    DROP_BEFORE_READ,
    /** Read and journal the whole request, then close the connection without any response. */
    DROP_AFTER_READ,
    /**
     * Send status and headers with a {@code Content-Length} larger than the body, send only part of
     * the body (at most half of it), then close the connection.
     */
    TRUNCATED_BODY,
    /**
     * Send the complete body in small chunks with a pause between chunks, see
     * {@link StubResponse#slowBody(int, java.time.Duration)}.
     */
    SLOW_BODY
}
