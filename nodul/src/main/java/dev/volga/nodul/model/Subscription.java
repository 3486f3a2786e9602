package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/**
 * A plan assigned to a user.
 *
 * @param id the subscription id
 * @param planId the plan id
 * @param userId the tenant's user id
 * @param rawStatus the status exactly as received, e.g. {@code subscription_status_active}
 * @param consumption the consumption, null unless asked for (and right after assignment)
 * @param createdAt when it was assigned, or null
 * @param cancelledAt when it was cancelled, or null (may be null even for a cancelled one)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Subscription(@JsonProperty("id") String id,
                           @JsonProperty("plan_id") String planId,
                           @JsonProperty("user_id") String userId,
                           @JsonProperty("status") String rawStatus,
                           @JsonProperty("consumption") Consumption consumption,
                           @JsonProperty("created_at") Instant createdAt,
                           @JsonProperty("cancelled_at") Instant cancelledAt) {

    /** @return the status (any value Nodul sends, known or not), or null when none was sent */
    public SubscriptionStatus status() {
        return rawStatus == null ? null : SubscriptionStatus.of(rawStatus);
    }
}
