package dev.volga.api;

/**
 * The provider rejected the request (4xx other than authentication, not found and rate limiting).
 */
public class ClientErrorException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts
     * @param cause the cause, or null
     */
    public ClientErrorException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code ClientErrorException}
     */
    @Override
    protected ClientErrorException copyWith(ApiError newError) {
        return new ClientErrorException(newError, getCause());
    }
}
