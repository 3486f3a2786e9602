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
 * The body of a contract upsert ({@code POST /Contract/AddOrUpdateContract}). Keys go on the wire
 * spelled exactly as the server's property names ({@code Ext_ID}, {@code DocNumber}, …): on an
 * update the server copies only exactly-spelled keys. Null fields are not sent, so an update changes
 * only what is set here. Build one with {@link #builder()}.
 *
 * <p>An upsert that names the contract ({@code ContractID} or {@code Ext_ID}) updates it when it
 * exists and may be retried; one that names neither always creates.
 *
 * @param requestId the correlation id (at most 200 characters); a UUID is generated when null
 * @param version1CExchange the 1C configuration version, or null to skip the server's check
 * @param contractId the EnDocs id of a contract to update (from the new-contracts feed)
 * @param nonFormId a scan whose file is attached
 * @param extId the 1C id
 * @param name the name (at most 255 characters), required
 * @param docNumber the number
 * @param docDate the date, sent as {@code yyyy-MM-dd}
 * @param validityPeriod valid until, sent as {@code yyyy-MM-dd}
 * @param type the type (at most 100 characters)
 * @param amount the amount
 * @param amountWoVat the amount without VAT
 * @param vat the VAT
 * @param currency the currency code
 * @param comment a comment
 * @param subject the subject
 * @param state the state (the server defaults to {@code Проведено в 1С} on create)
 * @param organization the organization, with its {@code Ext_ID}, required
 * @param contractor the counterparty, with its {@code Ext_ID}, required
 * @param files files to attach (sent as {@code Binaries}, always an array)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ContractUpsert(
        @JsonProperty("RequestID") String requestId,
        @JsonProperty("Version1CExchange") Integer version1CExchange,
        @JsonProperty("ContractID") Long contractId,
        @JsonProperty("NonFormID") Long nonFormId,
        @JsonProperty("Ext_ID") String extId,
        @JsonProperty("Name") String name,
        @JsonProperty("DocNumber") String docNumber,
        @JsonProperty("DocDate") LocalDate docDate,
        @JsonProperty("ValidityPeriod") LocalDate validityPeriod,
        @JsonProperty("Type") String type,
        @JsonProperty("Amount") BigDecimal amount,
        @JsonProperty("AmountWOVAT") BigDecimal amountWoVat,
        @JsonProperty("VAT") BigDecimal vat,
        @JsonProperty("Currency") String currency,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Subject") String subject,
        @JsonProperty("State") DocumentState state,
        @JsonProperty("Organization") OrganizationRef organization,
        @JsonProperty("Contractor") ContractorRef contractor,
        @JsonIgnore List<FileUpload> files) {

    /**
     * Copies the file list.
     *
     * @param requestId the correlation id (at most 200 characters); a UUID is generated when null
     * @param version1CExchange the 1C configuration version, or null to skip the server's check
     * @param contractId the EnDocs id of a contract to update (from the new-contracts feed)
     * @param nonFormId a scan whose file is attached
     * @param extId the 1C id
     * @param name the name (at most 255 characters), required
     * @param docNumber the number
     * @param docDate the date, sent as {@code yyyy-MM-dd}
     * @param validityPeriod valid until, sent as {@code yyyy-MM-dd}
     * @param type the type (at most 100 characters)
     * @param amount the amount
     * @param amountWoVat the amount without VAT
     * @param vat the VAT
     * @param currency the currency code
     * @param comment a comment
     * @param subject the subject
     * @param state the state (the server defaults to {@code Проведено в 1С} on create)
     * @param organization the organization, with its {@code Ext_ID}, required
     * @param contractor the counterparty, with its {@code Ext_ID}, required
     * @param files files to attach (sent as {@code Binaries}, always an array)
     */
    public ContractUpsert {
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
    public ContractUpsert withRequestId(String value) {
        return new ContractUpsert(value, version1CExchange, contractId, nonFormId, extId, name, docNumber, docDate,
                validityPeriod, type, amount, amountWoVat, vat, currency, comment, subject, state, organization,
                contractor, files);
    }

    /** @return whether the body names an existing contract, so that sending it again updates, never duplicates */
    @JsonIgnore
    public boolean namesEntity() {
        return contractId != null || (extId != null && !extId.isBlank());
    }

    /** Builds a {@link ContractUpsert}; not thread-safe. */
    public static final class Builder {
        private String requestId;
        private Integer version1CExchange;
        private Long contractId;
        private Long nonFormId;
        private String extId;
        private String name;
        private String docNumber;
        private LocalDate docDate;
        private LocalDate validityPeriod;
        private String type;
        private BigDecimal amount;
        private BigDecimal amountWoVat;
        private BigDecimal vat;
        private String currency;
        private String comment;
        private String subject;
        private DocumentState state;
        private OrganizationRef organization;
        private ContractorRef contractor;
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
         * @param value the EnDocs id of the contract to update
         * @return this
         */
        public Builder contractId(Long value) { this.contractId = value; return this; }

        /**
         * @param value a scan whose file is attached
         * @return this
         */
        public Builder nonFormId(Long value) { this.nonFormId = value; return this; }

        /**
         * @param value the 1C id
         * @return this
         */
        public Builder extId(String value) { this.extId = value; return this; }

        /**
         * @param value the name
         * @return this
         */
        public Builder name(String value) { this.name = value; return this; }

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
         * @param value valid until
         * @return this
         */
        public Builder validityPeriod(LocalDate value) { this.validityPeriod = value; return this; }

        /**
         * @param value the type
         * @return this
         */
        public Builder type(String value) { this.type = value; return this; }

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
         * @param value a comment
         * @return this
         */
        public Builder comment(String value) { this.comment = value; return this; }

        /**
         * @param value the subject
         * @return this
         */
        public Builder subject(String value) { this.subject = value; return this; }

        /**
         * @param value the state
         * @return this
         */
        public Builder state(DocumentState value) { this.state = value; return this; }

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
         * @param value a file to attach (repeatable)
         * @return this
         */
        public Builder file(FileUpload value) { this.files.add(Objects.requireNonNull(value, "file")); return this; }

        /** @return the body (validated when sent) */
        public ContractUpsert build() {
            return new ContractUpsert(requestId, version1CExchange, contractId, nonFormId, extId, name, docNumber, docDate,
                    validityPeriod, type, amount, amountWoVat, vat, currency, comment, subject, state, organization,
                    contractor, files);
        }
    }
}
