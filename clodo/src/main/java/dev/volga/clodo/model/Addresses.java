package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The public and private addresses of a server.
 *
 * @param publicIps public addresses, empty when none (or while the server is created)
 * @param privateIps private addresses, empty when none
 */
public record Addresses(
        @JsonProperty("public") List<IpAddress> publicIps,
        @JsonProperty("private") List<IpAddress> privateIps) {

    /**
     * Lists are never null: absent lists are empty.
     *
     * @param publicIps public addresses, empty when none (or while the server is created)
     * @param privateIps private addresses, empty when none
     */
    public Addresses {
        publicIps = publicIps == null ? List.of() : List.copyOf(publicIps);
        privateIps = privateIps == null ? List.of() : List.copyOf(privateIps);
    }
}
