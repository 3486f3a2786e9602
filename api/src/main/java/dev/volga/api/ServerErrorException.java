package dev.volga.api;

/**
 * The provider failed to handle a request (5xx), after any retries the policy allowed.
 */
public class ServerErrorException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts
     * @param cause the cause, or null
     */
    public ServerErrorException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code ServerErrorException}
     */
    @Override
    protected ServerErrorException copyWith(ApiError newError) {
        return new ServerErrorException(newError, getCause());
    }
}
