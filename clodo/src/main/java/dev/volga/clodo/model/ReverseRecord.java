package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A reverse DNS record.
 *
 * @param id the record id
 * @param ipValue the IP
 * @param serverTitle the server title
 * @param reverseValue the reverse name
 * @param domainValue the domain it points to
 */
public record ReverseRecord(
        Long id,
        String ipValue,
        @JsonProperty("virtual_mashines_title") String serverTitle,
        String reverseValue,
        String domainValue) {
}
