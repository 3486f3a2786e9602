package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A row of the unprocessed-scans feed: one row per file of a scan (a scan with two files gives two
 * rows with the same id), with the OCR fields. The file bytes are not included: fetch them with
 * {@link dev.volga.endocs.Files#get(FileSelector)} and {@link dev.volga.endocs.FileSelector#byScanId(long)}.
 *
 * @param id the scan id (the {@code NonFormID})
 * @param fileName the file name
 * @param fileSize the file size in bytes
 * @param created when the scan arrived
 * @param modified when it was last changed
 * @param sender the sender's e-mail
 * @param organization the organization, if recognised
 * @param docTypeId the document type id, if recognised
 * @param docTypeName the document type name
 * @param ocrType the OCR type
 * @param docNumber the recognised number
 * @param docDate the recognised date
 * @param amount the recognised amount
 * @param amountWoVat the amount without VAT
 * @param vat the VAT
 * @param amountToPay the amount to pay
 * @param currency the currency code
 * @param docNumTaxInvoice the tax invoice number
 * @param docDateTaxInvoice the tax invoice date
 * @param docNumInvoice the invoice number
 * @param docDateInvoice the invoice date
 * @param tablePart the table part (opaque)
 * @param amountTotal the total amount
 * @param contractor the counterparty, if recognised
 * @param hasSignature whether the file carries a signature
 */
public record ScanItem(
        @JsonProperty("Id") long id,
        @JsonProperty("FileName") String fileName,
        @JsonProperty("FileSize") Long fileSize,
        @JsonProperty("Created") Instant created,
        @JsonProperty("Modified") Instant modified,
        @JsonProperty("Sender") String sender,
        @JsonProperty("Organization") Organization organization,
        @JsonProperty("DocTypeId") Integer docTypeId,
        @JsonProperty("DocTypeName") String docTypeName,
        @JsonProperty("OCRtype") String ocrType,
        @JsonProperty("DocNumber") String docNumber,
        @JsonProperty("DocDate") LocalDate docDate,
        @JsonProperty("Amount") BigDecimal amount,
        @JsonProperty("AmountWOVAT") BigDecimal amountWoVat,
        @JsonProperty("VAT") BigDecimal vat,
        @JsonProperty("AmountToPay") BigDecimal amountToPay,
        @JsonProperty("Currency") String currency,
        @JsonProperty("DocNumTaxInvoice") String docNumTaxInvoice,
        @JsonProperty("DocDateTaxInvoice") LocalDate docDateTaxInvoice,
        @JsonProperty("DocNumInvoice") String docNumInvoice,
        @JsonProperty("DocDateInvoice") LocalDate docDateInvoice,
        @JsonProperty("TablePart") String tablePart,
        @JsonProperty("AmountTotal") BigDecimal amountTotal,
        @JsonProperty("Contractor") Contractor contractor,
        @JsonProperty("HasSignature") Boolean hasSignature) implements FeedItem {
}
