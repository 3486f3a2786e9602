package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A space as returned after a rename.
 *
 * @param id the space id
 * @param name the space name
 * @param status the status as Nodul sends it (meaning undocumented; {@code "new"} was seen)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Space(@JsonProperty("id") String id, @JsonProperty("name") String name,
                    @JsonProperty("status") String status) {
}
