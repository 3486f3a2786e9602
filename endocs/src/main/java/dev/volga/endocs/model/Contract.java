package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A contract as EnDocs returns it: an item of the "new contracts" feed, the entity a contract
 * upsert created, or the contract embedded in a document. Fields the server did not fill are null
 * (the create response fills few of them).
 *
 * @param id the EnDocs id (the {@code ContractID} to send back from 1C)
 * @param type the contract type
 * @param name the name
 * @param docNumber the number
 * @param docDate the date
 * @param validityPeriod valid until
 * @param extId the 1C id, null while 1C has not taken the contract
 * @param amount the amount
 * @param amountWoVat the amount without VAT
 * @param vat the VAT
 * @param currency the currency code, e.g. {@code RUB}
 * @param comment a comment
 * @param subject the subject
 * @param state the state
 * @param docTypeId the document type id
 * @param organizationId the organization's id
 * @param organizationName the organization's name
 * @param contractorName the counterparty's name
 * @param organization the organization
 * @param contractor the counterparty
 * @param ediId the Diadoc id
 * @param ediState the Diadoc state
 * @param deleted whether it is deleted
 * @param created when it was created
 * @param modified when it was last changed
 * @param createdBy who created it
 * @param modifiedBy who changed it last
 */
public record Contract(
        @JsonProperty("Id") long id,
        @JsonProperty("Type") String type,
        @JsonProperty("Name") String name,
        @JsonProperty("DocNumber") String docNumber,
        @JsonProperty("DocDate") LocalDate docDate,
        @JsonProperty("ValidityPeriod") LocalDate validityPeriod,
        @JsonProperty("Ext_ID") String extId,
        @JsonProperty("Amount") BigDecimal amount,
        @JsonProperty("AmountWOVAT") BigDecimal amountWoVat,
        @JsonProperty("VAT") BigDecimal vat,
        @JsonProperty("Currency") String currency,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Subject") String subject,
        @JsonProperty("State") DocumentState state,
        @JsonProperty("DocTypeId") Integer docTypeId,
        @JsonProperty("OrganizationId") Long organizationId,
        @JsonProperty("OrganizationName") String organizationName,
        @JsonProperty("ContractorName") String contractorName,
        @JsonProperty("Organization") Organization organization,
        @JsonProperty("Contractor") Contractor contractor,
        @JsonProperty("EDIId") String ediId,
        @JsonProperty("EDIState") String ediState,
        @JsonProperty("Deleted") Boolean deleted,
        @JsonProperty("Created") Instant created,
        @JsonProperty("Modified") Instant modified,
        @JsonProperty("CreatedBy") String createdBy,
        @JsonProperty("ModifiedBy") String modifiedBy) implements FeedItem {
}
