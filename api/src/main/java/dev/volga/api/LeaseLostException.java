package dev.volga.api;

/**
 * A feed processor's lease passed to another instance (it expired while this one was paused, or
 * another took it over), so this instance's checkpoint write was refused: the checkpoint did not
 * move. The item it was written for will be (or was) delivered again to the new holder.
 */
public class LeaseLostException extends ApiException {

    private static final long serialVersionUID = 1L;

    /**
     * @param error the facts (provider and message: the lease's name, never a credential)
     * @param cause the store's own failure, or null
     */
    public LeaseLostException(ApiError error, Throwable cause) {
        super(error, cause);
    }

    /**
     * {@inheritDoc}
     *
     * @param newError the facts of the copy
     * @return the copy, a {@code LeaseLostException}
     */
    @Override
    protected LeaseLostException copyWith(ApiError newError) {
        return new LeaseLostException(newError, getCause());
    }
}
