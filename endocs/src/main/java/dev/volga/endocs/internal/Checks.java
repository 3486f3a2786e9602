package dev.volga.endocs.internal;

import dev.volga.api.spi.Arguments;
import dev.volga.endocs.model.ContractUpsert;
import dev.volga.endocs.model.DocumentSource;
import dev.volga.endocs.model.DocumentUpsert;
import dev.volga.endocs.model.OrganizationRef;
import dev.volga.endocs.model.ScanDecline;
import dev.volga.endocs.model.ScanUpload;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Argument checks before any I/O: path segments, the request-id rules, and every required field of
 * the request bodies the API reference names.
 */
public final class Checks {

    /** The longest {@code RequestID} the server stores. */
    public static final int MAX_REQUEST_ID = 200;

    private Checks() {
    }

    public static void contract(ContractUpsert c) {
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

    public static void document(DocumentUpsert d, boolean internal) {
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

    public static void scan(ScanUpload s) {
        Objects.requireNonNull(s, "scan");
        if (s.file() == null) {
            throw new IllegalArgumentException("scan.file (Binaries) is required");
        }
        optionalPositive("scan.organizationId (OrganizationId)", s.organizationId());
        optionalPositive("scan.contractorId (ContractorId)", s.contractorId());
    }

    public static void decline(ScanDecline d) {
        Objects.requireNonNull(d, "decline");
        positive("decline.nonFormId (NonFormID)", d.nonFormId());
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

    /**
     * Percent-encodes a caller-supplied path segment so that it stays one segment of its route.
     *
     * <p>Servers and proxies decode a path before they remove its dot segments (RFC 3986 §5.2.4):
     * nginx decodes {@code %2E} and {@code %2F}, ASP.NET Core decodes {@code %2E}. So encoding alone
     * cannot save a value that <em>is</em> a dot segment, or holds one between slashes
     * ({@code ..}, {@code ./x}, {@code a/../..}, {@code ..\x}): such a value is refused. What is left
     * is encoded, {@code .} and {@code *} too (which {@link URLEncoder} keeps), so no {@code .} of a
     * value is ever sent bare. Control characters are refused as well.
     *
     * @throws IllegalArgumentException naming the parameter, never echoing the value
     */
    public static String segment(String parameter, String value) {
        Objects.requireNonNull(value, parameter);
        if (value.isBlank()) {
            throw new IllegalArgumentException(parameter + " must not be blank");
        }
        Arguments.printable(value, parameter);
        for (String piece : value.split("[/\\\\]", -1)) {
            if (piece.equals(".") || piece.equals("..")) {
                throw new IllegalArgumentException(parameter + " must not be or contain the dot segment '" + piece
                        + "': a server that normalises paths would route the request elsewhere");
            }
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace(".", "%2E").replace("*", "%2A");
    }

    public static long positive(String parameter, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(parameter + " must be positive, was " + value);
        }
        return value;
    }

    /** The request id to send: the given one checked, or a fresh UUID. */
    public static String requestId(String given) {
        if (given == null) {
            return UUID.randomUUID().toString();
        }
        if (given.isBlank()) {
            throw new IllegalArgumentException("requestId must not be blank (leave it null to have a UUID generated)");
        }
        if (given.length() > MAX_REQUEST_ID) {
            throw new IllegalArgumentException("requestId must be at most " + MAX_REQUEST_ID + " characters, was "
                    + given.length());
        }
        return Arguments.printable(given, "requestId");
    }
}
