package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * A billed resource, used in consumption filters and top-ups; an open value: the known ones are
 * constants, any other value is kept as sent.
 *
 * @param value the value as Nodul writes it, e.g. {@code billing_resource_execution_credits}
 */
public record ResourceType(@JsonValue String value) {

    /** {@code billing_resource_execution_credits}: execution microcredits. */
    public static final ResourceType EXECUTION_CREDITS = new ResourceType("billing_resource_execution_credits");
    /** {@code billing_resource_plug_and_play_credits}: Plug&amp;Play microtokens. */
    public static final ResourceType PLUG_AND_PLAY_CREDITS = new ResourceType("billing_resource_plug_and_play_credits");

    /**
     * Validates the value.
     *
     * @param value the value as Nodul writes it, e.g. {@code billing_resource_execution_credits}
     */
    public ResourceType {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the value as received, e.g. {@code billing_resource_execution_credits}
     * @return the value: equal to a constant when it is a known one, kept as sent otherwise
     */
    @JsonCreator
    public static ResourceType of(String value) {
        return new ResourceType(value);
    }

    /** @return the value as Nodul writes it */
    @Override
    public String toString() {
        return value;
    }
}
