package dev.volga.api;

/**
 * The store that the instances of a service share in fleet mode (for example Redis) could not be
 * used in time, and the configured policy is to fail rather than to fall back to local limits.
 * Nothing was sent to the provider. The message names the store's endpoint, never its password.
 */
public class SharedStateException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts (provider and message)
     * @param cause the store's own failure, or null
     */
    public SharedStateException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code SharedStateException}
     */
    @Override
    protected SharedStateException copyWith(ApiError newError) {
        return new SharedStateException(newError, getCause());
    }
}
