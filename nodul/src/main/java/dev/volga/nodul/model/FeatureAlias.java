package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * A quota or plan feature alias, an open value: the nine aliases Nodul documents are constants, an
 * alias this client does not know yet is kept as sent.
 *
 * @param value the value as Nodul writes it, e.g. {@code regular_microcredits}
 */
public record FeatureAlias(@JsonValue String value) {

    /** Minimum execution charging period, in microseconds (1 s = 1,000,000). */
    public static final FeatureAlias MIN_EXECUTION_CHARGING_PERIOD_IN_MCS = new FeatureAlias("min_execution_charging_period_in_mcs");
    /** Execution microcredits (1 credit = 1,000,000). */
    public static final FeatureAlias REGULAR_MICROCREDITS = new FeatureAlias("regular_microcredits");
    /** Connected accounts limit. */
    public static final FeatureAlias CONNECTED_ACCOUNTS_LIMIT = new FeatureAlias("connected_accounts_limit");
    /** Parallel executions limit. */
    public static final FeatureAlias PARALLEL_EXECUTIONS_LIMIT = new FeatureAlias("parallel_executions_limit");
    /** AI assistant request limit. */
    public static final FeatureAlias AI_ASSISTANT_REQUEST_LIMIT = new FeatureAlias("ai_assistant_request_limit");
    /** Plug&amp;Play microtokens (1 token = 1,000,000). */
    public static final FeatureAlias PLUG_AND_PLAY_MICROCREDITS = new FeatureAlias("plug_and_play_microcredits");
    /** Minimum trigger interval, in seconds. */
    public static final FeatureAlias MIN_TRIGGERING_INTERVAL_IN_SECONDS = new FeatureAlias("min_triggering_interval_in_seconds");
    /** Active scenarios limit. */
    public static final FeatureAlias ACTIVE_SCENARIOS_LIMIT = new FeatureAlias("active_scenarios_limit");
    /** Execution history retention, in minutes. */
    public static final FeatureAlias EXEC_HISTORY_AVAILABILITY_PERIOD_IN_MIN = new FeatureAlias("exec_history_availability_period_in_min");

    /**
     * Validates the value.
     *
     * @param value the value as Nodul writes it, e.g. {@code regular_microcredits}
     */
    public FeatureAlias {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the value as received, e.g. {@code regular_microcredits}
     * @return the value: equal to a constant when it is a known one, kept as sent otherwise
     */
    @JsonCreator
    public static FeatureAlias of(String value) {
        return new FeatureAlias(value);
    }

    /** @return the value as Nodul writes it */
    @Override
    public String toString() {
        return value;
    }
}
