package dev.volga.endocs;

import dev.volga.api.ApiError;
import dev.volga.api.ClientErrorException;

/**
 * A file is over EnDocs' 20 MB limit after base64 decoding ({@code #err-20}).
 */
public class FileTooLargeException extends ClientErrorException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts
     * @param cause the cause, or null
     */
    public FileTooLargeException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code FileTooLargeException}
     */
    @Override
    protected FileTooLargeException copyWith(ApiError newError) {
        return new FileTooLargeException(newError, getCause());
    }
}
