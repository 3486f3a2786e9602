package dev.volga.endocs;

import dev.volga.api.ApiError;
import dev.volga.api.ClientErrorException;

/**
 * The {@code Version1CExchange} sent is below the server's minimum ({@code #err-10}, "Need update 1C configuration version").
 */
public class ExchangeVersionTooOldException extends ClientErrorException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts
     * @param cause the cause, or null
     */
    public ExchangeVersionTooOldException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code ExchangeVersionTooOldException}
     */
    @Override
    protected ExchangeVersionTooOldException copyWith(ApiError newError) {
        return new ExchangeVersionTooOldException(newError, getCause());
    }
}
