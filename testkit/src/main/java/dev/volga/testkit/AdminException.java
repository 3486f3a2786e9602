package dev.volga.testkit;

/**
 * A refused admin request: answered with {@link #status()} and {@code {"error": message}}.
 */
public final class AdminException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The HTTP status of the answer. */
    private final int status;

    /**
     * A refusal.
     *
     * @param status the HTTP status, 400 to 599
     * @param message what was wrong, in words a user of the admin API understands
     */
    public AdminException(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an admin refusal needs a 4xx or 5xx status: " + status);
        }
        this.status = status;
    }

    /**
     * A {@code 400 Bad Request} refusal.
     *
     * @param message what was wrong
     * @return the exception
     */
    public static AdminException badRequest(String message) {
        return new AdminException(400, message);
    }

    /**
     * A {@code 404 Not Found} refusal.
     *
     * @param message what was not found
     * @return the exception
     */
    public static AdminException notFound(String message) {
        return new AdminException(404, message);
    }

    /**
     * The HTTP status of the answer.
     *
     * @return the status
     */
    public int status() {
        return status;
    }
}
