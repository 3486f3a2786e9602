package dev.volga.testkit.clodo;

/** A failure of a Clodo route, answered in Clodo's error format with its status and details. */
final class ClodoFail extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;

    ClodoFail(int status, String details) {
        super(details, null, false, false);
        this.status = status;
    }
}
