package dev.volga.transport.spi;

import dev.volga.api.Secret;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a login returns: the token, when it expires (null: never, or unknown), and optionally the
 * base URL later calls must go to (Clodo answers its login with a management URL).
 *
 * @param value the token
 * @param expiresAt when the token stops working, or null
 * @param baseUrl the base URL for later calls, or null to keep the client's
 */
public record AccessToken(Secret value, Instant expiresAt, String baseUrl) {

    /**
     * Validates the fields.
     *
     * @param value the token
     * @param expiresAt when the token stops working, or null
     * @param baseUrl the base URL for later calls, or null to keep the client's
     */
    public AccessToken {
        Objects.requireNonNull(value, "value");
    }

    /**
     * A token that does not expire and keeps the client's base URL.
     *
     * @param value the token
     * @return the token
     */
    public static AccessToken of(Secret value) {
        return new AccessToken(value, null, null);
    }

    /** @return when the token expires, if known */
    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    @Override
    public String toString() {
        return "AccessToken[value=***, expiresAt=" + expiresAt + ", baseUrl=" + baseUrl + "]";
    }
}
