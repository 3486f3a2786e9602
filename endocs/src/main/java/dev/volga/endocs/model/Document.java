package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An accounting document ("metadata" in EnDocs) as the server returns it: an item of the "new
 * invoices" or "new inputs" feed, or the entity a document upsert created. Fields the server did not
 * fill are null (the create response fills few of them; feed items fill their feed's fields).
 *
 * @param id the EnDocs id (the {@code MetaID} to send back from 1C)
 * @param source incoming, outgoing or internal
 * @param docNumber the number
 * @param docDate the date
 * @param amount the amount
 * @param amountWoVat the amount without VAT
 * @param amountToPay the amount to pay
 * @param vat the VAT
 * @param currency the currency code
 * @param docNumTaxInvoice the tax invoice number
 * @param docDateTaxInvoice the tax invoice date
 * @param docNumInvoice the invoice number
 * @param docDateInvoice the invoice date
 * @param docTypeId the document type id
 * @param docType the document type name
 * @param extId the 1C id, null while 1C has not taken the document
 * @param state the state
 * @param comment a comment
 * @param operation the operation
 * @param notifyUser the e-mail to notify
 * @param paid whether it is paid
 * @param signed whether it is signed
 * @param paymentDate the payment date
 * @param paymentNumber the payment number
 * @param periodFrom start of the period
 * @param periodTo end of the period
 * @param tablePart the table part (opaque serialized data)
 * @param organization the organization
 * @param contractor the counterparty
 * @param contract the contract
 * @param ediId the Diadoc id
 * @param ediState the Diadoc state
 * @param deleted whether it is deleted
 * @param created when it was created
 * @param modified when it was last changed
 * @param createdBy who created it
 * @param modifiedBy who changed it last
 */
public record Document(
        @JsonProperty("Id") long id,
        @JsonProperty("Source") DocumentSource source,
        @JsonProperty("DocNumber") String docNumber,
        @JsonProperty("DocDate") LocalDate docDate,
        @JsonProperty("Amount") BigDecimal amount,
        @JsonProperty("AmountWOVAT") BigDecimal amountWoVat,
        @JsonProperty("AmountToPay") BigDecimal amountToPay,
        @JsonProperty("VAT") BigDecimal vat,
        @JsonProperty("Currency") String currency,
        @JsonProperty("DocNumTaxInvoice") String docNumTaxInvoice,
        @JsonProperty("DocDateTaxInvoice") LocalDate docDateTaxInvoice,
        @JsonProperty("DocNumInvoice") String docNumInvoice,
        @JsonProperty("DocDateInvoice") LocalDate docDateInvoice,
        @JsonProperty("DocTypeId") Integer docTypeId,
        @JsonProperty("DocType") String docType,
        @JsonProperty("Ext_ID") String extId,
        @JsonProperty("State") DocumentState state,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Operation") String operation,
        @JsonProperty("NotifyUser") String notifyUser,
        @JsonProperty("Paid") Boolean paid,
        @JsonProperty("Signed") Boolean signed,
        @JsonProperty("PaymentDate") LocalDate paymentDate,
        @JsonProperty("PaymentNumber") String paymentNumber,
        @JsonProperty("PeriodFrom") LocalDate periodFrom,
        @JsonProperty("PeriodTo") LocalDate periodTo,
        @JsonProperty("TablePart") String tablePart,
        @JsonProperty("Organization") Organization organization,
        @JsonProperty("Contractor") Contractor contractor,
        @JsonProperty("Contract") Contract contract,
        @JsonProperty("EDIId") String ediId,
        @JsonProperty("EDIState") String ediState,
        @JsonProperty("Deleted") Boolean deleted,
        @JsonProperty("Created") Instant created,
        @JsonProperty("Modified") Instant modified,
        @JsonProperty("CreatedBy") String createdBy,
        @JsonProperty("ModifiedBy") String modifiedBy) implements FeedItem {
}
