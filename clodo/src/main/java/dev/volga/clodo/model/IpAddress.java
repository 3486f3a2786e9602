package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonAlias;

/**
 * An IP address of a server (XML {@code addr}, JSON {@code ip}).
 *
 * @param ip the address
 * @param primary whether it is the server's primary address
 * @param isp whether ISPmanager is bound to it
 */
public record IpAddress(
        @JsonAlias({"addr"}) String ip,
        @JsonProperty("primary_ip") @JsonAlias({"is_primary"}) Boolean primary,
        Boolean isp) {
}
