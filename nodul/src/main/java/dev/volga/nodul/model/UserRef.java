package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A reference to a user, e.g. a scenario's author.
 *
 * @param userId the user id
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserRef(@JsonProperty("user_id") String userId) {
}
