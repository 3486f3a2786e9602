package dev.volga.nodul.model;

/** The status of a plan; unknown wire values read as {@link #UNKNOWN} (the raw value stays in {@link Plan#rawStatus()}). */
public enum PlanStatus {
    /** {@code plan_status_active}. */
    ACTIVE("plan_status_active"),
    /** {@code plan_status_archived}. */
    ARCHIVED("plan_status_archived"),
    /** A value this client does not know (e.g. {@code plan_status_unspecified}). */
    UNKNOWN(null);

    private final String wireValue;

    PlanStatus(String wireValue) {
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
    public static PlanStatus fromWire(String wire) {
        return WireEnum.find(PlanStatus.class, wire, PlanStatus::wireValue, UNKNOWN);
    }
}
