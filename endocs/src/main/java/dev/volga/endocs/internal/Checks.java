package dev.volga.endocs;

import java.util.Objects;

/** Validation of request bodies before any I/O: every required field of the API reference, named. */
final class Checks {

    private Checks() {
    }

    static void contract(ContractUpsert c) {
        Objects.requireNonNull(c, "contract");
        required("contract.name (Name)", c.name());
        max("contract.name (Name)", c.name(), 255);
        max("contract.type (Type)", c.type(), 100);
        max("contract.extId (Ext_ID)", c.extId(), 150);
        optionalPositive("contract.contractId (ContractID)", c.contractId());
        optionalPositive("contract.nonFormId (NonFormID)", c.nonFormId());
        organization("contract", c.organization());
        if (c.contractor() == null) {
            throw new IllegalArgumentException("contract.contractor (Contractor) is required");
        }
        required("contract.contractor.extId (Contractor.Ext_ID)", c.contractor().extId());
    }

    static void document(DocumentUpsert d, boolean internal) {
        Objects.requireNonNull(d, "document");
        organization("document", d.organization());
        max("document.docNumber (DocNumber)", d.docNumber(), 80);
        optionalPositive("document.metaId (MetaID)", d.metaId());
        optionalPositive("document.nonFormId (NonFormID)", d.nonFormId());
        if (d.contract() != null && blank(d.contract().extId()) && blank(d.contract().name())) {
            throw new IllegalArgumentException("document.contract needs an extId (Ext_ID) or a name (Name)");
        }
        if (internal) {
            return;
        }
        if (d.docTypeId() == null || d.docTypeId() == 0) {
            throw new IllegalArgumentException("document.docTypeId (DocTypeId) is required and must not be 0");
        }
        if (d.source() == null) {
            throw new IllegalArgumentException("document.source (Source) is required: DocumentSource.INCOMING or OUTGOING");
        }
        if (!d.source().equals(DocumentSource.INCOMING) && !d.source().equals(DocumentSource.OUTGOING)) {
            throw new IllegalArgumentException("document.source (Source) must be INCOMING (Входящий) or OUTGOING (Исходящий)"
                    + " for this route, was '" + d.source() + "'; use upsertInternal for internal documents");
        }
    }

    static void scan(ScanUpload s) {
        Objects.requireNonNull(s, "scan");
        if (s.file() == null) {
            throw new IllegalArgumentException("scan.file (Binaries) is required");
        }
        optionalPositive("scan.organizationId (OrganizationId)", s.organizationId());
        optionalPositive("scan.contractorId (ContractorId)", s.contractorId());
    }

    static void decline(ScanDecline d) {
        Objects.requireNonNull(d, "decline");
        Paths.positive("decline.nonFormId (NonFormID)", d.nonFormId());
    }

    private static void organization(String owner, OrganizationRef org) {
        if (org == null) {
            throw new IllegalArgumentException(owner + ".organization (Organization) is required");
        }
        required(owner + ".organization.extId (Organization.Ext_ID)", org.extId());
        max(owner + ".organization.name (Organization.Name)", org.name(), 100);
    }

    private static void required(String parameter, String value) {
        if (blank(value)) {
            throw new IllegalArgumentException(parameter + " is required");
        }
    }

    private static void max(String parameter, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(parameter + " must be at most " + max + " characters, was " + value.length());
        }
    }

    private static void optionalPositive(String parameter, Long value) {
        if (value != null && value <= 0) {
            throw new IllegalArgumentException(parameter + " must be positive when set, was " + value);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
