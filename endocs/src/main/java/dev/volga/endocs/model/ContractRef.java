package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The contract a document belongs to, named in a document upsert; created when new (then
 * {@code name} is required). Without its own counterparty the document's is used.
 *
 * @param extId the 1C id
 * @param name the name, required when the contract is new
 * @param contractor its counterparty, or null for the document's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContractRef(
        @JsonProperty("Ext_ID") String extId,
        @JsonProperty("Name") String name,
        @JsonProperty("Contractor") ContractorRef contractor) {
}
