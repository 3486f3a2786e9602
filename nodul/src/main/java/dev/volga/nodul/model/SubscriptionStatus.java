package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * The status of a subscription, an open value: the known ones are constants, any other value Nodul
 * sends is kept as sent.
 *
 * @param value the value as Nodul writes it, e.g. {@code subscription_status_active}
 */
public record SubscriptionStatus(@JsonValue String value) {

    /** {@code subscription_status_active}. */
    public static final SubscriptionStatus ACTIVE = new SubscriptionStatus("subscription_status_active");
    /** {@code subscription_status_cancelled}. */
    public static final SubscriptionStatus CANCELLED = new SubscriptionStatus("subscription_status_cancelled");

    /**
     * Validates the value.
     *
     * @param value the value as Nodul writes it, e.g. {@code subscription_status_active}
     */
    public SubscriptionStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the value as received, e.g. {@code subscription_status_active}
     * @return the value: equal to a constant when it is a known one, kept as sent otherwise
     */
    @JsonCreator
    public static SubscriptionStatus of(String value) {
        return new SubscriptionStatus(value);
    }

    /** @return the value as Nodul writes it */
    @Override
    public String toString() {
        return value;
    }
}
