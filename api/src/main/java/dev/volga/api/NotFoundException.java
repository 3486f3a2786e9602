package dev.volga.api;

/**
 * The resource named by the request does not exist (usually HTTP 404).
 */
public class NotFoundException extends ClientErrorException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts
     * @param cause the cause, or null
     */
    public NotFoundException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code NotFoundException}
     */
    @Override
    protected NotFoundException copyWith(ApiError newError) {
        return new NotFoundException(newError, getCause());
    }
}
