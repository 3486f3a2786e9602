package dev.volga.api;

/**
 * No usable response: the connection could not be made, timed out, closed early, the response
 * was larger than the configured cap or broke HTTP's framing. {@link #kind()} says which.
 */
public class TransportException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** What went wrong on the wire. */
    public enum Kind {
        /** The connection could not be opened; nothing was sent. */
        CONNECT,
        /** No (complete) response within the response timeout. */
        TIMEOUT,
        /** The connection closed or failed before the response was complete. */
        CONNECTION_CLOSED,
        /** The response body was larger than the configured cap; it was not buffered. */
        RESPONSE_TOO_LARGE,
        /** Any other I/O failure. */
        IO,
        /**
         * The response broke HTTP's framing: a status line or header too long, a bad chunk, an
         * unknown protocol version, an unreadable {@code Content-Length}. Nothing of it was
         * passed on; like a body that cannot be decoded, it is not retried.
         */
        MALFORMED_RESPONSE
    }

    /** What went wrong on the wire. */
    private final Kind kind;
    /** Whether any byte of the request may have reached the server. */
    private final boolean requestSent;

    /**
     * @param error the facts
     * @param kind what went wrong
     * @param requestSent whether any byte of the request may have reached the server
     * @param cause the cause, or null
     */
    public TransportException(ApiError error, Kind kind, boolean requestSent, Throwable cause) {
        super(error, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
        this.requestSent = requestSent;
    }

    /** @return what went wrong */
    public Kind kind() {
        return kind;
    }

    /**
     * Whether the request may have reached the server. When false, retrying even a
     * non-idempotent request cannot duplicate a write.
     *
     * @return true if the request was (possibly) written
     */
    public boolean requestSent() {
        return requestSent;
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code TransportException}
     */
    @Override
    protected TransportException copyWith(ApiError newError) {
        return new TransportException(newError, kind, requestSent, getCause());
    }
}
