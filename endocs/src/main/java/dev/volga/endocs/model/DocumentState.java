package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The state of a document or contract, an open value: EnDocs sends Russian strings; the known ones
 * are constants, any other value is kept as it comes.
 *
 * @param value the wire value, e.g. {@code Согласовано}
 */
public record DocumentState(@JsonValue String value) {

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

    /**
     * Validates the value.
     *
     * @param value the wire value, e.g. {@code Согласовано}
     */
    public DocumentState {
        Objects.requireNonNull(value, "state");
    }

    /**
     * @param value the wire value, e.g. {@code Согласовано}
     * @return the state: equal to a constant when the value is one, any other value kept as it comes
     * @throws IllegalArgumentException if the value is blank
     */
    @JsonCreator
    public static DocumentState of(String value) {
        Objects.requireNonNull(value, "state");
        if (value.isBlank()) {
            throw new IllegalArgumentException("state must not be blank");
        }
        return new DocumentState(value);
    }

    /** @return the wire value */
    @Override
    public String toString() {
        return value;
    }
}
