package dev.volga.nodul.model;

/**
 * The status of a subscription; unknown wire values read as {@link #UNKNOWN} (the raw value stays in
 * {@link Subscription#rawStatus()}).
 */
public enum SubscriptionStatus {
    /** {@code subscription_status_active}. */
    ACTIVE("subscription_status_active"),
    /** {@code subscription_status_cancelled}. */
    CANCELLED("subscription_status_cancelled"),
    /** A value this client does not know; cannot be used as a filter. */
    UNKNOWN(null);

    private final String wireValue;

    SubscriptionStatus(String wireValue) {
        this.wireValue = wireValue;
    }

    /** @return the value as Nodul writes it; null for {@link #UNKNOWN} */
    public String wireValue() {
        return wireValue;
    }

    /**
     * @param wire the value as received, may be null
     * @return the constant, {@link #UNKNOWN} for anything else
     */
    public static SubscriptionStatus fromWire(String wire) {
        return WireEnum.find(SubscriptionStatus.class, wire, SubscriptionStatus::wireValue, UNKNOWN);
    }
}
