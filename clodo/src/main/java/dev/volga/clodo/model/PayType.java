package dev.volga.clodo.model;

/** The payment period used when a server switches to VirtualServer ({@code pay_type}). */
public enum PayType {
    /** Hourly. */
    HOUR("1h"),
    /** One month. */
    MONTH("1m"),
    /** Three months. */
    QUARTER("3m"),
    /** Six months. */
    HALF_YEAR("6m"),
    /** Twelve months. */
    YEAR("12m");

    private final String wire;

    PayType(String wire) {
        this.wire = wire;
    }

    /** @return the value Clodo expects, e.g. {@code 3m} */
    public String wire() {
        return wire;
    }
}
