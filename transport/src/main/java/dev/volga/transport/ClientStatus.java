package dev.volga.transport;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a client remembers of its own recent traffic, for health checks that must not send requests
 * of their own: the last successful call and login, the last failed ones, and how many requests wait
 * for a rate-limit permit now. Kept whether or not observations are configured, at the cost of a
 * couple of memory writes per call.
 *
 * @param provider the provider, e.g. {@code endocs}
 * @param lastSuccess when a call last succeeded, if ever
 * @param lastFailure the last failed call, if any
 * @param lastLogin when a token was last obtained (for clients that log in), if ever
 * @param lastLoginFailure the last failed login, if any
 * @param queued requests waiting for a rate-limit permit now
 */
public record ClientStatus(String provider, Optional<Instant> lastSuccess, Optional<Failure> lastFailure,
                           Optional<Instant> lastLogin, Optional<Failure> lastLoginFailure, int queued) {

    /**
     * Validates the fields.
     *
     * @param provider the provider, e.g. {@code endocs}
     * @param lastSuccess when a call last succeeded, if ever
     * @param lastFailure the last failed call, if any
     * @param lastLogin when a token was last obtained (for clients that log in), if ever
     * @param lastLoginFailure the last failed login, if any
     * @param queued requests waiting for a rate-limit permit now
     */
    public ClientStatus {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(lastLogin, "lastLogin");
        Objects.requireNonNull(lastLoginFailure, "lastLoginFailure");
    }

    /**
     * One failure, without its message (which may quote a server's text): what failed, when, with
     * which status and error code.
     *
     * @param at when
     * @param operation the operation, e.g. {@code plans.list} ({@code auth.login} for logins)
     * @param exception the simple class name of the exception
     * @param httpStatus the HTTP status, 0 when there was no answer
     * @param errorCode the provider's error code, if any
     * @param severe whether it says the provider or the credential is unusable (no answer, 5xx,
     *               authentication refused) rather than that one request was wrong
     */
    public record Failure(Instant at, String operation, String exception, int httpStatus, Optional<String> errorCode,
                          boolean severe) {
        /**
         * Validates the fields.
         *
         * @param at when
         * @param operation the operation, e.g. {@code plans.list} ({@code auth.login} for logins)
         * @param exception the simple class name of the exception
         * @param httpStatus the HTTP status, 0 when there was no answer
         * @param errorCode the provider's error code, if any
         * @param severe whether it says the provider or the credential is unusable
         */
        public Failure {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(exception, "exception");
            Objects.requireNonNull(errorCode, "errorCode");
        }
    }

    /**
     * Whether the most recent call failed in a way that says the provider or the credential is
     * unusable now (no answer, 5xx, authentication refused) rather than that one request was wrong
     * (a 4xx such as not found, a bad argument).
     *
     * @return true if the last finished call failed that way
     */
    public boolean lastCallFailedHard() {
        return lastFailure.filter(f -> f.severe() && lastSuccess.map(s -> !s.isAfter(f.at())).orElse(true)).isPresent();
    }

    /** @return true if the most recent login failed (no successful one since) */
    public boolean lastLoginFailed() {
        return lastLoginFailure.filter(f -> lastLogin.map(s -> !s.isAfter(f.at())).orElse(true)).isPresent();
    }
}
