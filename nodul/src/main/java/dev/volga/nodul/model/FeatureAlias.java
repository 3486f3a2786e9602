package dev.volga.nodul.model;

/**
 * The nine quota and plan feature aliases Nodul documents. A value the client does not know yet
 * reads as {@link #UNKNOWN}; the raw alias stays available in {@link Feature#rawAlias()}.
 */
public enum FeatureAlias {
    /** Minimum execution charging period, in microseconds (1 s = 1,000,000). */
    MIN_EXECUTION_CHARGING_PERIOD_IN_MCS("min_execution_charging_period_in_mcs"),
    /** Execution microcredits (1 credit = 1,000,000). */
    REGULAR_MICROCREDITS("regular_microcredits"),
    /** Connected accounts limit. */
    CONNECTED_ACCOUNTS_LIMIT("connected_accounts_limit"),
    /** Parallel executions limit. */
    PARALLEL_EXECUTIONS_LIMIT("parallel_executions_limit"),
    /** AI assistant request limit. */
    AI_ASSISTANT_REQUEST_LIMIT("ai_assistant_request_limit"),
    /** Plug&amp;Play microtokens (1 token = 1,000,000). */
    PLUG_AND_PLAY_MICROCREDITS("plug_and_play_microcredits"),
    /** Minimum trigger interval, in seconds. */
    MIN_TRIGGERING_INTERVAL_IN_SECONDS("min_triggering_interval_in_seconds"),
    /** Active scenarios limit. */
    ACTIVE_SCENARIOS_LIMIT("active_scenarios_limit"),
    /** Execution history retention, in minutes. */
    EXEC_HISTORY_AVAILABILITY_PERIOD_IN_MIN("exec_history_availability_period_in_min"),
    /** An alias this client does not know; never sent. */
    UNKNOWN(null);

    private final String wireValue;

    FeatureAlias(String wireValue) {
        this.wireValue = wireValue;
    }

    /**
     * The alias as Nodul writes it.
     *
     * @return e.g. {@code regular_microcredits}; null for {@link #UNKNOWN}
     */
    public String wireValue() {
        return wireValue;
    }

    /**
     * Reads a wire alias.
     *
     * @param wire the alias as received, may be null
     * @return the constant, {@link #UNKNOWN} for anything else
     */
    public static FeatureAlias fromWire(String wire) {
        return WireEnum.find(FeatureAlias.class, wire, FeatureAlias::wireValue, UNKNOWN);
    }
}
