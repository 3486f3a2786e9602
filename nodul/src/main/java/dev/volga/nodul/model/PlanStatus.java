package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The status of a plan, an open value: the known ones are constants, any other value Nodul sends (e.g.
 * {@code plan_status_unspecified}) is kept as sent.
 *
 * @param value the value as Nodul writes it, e.g. {@code plan_status_active}
 */
public record PlanStatus(@JsonValue String value) {

    /** {@code plan_status_active}. */
    public static final PlanStatus ACTIVE = new PlanStatus("plan_status_active");
    /** {@code plan_status_archived}. */
    public static final PlanStatus ARCHIVED = new PlanStatus("plan_status_archived");

    /**
     * Validates the value.
     *
     * @param value the value as Nodul writes it, e.g. {@code plan_status_active}
     */
    public PlanStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the value as received, e.g. {@code plan_status_active}
     * @return the value: equal to a constant when it is a known one, kept as sent otherwise
     */
    @JsonCreator
    public static PlanStatus of(String value) {
        return new PlanStatus(value);
    }

    /** @return the value as Nodul writes it */
    @Override
    public String toString() {
        return value;
    }
}
