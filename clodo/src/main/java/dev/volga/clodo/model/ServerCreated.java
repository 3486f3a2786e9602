package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.volga.api.Secret;

/**
 * The answer to a server creation; {@code adminPass} is the root password.
 *
 * @param id the new VPS number
 * @param name the title
 * @param imageId the OS image
 * @param adminPass the root password
 */
public record ServerCreated(
        Long id,
        String name,
        @JsonProperty("imageId") Long imageId,
        @JsonProperty("adminPass") Secret adminPass) {
}
