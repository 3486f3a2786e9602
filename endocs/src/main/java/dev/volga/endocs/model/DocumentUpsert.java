package dev.volga.endocs.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of a document upsert: {@link dev.volga.endocs.Documents#upsert} ({@code POST /Metadata/AddOrUpdateExtDoc},
 * incoming or outgoing) or {@link dev.volga.endocs.Documents#upsertInternal} ({@code POST /Metadata/AddOrUpdateLocalDoc}).
 * Keys go on the wire spelled exactly as the server's property names; null fields are not sent, so an
 * update changes only what is set here. Build one with {@link #builder()}.
 *
 * <p>The server finds an existing document by {@code MetaID}, then {@code EDIId}, then
 * {@code Ext_ID} (internal documents: by {@code Ext_ID} only).
 *
 * @param requestId the correlation id (at most 200 characters); a UUID is generated when null
 * @param version1CExchange the 1C configuration version, or null to skip the server's check
 * @param metaId the EnDocs id of a document to update (from a feed)
 * @param ediId the Diadoc id
 * @param nonFormId a scan whose file moves onto the new document (the scan is deleted)
 * @param extId the 1C id
 * @param docTypeId the document type id, required and not 0 for incoming/outgoing documents, see {@link DocumentTypes}
 * @param source incoming or outgoing, required for {@link dev.volga.endocs.Documents#upsert}; ignored for internal documents
 * @param docNumber the number (at most 80 characters)
 * @param docDate the date, sent as {@code yyyy-MM-dd}
 * @param amount the amount
 * @param amountWoVat the amount without VAT
 * @param amountToPay the amount to pay
 * @param vat the VAT
 * @param currency the currency code
 * @param docNumTaxInvoice the tax invoice number
 * @param docDateTaxInvoice the tax invoice date
 * @param docNumInvoice the invoice number
 * @param docDateInvoice the invoice date
 * @param state the state (the server defaults to {@code Проведено в 1С} on create)
 * @param comment a comment
 * @param operation the operation
 * @param notifyUser an e-mail to notify
 * @param paid whether it is paid
 * @param paymentDate the payment date
 * @param paymentNumber the payment number
 * @param periodFrom start of the period
 * @param periodTo end of the period
 * @param organization the organization, with its {@code Ext_ID}, required
 * @param contractor the counterparty, or null
 * @param contract the contract, or null
 * @param files files to attach (sent as {@code Binaries}, always an array; on update replaced by name)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DocumentUpsert(
        @JsonProperty("RequestID") String requestId,
        @JsonProperty("Version1CExchange") Integer version1CExchange,
        @JsonProperty("MetaID") Long metaId,
        @JsonProperty("EDIId") String ediId,
        @JsonProperty("NonFormID") Long nonFormId,
        @JsonProperty("Ext_ID") String extId,
        @JsonProperty("DocTypeId") Integer docTypeId,
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
        @JsonProperty("State") DocumentState state,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Operation") String operation,
        @JsonProperty("NotifyUser") String notifyUser,
        @JsonProperty("Paid") Boolean paid,
        @JsonProperty("PaymentDate") LocalDate paymentDate,
        @JsonProperty("PaymentNumber") String paymentNumber,
        @JsonProperty("PeriodFrom") LocalDate periodFrom,
        @JsonProperty("PeriodTo") LocalDate periodTo,
        @JsonProperty("Organization") OrganizationRef organization,
        @JsonProperty("Contractor") ContractorRef contractor,
        @JsonProperty("Contract") ContractRef contract,
        @JsonIgnore List<FileUpload> files) {

    /**
     * Copies the file list.
     *
     * @param requestId the correlation id (at most 200 characters); a UUID is generated when null
     * @param version1CExchange the 1C configuration version, or null to skip the server's check
     * @param metaId the EnDocs id of a document to update (from a feed)
     * @param ediId the Diadoc id
     * @param nonFormId a scan whose file moves onto the new document (the scan is deleted)
     * @param extId the 1C id
     * @param docTypeId the document type id, required and not 0 for incoming/outgoing documents, see {@link DocumentTypes}
     * @param source incoming or outgoing, required for {@link dev.volga.endocs.Documents#upsert}; ignored for internal documents
     * @param docNumber the number (at most 80 characters)
     * @param docDate the date, sent as {@code yyyy-MM-dd}
     * @param amount the amount
     * @param amountWoVat the amount without VAT
     * @param amountToPay the amount to pay
     * @param vat the VAT
     * @param currency the currency code
     * @param docNumTaxInvoice the tax invoice number
     * @param docDateTaxInvoice the tax invoice date
     * @param docNumInvoice the invoice number
     * @param docDateInvoice the invoice date
     * @param state the state (the server defaults to {@code Проведено в 1С} on create)
     * @param comment a comment
     * @param operation the operation
     * @param notifyUser an e-mail to notify
     * @param paid whether it is paid
     * @param paymentDate the payment date
     * @param paymentNumber the payment number
     * @param periodFrom start of the period
     * @param periodTo end of the period
     * @param organization the organization, with its {@code Ext_ID}, required
     * @param contractor the counterparty, or null
     * @param contract the contract, or null
     * @param files files to attach (sent as {@code Binaries}, always an array; on update replaced by name)
     */
    public DocumentUpsert {
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param value the request id
     * @return a copy with that request id
     */
    public DocumentUpsert withRequestId(String value) {
        return new DocumentUpsert(value, version1CExchange, metaId, ediId, nonFormId, extId, docTypeId, source, docNumber,
                docDate, amount, amountWoVat, amountToPay, vat, currency, docNumTaxInvoice, docDateTaxInvoice,
                docNumInvoice, docDateInvoice, state, comment, operation, notifyUser, paid, paymentDate, paymentNumber,
                periodFrom, periodTo, organization, contractor, contract, files);
    }

    /** @return whether the body names an existing document, so that sending it again updates, never duplicates */
    @JsonIgnore
    public boolean namesEntity() {
        return metaId != null || (extId != null && !extId.isBlank());
    }

    /** Builds a {@link DocumentUpsert}; not thread-safe. */
    public static final class Builder {
        private String requestId;
        private Integer version1CExchange;
        private Long metaId;
        private String ediId;
        private Long nonFormId;
        private String extId;
        private Integer docTypeId;
        private DocumentSource source;
        private String docNumber;
        private LocalDate docDate;
        private BigDecimal amount;
        private BigDecimal amountWoVat;
        private BigDecimal amountToPay;
        private BigDecimal vat;
        private String currency;
        private String docNumTaxInvoice;
        private LocalDate docDateTaxInvoice;
        private String docNumInvoice;
        private LocalDate docDateInvoice;
        private DocumentState state;
        private String comment;
        private String operation;
        private String notifyUser;
        private Boolean paid;
        private LocalDate paymentDate;
        private String paymentNumber;
        private LocalDate periodFrom;
        private LocalDate periodTo;
        private OrganizationRef organization;
        private ContractorRef contractor;
        private ContractRef contract;
        private final List<FileUpload> files = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param value the request id (default: a UUID per call)
         * @return this
         */
        public Builder requestId(String value) { this.requestId = value; return this; }

        /**
         * @param value the 1C configuration version
         * @return this
         */
        public Builder version1CExchange(Integer value) { this.version1CExchange = value; return this; }

        /**
         * @param value the EnDocs id of the document to update
         * @return this
         */
        public Builder metaId(Long value) { this.metaId = value; return this; }

        /**
         * @param value the Diadoc id
         * @return this
         */
        public Builder ediId(String value) { this.ediId = value; return this; }

        /**
         * @param value a scan whose file moves onto the document
         * @return this
         */
        public Builder nonFormId(Long value) { this.nonFormId = value; return this; }

        /**
         * @param value the 1C id
         * @return this
         */
        public Builder extId(String value) { this.extId = value; return this; }

        /**
         * @param value the document type id, see {@link DocumentTypes}
         * @return this
         */
        public Builder docTypeId(Integer value) { this.docTypeId = value; return this; }

        /**
         * @param value incoming or outgoing
         * @return this
         */
        public Builder source(DocumentSource value) { this.source = value; return this; }

        /**
         * @param value the number
         * @return this
         */
        public Builder docNumber(String value) { this.docNumber = value; return this; }

        /**
         * @param value the date
         * @return this
         */
        public Builder docDate(LocalDate value) { this.docDate = value; return this; }

        /**
         * @param value the amount
         * @return this
         */
        public Builder amount(BigDecimal value) { this.amount = value; return this; }

        /**
         * @param value the amount without VAT
         * @return this
         */
        public Builder amountWoVat(BigDecimal value) { this.amountWoVat = value; return this; }

        /**
         * @param value the amount to pay
         * @return this
         */
        public Builder amountToPay(BigDecimal value) { this.amountToPay = value; return this; }

        /**
         * @param value the VAT
         * @return this
         */
        public Builder vat(BigDecimal value) { this.vat = value; return this; }

        /**
         * @param value the currency code
         * @return this
         */
        public Builder currency(String value) { this.currency = value; return this; }

        /**
         * @param value the tax invoice number
         * @return this
         */
        public Builder docNumTaxInvoice(String value) { this.docNumTaxInvoice = value; return this; }

        /**
         * @param value the tax invoice date
         * @return this
         */
        public Builder docDateTaxInvoice(LocalDate value) { this.docDateTaxInvoice = value; return this; }

        /**
         * @param value the invoice number
         * @return this
         */
        public Builder docNumInvoice(String value) { this.docNumInvoice = value; return this; }

        /**
         * @param value the invoice date
         * @return this
         */
        public Builder docDateInvoice(LocalDate value) { this.docDateInvoice = value; return this; }

        /**
         * @param value the state
         * @return this
         */
        public Builder state(DocumentState value) { this.state = value; return this; }

        /**
         * @param value a comment
         * @return this
         */
        public Builder comment(String value) { this.comment = value; return this; }

        /**
         * @param value the operation
         * @return this
         */
        public Builder operation(String value) { this.operation = value; return this; }

        /**
         * @param value an e-mail to notify
         * @return this
         */
        public Builder notifyUser(String value) { this.notifyUser = value; return this; }

        /**
         * @param value whether it is paid
         * @return this
         */
        public Builder paid(Boolean value) { this.paid = value; return this; }

        /**
         * @param value the payment date
         * @return this
         */
        public Builder paymentDate(LocalDate value) { this.paymentDate = value; return this; }

        /**
         * @param value the payment number
         * @return this
         */
        public Builder paymentNumber(String value) { this.paymentNumber = value; return this; }

        /**
         * @param value start of the period
         * @return this
         */
        public Builder periodFrom(LocalDate value) { this.periodFrom = value; return this; }

        /**
         * @param value end of the period
         * @return this
         */
        public Builder periodTo(LocalDate value) { this.periodTo = value; return this; }

        /**
         * @param value the organization
         * @return this
         */
        public Builder organization(OrganizationRef value) { this.organization = value; return this; }

        /**
         * @param value the counterparty
         * @return this
         */
        public Builder contractor(ContractorRef value) { this.contractor = value; return this; }

        /**
         * @param value the contract
         * @return this
         */
        public Builder contract(ContractRef value) { this.contract = value; return this; }

        /**
         * @param value a file to attach (repeatable)
         * @return this
         */
        public Builder file(FileUpload value) { this.files.add(Objects.requireNonNull(value, "file")); return this; }

        /** @return the body (validated when sent) */
        public DocumentUpsert build() {
            return new DocumentUpsert(requestId, version1CExchange, metaId, ediId, nonFormId, extId, docTypeId, source,
                    docNumber, docDate, amount, amountWoVat, amountToPay, vat, currency, docNumTaxInvoice,
                    docDateTaxInvoice, docNumInvoice, docDateInvoice, state, comment, operation, notifyUser, paid,
                    paymentDate, paymentNumber, periodFrom, periodTo, organization, contractor, contract, files);
        }
    }
}
