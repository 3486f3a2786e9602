package dev.volga.api;

/**
 * The request was not served because of a rate limit: either the server answered 429
 * ({@link Source#SERVER}, with {@link #retryAfter()} when it said how long to wait), or the
 * client's own waiting queue for the key was full ({@link Source#CLIENT_QUEUE_FULL}) and the request
 * was refused at once, before any I/O.
 */
public class RateLimitedException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** Where the limit was hit. */
    public enum Source {
        /** The server answered 429 Too Many Requests. */
        SERVER,
        /** The client-side limiter's bounded queue was full; nothing was sent. */
        CLIENT_QUEUE_FULL
    }

    /** Where the limit was hit. */
    private final Source source;

    /**
     * @param error the facts
     * @param source where the limit was hit
     * @param cause the cause, or null
     */
    public RateLimitedException(ApiError error, Source source, Throwable cause) {
        super(error, cause);
        this.source = java.util.Objects.requireNonNull(source, "source");
    }

    /** @return where the limit was hit */
    public Source source() {
        return source;
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code RateLimitedException}
     */
    @Override
    protected RateLimitedException copyWith(ApiError newError) {
        return new RateLimitedException(newError, source, getCause());
    }
}
