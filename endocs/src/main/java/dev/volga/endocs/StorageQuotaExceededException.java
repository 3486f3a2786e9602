package dev.volga.endocs;

import dev.volga.api.ApiError;
import dev.volga.api.ClientErrorException;

/**
 * The account's storage quota is used up ({@code #err-60}): writes are refused until space is freed or the plan changes.
 */
public class StorageQuotaExceededException extends ClientErrorException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts
     * @param cause the cause, or null
     */
    public StorageQuotaExceededException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code StorageQuotaExceededException}
     */
    @Override
    protected StorageQuotaExceededException copyWith(ApiError newError) {
        return new StorageQuotaExceededException(newError, getCause());
    }
}
