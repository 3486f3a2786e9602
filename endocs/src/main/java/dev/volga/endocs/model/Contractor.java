package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A counterparty as EnDocs returns it inside documents, contracts and feed items. Fields the server
 * did not fill are null.
 *
 * @param id the EnDocs id
 * @param name the name
 * @param inn the INN (tax id)
 * @param kpp the KPP
 * @param extId the 1C id ({@code Ext_ID})
 * @param organizationId the id of the organization it belongs to
 * @param diadocId the Diadoc id, if known
 */
public record Contractor(
        @JsonProperty("Id") long id,
        @JsonProperty("Name") String name,
        @JsonProperty("INN") String inn,
        @JsonProperty("KPP") String kpp,
        @JsonProperty("Ext_ID") String extId,
        @JsonProperty("OrganizationId") Long organizationId,
        @JsonProperty("DiadocID") String diadocId) {
}
