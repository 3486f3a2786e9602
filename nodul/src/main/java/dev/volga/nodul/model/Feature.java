package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Objects;

/**
 * One quota or plan feature: an alias and its value. Nodul sends every value as
 * {@code {"int64": "…", "bool": false}}; the number arrives as a JSON string and is read as a
 * {@code long} (a JSON number is accepted too).
 *
 * <pre>{@code
 * Feature credits = Feature.of(FeatureAlias.REGULAR_MICROCREDITS, 10_000_000L);
 * }</pre>
 *
 * @param rawAlias the alias exactly as on the wire, e.g. {@code regular_microcredits}
 * @param value the value
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Feature(@JsonProperty("alias") String rawAlias, @JsonProperty("value") Value value) {

    /**
     * Replaces a missing value by zero/false.
     *
     * @param rawAlias the rawAlias
     * @param value the value
     */
    public Feature {
        value = value == null ? new Value(0, false) : value;
    }

    /**
     * A feature with a numeric value ({@code bool} false).
     *
     * @param alias the alias
     * @param int64 the number
     * @return the feature
     */
    public static Feature of(FeatureAlias alias, long int64) {
        return of(alias, int64, false);
    }

    /**
     * A feature with both value parts.
     *
     * @param alias the alias, not blank
     * @param int64 the number
     * @param bool the flag
     * @return the feature
     * @throws IllegalArgumentException if the alias is blank
     */
    public static Feature of(FeatureAlias alias, long int64, boolean bool) {
        Objects.requireNonNull(alias, "alias must not be null");
        if (alias.value().isBlank()) {
            throw new IllegalArgumentException("alias must not be blank");
        }
        return new Feature(alias.value(), new Value(int64, bool));
    }

    /**
     * A feature with an alias this client does not know yet, sent as given.
     *
     * @param rawAlias the wire alias, not blank
     * @param int64 the number
     * @param bool the flag
     * @return the feature
     */
    public static Feature ofRaw(String rawAlias, long int64, boolean bool) {
        Objects.requireNonNull(rawAlias, "rawAlias must not be null");
        if (rawAlias.isBlank()) {
            throw new IllegalArgumentException("rawAlias must not be blank");
        }
        return new Feature(rawAlias, new Value(int64, bool));
    }

    /** @return the alias (any alias Nodul sends, known or not), or null when none was sent */
    public FeatureAlias alias() {
        return rawAlias == null ? null : FeatureAlias.of(rawAlias);
    }

    /** @return the numeric part of the value */
    public long int64() {
        return value.int64();
    }

    /** @return the boolean part of the value */
    public boolean bool() {
        return value.bool();
    }

    /**
     * A feature value as Nodul sends it.
     *
     * @param int64 the number (a JSON string or number on the wire)
     * @param bool the flag
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Value(@JsonProperty("int64") long int64, @JsonProperty("bool") boolean bool) {
    }
}
