package dev.volga.testkit.nodul;

/** A failure of a provider request, answered as a {@code success:false} envelope. */
final class NodulFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The HTTP status of the answer. */
    final int status;
    /** The error code in {@code errors[0].code}. */
    final String code;

    NodulFailure(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }
}
