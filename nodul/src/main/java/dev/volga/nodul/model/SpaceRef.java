package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A space a user belongs to, as listed with the user.
 *
 * @param id the space id
 * @param name the space name
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SpaceRef(@JsonProperty("id") String id, @JsonProperty("name") String name) {
}
