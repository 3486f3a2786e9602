package dev.volga.endocs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The direction of an accounting document, an open value: EnDocs sends Russian strings, and values
 * not listed here are kept as they come.
 */
public final class DocumentSource {

    /** {@code Входящий}: incoming. */
    public static final DocumentSource INCOMING = new DocumentSource("Входящий");
    /** {@code Исходящий}: outgoing. */
    public static final DocumentSource OUTGOING = new DocumentSource("Исходящий");
    /** {@code Внутренний}: internal (set by the server for local documents). */
    public static final DocumentSource INTERNAL = new DocumentSource("Внутренний");

    private final String value;

    private DocumentSource(String value) {
        this.value = value;
    }

    /**
     * @param value the wire value, e.g. {@code Входящий}
     * @return the source (a known constant when the value is one)
     * @throws IllegalArgumentException if the value is blank
     */
    @JsonCreator
    public static DocumentSource of(String value) {
        Objects.requireNonNull(value, "source");
        if (value.isBlank()) {
            throw new IllegalArgumentException("source must not be blank");
        }
        for (DocumentSource known : new DocumentSource[] {INCOMING, OUTGOING, INTERNAL}) {
            if (known.value.equals(value)) {
                return known;
            }
        }
        return new DocumentSource(value);
    }

    /** @return the wire value */
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentSource other && value.equals(other.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
