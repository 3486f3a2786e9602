package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An organization of the account as EnDocs returns it inside documents, contracts and feed items.
 * Fields the server did not fill are null.
 *
 * @param id the EnDocs id
 * @param name the name
 * @param inn the INN (tax id)
 * @param kpp the KPP
 * @param extId the 1C id ({@code Ext_ID})
 * @param clientId the account id
 */
public record Organization(
        @JsonProperty("Id") long id,
        @JsonProperty("Name") String name,
        @JsonProperty("INN") String inn,
        @JsonProperty("KPP") String kpp,
        @JsonProperty("Ext_ID") String extId,
        @JsonProperty("ClientId") Long clientId) {
}
