package dev.volga.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (API token, key, password) that never shows itself by accident.
 *
 * <p>{@link #toString()} always prints {@code Secret[***]}; the value is read only through
 * {@link #reveal()}, which the transport calls at the last moment before a request is written.
 * Two secrets are equal when their values are equal (compared in constant time).
 *
 * <p>The clients take their credential as a plain string ({@code NodulClient.Builder.token(String)},
 * {@code EndocsClient.Builder.token(String)}, {@code ClodoClient.Builder.key(String)}) and wrap it
 * at once, naming the parameter when it is missing or blank; their {@code Secret} overloads are for
 * a credential already held as one (for example bound from configuration), made with {@link #of(String)}.
 */
public final class Secret {

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /**
     * Wraps a credential.
     *
     * @param value the credential; not null, not blank
     * @return the secret
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public static Secret of(String value) {
        return of("secret", value);
    }

    /**
     * Wraps a credential, naming the parameter it came from in the error for bad input
     * (for example {@code "token"} or {@code "key"}).
     *
     * @param parameter the name used in the exception message
     * @param value the credential; not null, not blank
     * @return the secret
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is blank
     */
    public static Secret of(String parameter, String value) {
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(value, () -> parameter + " must not be null");
        if (value.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be blank");
        }
        return new Secret(value);
    }

    /**
     * The credential itself. Do not log it.
     *
     * @return the clear-text value
     */
    public String reveal() {
        return value;
    }

    /**
     * Whether {@code text} contains this secret's value, for redaction checks.
     *
     * @param text any text, may be null
     * @return true if the value occurs in the text
     */
    public boolean occursIn(CharSequence text) {
        return text != null && text.toString().contains(value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "Secret[***]";
    }
}
