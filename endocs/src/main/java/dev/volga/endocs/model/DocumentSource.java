package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The direction of an accounting document, an open value: EnDocs sends Russian strings, and values
 * not listed here are kept as they come.
 *
 * @param value the wire value, e.g. {@code Входящий}
 */
public record DocumentSource(@JsonValue String value) {

    /** {@code Входящий}: incoming. */
    public static final DocumentSource INCOMING = new DocumentSource("Входящий");
    /** {@code Исходящий}: outgoing. */
    public static final DocumentSource OUTGOING = new DocumentSource("Исходящий");
    /** {@code Внутренний}: internal (set by the server for local documents). */
    public static final DocumentSource INTERNAL = new DocumentSource("Внутренний");

    /**
     * Validates the value.
     *
     * @param value the wire value, e.g. {@code Входящий}
     */
    public DocumentSource {
        Objects.requireNonNull(value, "source");
    }

    /**
     * @param value the wire value, e.g. {@code Входящий}
     * @return the source: equal to a constant when the value is one, any other value kept as it comes
     * @throws IllegalArgumentException if the value is blank
     */
    @JsonCreator
    public static DocumentSource of(String value) {
        Objects.requireNonNull(value, "source");
        if (value.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        return new DocumentSource(value);
    }

    /** @return the wire value */
    @Override
    public String toString() {
        return value;
    }
}
