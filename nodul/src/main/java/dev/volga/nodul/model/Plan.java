package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;

/**
 * A tariff plan of the white-label organisation.
 *
 * @param id the plan id (a string on the wire)
 * @param name the plan name
 * @param rawStatus the status exactly as received, e.g. {@code plan_status_active}
 * @param features the plan's features, never null
 * @param createdAt when the plan was created, or null
 * @param updatedAt when the plan was last changed, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Plan(@JsonProperty("id") String id,
                   @JsonProperty("name") String name,
                   @JsonProperty("status") String rawStatus,
                   @JsonProperty("features") List<Feature> features,
                   @JsonProperty("created_at") Instant createdAt,
                   @JsonProperty("updated_at") Instant updatedAt) {

    /**
     * Normalises a missing feature list to an empty one.
     *
     * @param id the id
     * @param name the name
     * @param rawStatus the rawStatus
     * @param features the features
     * @param createdAt the createdAt
     * @param updatedAt the updatedAt
     */
    public Plan {
        features = Lists.copy(features);
    }

    /** @return the status (any value Nodul sends, known or not), or null when none was sent */
    public PlanStatus status() {
        return rawStatus == null ? null : PlanStatus.of(rawStatus);
    }
}
