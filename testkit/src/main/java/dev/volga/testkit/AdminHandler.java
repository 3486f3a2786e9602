package dev.volga.testkit;

/**
 * Answers one request to a stub's admin API (under {@link StubServer#ADMIN_PREFIX}).
 *
 * <p>The returned value is written as JSON: a {@code Map}, {@code List}, {@code String}, number,
 * boolean or record; {@code null} answers {@code 204 No Content}. Throw {@link AdminException} for a
 * refusal with a status of your choice; an {@link IllegalArgumentException} is answered {@code 400}
 * with its message.
 *
 * @see StubServer#admin(String, String, AdminHandler)
 */
@FunctionalInterface
public interface AdminHandler {

    /**
     * Handles the request.
     *
     * @param request the admin request
     * @return the answer, written as JSON; {@code null} for none
     */
    Object handle(AdminRequest request);
}
