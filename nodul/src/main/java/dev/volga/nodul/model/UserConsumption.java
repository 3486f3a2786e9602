package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One user's line of a consumption report.
 *
 * @param userId the user id
 * @param consumption what the user consumed, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserConsumption(@JsonProperty("user_id") String userId,
                              @JsonProperty("consumption") Consumption consumption) {
}
