package dev.volga.api;

/**
 * A response arrived but could not be read as what was expected; the message names the expectation and shows a short, redacted excerpt.
 */
public class DecodingException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts
     * @param cause the cause, or null
     */
    public DecodingException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code DecodingException}
     */
    @Override
    protected DecodingException copyWith(ApiError newError) {
        return new DecodingException(newError, getCause());
    }
}
