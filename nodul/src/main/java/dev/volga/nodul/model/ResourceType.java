package dev.volga.nodul.model;

/** A billed resource, used in consumption filters and top-ups. */
public enum ResourceType {
    /** {@code billing_resource_execution_credits}: execution microcredits. */
    EXECUTION_CREDITS("billing_resource_execution_credits"),
    /** {@code billing_resource_plug_and_play_credits}: Plug&amp;Play microtokens. */
    PLUG_AND_PLAY_CREDITS("billing_resource_plug_and_play_credits"),
    /** A value this client does not know; cannot be sent. */
    UNKNOWN(null);

    private final String wireValue;

    ResourceType(String wireValue) {
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
    public static ResourceType fromWire(String wire) {
        return WireEnum.find(ResourceType.class, wire, ResourceType::wireValue, UNKNOWN);
    }
}
