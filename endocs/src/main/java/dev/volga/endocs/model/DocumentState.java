package dev.volga.endocs;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Objects;

/**
 * The state of a document or contract, an open value: EnDocs sends Russian strings; the known ones
 * are constants, any other value is kept as it comes.
 */
public final class DocumentState {

    /** {@code Новый}. */
    public static final DocumentState NEW = new DocumentState("Новый");
    /** {@code Архив}. */
    public static final DocumentState ARCHIVED = new DocumentState("Архив");
    /** {@code Согласовано}: approved. */
    public static final DocumentState APPROVED = new DocumentState("Согласовано");
    /** {@code Ознакомлено}: acknowledged. */
    public static final DocumentState ACKNOWLEDGED = new DocumentState("Ознакомлено");
    /** {@code Подписано}: signed. */
    public static final DocumentState SIGNED = new DocumentState("Подписано");
    /** {@code Исполнено}: executed. */
    public static final DocumentState EXECUTED = new DocumentState("Исполнено");
    /** {@code Отклонено}: rejected. */
    public static final DocumentState REJECTED = new DocumentState("Отклонено");
    /** {@code Прервано}: interrupted. */
    public static final DocumentState INTERRUPTED = new DocumentState("Прервано");
    /** {@code Оплачено}: paid. */
    public static final DocumentState PAID = new DocumentState("Оплачено");
    /** {@code Проведено в 1С}: posted in 1C (the server's default for documents created through the API). */
    public static final DocumentState POSTED_IN_1C = new DocumentState("Проведено в 1С");

    private static final List<DocumentState> KNOWN = List.of(NEW, ARCHIVED, APPROVED, ACKNOWLEDGED, SIGNED, EXECUTED,
            REJECTED, INTERRUPTED, PAID, POSTED_IN_1C);

    private final String value;

    private DocumentState(String value) {
        this.value = value;
    }

    /**
     * @param value the wire value, e.g. {@code Согласовано}
     * @return the state (a known constant when the value is one)
     * @throws IllegalArgumentException if the value is blank
     */
    @JsonCreator
    public static DocumentState of(String value) {
        Objects.requireNonNull(value, "state");
        if (value.isBlank()) {
            throw new IllegalArgumentException("state must not be blank");
        }
        for (DocumentState known : KNOWN) {
            if (known.value.equals(value)) {
                return known;
            }
        }
        return new DocumentState(value);
    }

    /** @return the wire value */
    @JsonValue
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DocumentState other && value.equals(other.value);
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
