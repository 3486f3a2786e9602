package dev.volga.api;

/**
 * The credentials were refused: a failed login, a rejected or expired token that a fresh login did not cure.
 */
public class AuthenticationException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts
     * @param cause the cause, or null
     */
    public AuthenticationException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code AuthenticationException}
     */
    @Override
    protected AuthenticationException copyWith(ApiError newError) {
        return new AuthenticationException(newError, getCause());
    }
}
