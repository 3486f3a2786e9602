package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How much of one resource was used.
 *
 * @param total the amount in micro-units (a JSON string on the wire)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreditTotal(@JsonProperty("total") long total) {
}
