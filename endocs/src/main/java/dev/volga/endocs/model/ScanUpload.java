package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * The body of a scan upload ({@code POST /Metadata/AddOrUpdateNonFormDoc}): one file and optional
 * hints. Despite the route's name it always creates a new scan, so it is never sent again once it
 * may have reached the server.
 *
 * @param requestId the correlation id (at most 200 characters); a UUID is generated when null
 * @param docTypeId the document type id, or null
 * @param organizationId the EnDocs organization id, or null
 * @param sender the sender's e-mail, or null
 * @param comment a comment, or null
 * @param docDate the document date, or null
 * @param amount the amount, or null
 * @param contractorId the EnDocs counterparty id, or null
 * @param file the file, required
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScanUpload(
        @JsonProperty("RequestID") String requestId,
        @JsonProperty("DocTypeId") Integer docTypeId,
        @JsonProperty("OrganizationId") Long organizationId,
        @JsonProperty("Sender") String sender,
        @JsonProperty("Comment") String comment,
        @JsonProperty("DocDate") LocalDate docDate,
        @JsonProperty("Amount") BigDecimal amount,
        @JsonProperty("ContractorId") Long contractorId,
        @JsonIgnore FileUpload file) {

    /**
     * A scan upload of one file with no hints.
     *
     * @param file the file
     * @return the body
     */
    public static ScanUpload of(FileUpload file) {
        return new ScanUpload(null, null, null, null, null, null, null, null, Objects.requireNonNull(file, "file"));
    }

    /**
     * @param value the request id
     * @return a copy with that request id
     */
    public ScanUpload withRequestId(String value) {
        return new ScanUpload(value, docTypeId, organizationId, sender, comment, docDate, amount, contractorId, file);
    }

    /**
     * @param value the sender's e-mail
     * @return a copy with that sender
     */
    public ScanUpload withSender(String value) {
        return new ScanUpload(requestId, docTypeId, organizationId, value, comment, docDate, amount, contractorId, file);
    }

    /**
     * @param value a comment
     * @return a copy with that comment
     */
    public ScanUpload withComment(String value) {
        return new ScanUpload(requestId, docTypeId, organizationId, sender, value, docDate, amount, contractorId, file);
    }
}
