package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An unprocessed scan ("NonFormDoc") as the server returns it after an upload. Fields the server did
 * not fill are null.
 *
 * @param id the EnDocs id (the {@code NonFormID})
 * @param requestId the request id the upload carried
 * @param docTypeId the document type id
 * @param docType the document type name
 * @param organizationId the organization id
 * @param organizationName the organization name
 * @param sender the sender's e-mail
 * @param comment a comment
 * @param deleted whether it is deleted
 * @param declined whether it was declined
 * @param declinedBy who declined it
 * @param fileName the file name
 * @param fileSize the file size in bytes
 * @param fileExists whether the file is stored
 * @param ocrState the OCR state
 * @param docDate the document date
 * @param amount the amount
 * @param contractorId the counterparty id
 * @param contractorName the counterparty name
 * @param created when it was created
 * @param modified when it was last changed
 */
public record Scan(
        @JsonProperty("Id") long id,
        @JsonProperty("RequestID") String requestId,
        @JsonProperty("DocTypeId") Integer docTypeId,
        @JsonProperty("DocType") String docType,
        @JsonProperty("OrganizationId") Long organizationId,
        @JsonProperty("OrganizationName") String organizationName,
        @JsonProperty("Sender") String sender,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Deleted") Boolean deleted,
        @JsonProperty("Declined") Boolean declined,
        @JsonProperty("DeclinedBy") String declinedBy,
        @JsonProperty("FileName") String fileName,
        @JsonProperty("FileSize") Long fileSize,
        @JsonProperty("FileExists") Boolean fileExists,
        @JsonProperty("OcrState") String ocrState,
        @JsonProperty("DocDate") LocalDate docDate,
        @JsonProperty("Amount") BigDecimal amount,
        @JsonProperty("ContractorId") Long contractorId,
        @JsonProperty("ContractorName") String contractorName,
        @JsonProperty("Created") Instant created,
        @JsonProperty("Modified") Instant modified) {
}
