package dev.volga.endocs;

import dev.volga.api.ApiError;
import dev.volga.api.ClientErrorException;

/**
 * The EnDocs account is blocked ({@code #err-50}): reads of feeds and users and every write are refused until the account is unblocked.
 */
public class AccountBlockedException extends ClientErrorException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts
     * @param cause the cause, or null
     */
    public AccountBlockedException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code AccountBlockedException}
     */
    @Override
    protected AccountBlockedException copyWith(ApiError newError) {
        return new AccountBlockedException(newError, getCause());
    }
}
