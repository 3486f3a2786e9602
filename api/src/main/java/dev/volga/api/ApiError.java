package dev.volga.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of one failed call: the facts an {@link ApiException} carries.
 *
 * <p>Build one with {@link #builder(String)}; every field but the provider is optional.
 * Messages and details must already be free of secrets (the transport redacts what it prints).
 *
 * @param provider the provider name, for example {@code "nodul"}
 * @param httpStatus the HTTP status of the response, or 0 when no response arrived
 * @param code the provider's own error code, or null
 * @param message a human-readable message, never null
 * @param details further details from the provider, or null
 * @param requestId the provider's request id, or null
 * @param retryAfter how long the provider asked to wait, or null
 */
public record ApiError(String provider, int httpStatus, String code, String message, String details,
                       String requestId, Duration retryAfter) {

    /**
     * Validates the fields.
     *
     * @param provider the provider name, for example {@code "nodul"}
     * @param httpStatus the HTTP status of the response, or 0 when no response arrived
     * @param code the provider's own error code, or null
     * @param message a human-readable message, never null
     * @param details further details from the provider, or null
     * @param requestId the provider's request id, or null
     * @param retryAfter how long the provider asked to wait, or null
     */
    public ApiError {
        Objects.requireNonNull(provider, "provider");
        message = message == null || message.isBlank() ? "no message" : message;
        if (httpStatus < 0 || httpStatus > 999) {
            throw new IllegalArgumentException("httpStatus out of range: " + httpStatus);
        }
        if (retryAfter != null && retryAfter.isNegative()) {
            retryAfter = Duration.ZERO;
        }
    }

    /**
     * Starts an error description for a provider.
     *
     * @param provider the provider name
     * @return a builder
     */
    public static Builder builder(String provider) {
        return new Builder(provider);
    }

    /**
     * A copy with another message.
     *
     * @param newMessage the message
     * @return the copy
     */
    public ApiError withMessage(String newMessage) {
        return new ApiError(provider, httpStatus, code, newMessage, details, requestId, retryAfter);
    }

    /**
     * A copy with another pause.
     *
     * @param newRetryAfter how long the provider asked to wait, or null
     * @return the copy
     */
    public ApiError withRetryAfter(Duration newRetryAfter) {
        return new ApiError(provider, httpStatus, code, message, details, requestId, newRetryAfter);
    }

    /**
     * A copy with another HTTP status.
     *
     * @param newStatus the status
     * @return the copy
     */
    public ApiError withStatus(int newStatus) {
        return new ApiError(provider, newStatus, code, message, details, requestId, retryAfter);
    }

    /**
     * The pause asked for by the provider, if any.
     *
     * @return the pause
     */
    public Optional<Duration> retryAfterOptional() {
        return Optional.ofNullable(retryAfter);
    }

    /** Builder of {@link ApiError}. */
    public static final class Builder {
        private final String provider;
        private int httpStatus;
        private String code;
        private String message;
        private String details;
        private String requestId;
        private Duration retryAfter;

        private Builder(String provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
        }

        /**
         * @param value the HTTP status, 0 for none
         * @return this
         */
        public Builder httpStatus(int value) { this.httpStatus = value; return this; }

        /**
         * @param value the provider's error code
         * @return this
         */
        public Builder code(String value) { this.code = value; return this; }

        /**
         * @param value the message
         * @return this
         */
        public Builder message(String value) { this.message = value; return this; }

        /**
         * @param value further details
         * @return this
         */
        public Builder details(String value) { this.details = value; return this; }

        /**
         * @param value the provider's request id
         * @return this
         */
        public Builder requestId(String value) { this.requestId = value; return this; }

        /**
         * @param value the pause the provider asked for
         * @return this
         */
        public Builder retryAfter(Duration value) { this.retryAfter = value; return this; }

        /** @return the error */
        public ApiError build() {
            return new ApiError(provider, httpStatus, code, message, details, requestId, retryAfter);
        }
    }
}
