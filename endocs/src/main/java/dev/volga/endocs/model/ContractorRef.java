package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A counterparty named in an upsert; EnDocs finds it by {@code Ext_ID} within the organization,
 * then by INN + KPP, and creates it when neither matches (then {@code name} is required).
 *
 * @param extId the 1C id
 * @param name the name, required when the counterparty is new
 * @param inn the INN, or null
 * @param kpp the KPP, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContractorRef(
        @JsonProperty("Ext_ID") String extId,
        @JsonProperty("Name") String name,
        @JsonProperty("INN") String inn,
        @JsonProperty("KPP") String kpp) {

    /**
     * A counterparty known by its 1C id only.
     *
     * @param extId the 1C id
     * @return the reference
     */
    public static ContractorRef of(String extId) {
        return new ContractorRef(extId, null, null, null);
    }
}
