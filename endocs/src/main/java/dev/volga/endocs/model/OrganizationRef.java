package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An organization of the account named in an upsert; EnDocs finds it by {@code Ext_ID}, then by
 * INN + KPP, and creates it when neither matches (then {@code name} is required).
 *
 * @param extId the 1C id, required
 * @param name the name (at most 100 characters), required when the organization is new
 * @param inn the INN, or null
 * @param kpp the KPP, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrganizationRef(
        @JsonProperty("Ext_ID") String extId,
        @JsonProperty("Name") String name,
        @JsonProperty("INN") String inn,
        @JsonProperty("KPP") String kpp) {

    /**
     * An organization known by its 1C id only.
     *
     * @param extId the 1C id
     * @return the reference
     */
    public static OrganizationRef of(String extId) {
        return new OrganizationRef(extId, null, null, null);
    }
}
