package dev.volga.endocs;

import dev.volga.endocs.internal.Checks;

import java.util.Objects;

/**
 * Which files to download: one of the four file routes. Create with the static factories.
 */
public final class FileSelector {

    private final String path;
    private final String description;

    private FileSelector(String path, String description) {
        this.path = path;
        this.description = description;
    }

    /**
     * {@code GET /File/GetFileByExtId/{id}}: a scan when the id is a number and such a scan exists,
     * else the document, then the contract with that 1C id. A numeric 1C id can hit a scan: prefer
     * {@link #byId(String, FileKind)} with {@link FileKind#EXT_ID}.
     *
     * @param id a scan id or a 1C id
     * @return the selector
     * @throws IllegalArgumentException if the id is blank, is or holds a dot segment ({@code ..}), or holds a
     *     control character
     */
    public static FileSelector byExtId(String id) {
        return new FileSelector("/File/GetFileByExtId/" + Checks.segment("id", id), "files of " + id);
    }

    /**
     * {@code GET /File/GetFileByExtIntId/{id}/{kind}}: the id read as the given kind.
     *
     * @param id the id; a 64-bit integer unless the kind is {@link FileKind#EXT_ID}
     * @param kind what the id is
     * @return the selector
     * @throws IllegalArgumentException if the id is blank, is or holds a dot segment ({@code ..}), holds a
     *     control character, or is not a 64-bit integer for a numeric kind
     */
    public static FileSelector byId(String id, FileKind kind) {
        Objects.requireNonNull(kind, "kind");
        String segment = Checks.segment("id", id);
        if (kind != FileKind.EXT_ID) {
            // document (MetaID) ids are int64, the others int32: one 64-bit rule for all, the server decides
            try {
                segment = Long.toString(Long.parseLong(id.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("id must be a 64-bit integer for kind " + kind + ", was '" + id + "'");
            }
        }
        return new FileSelector("/File/GetFileByExtIntId/" + segment + "/" + kind.wire(), "files of " + kind.wire() + " " + id);
    }

    /**
     * The files of a scan: {@code byId(id, NON_FORM_ID)}.
     *
     * @param scanId the scan id, positive
     * @return the selector
     */
    public static FileSelector byScanId(long scanId) {
        return byId(Long.toString(Checks.positive("scanId", scanId)), FileKind.NON_FORM_ID);
    }

    /**
     * {@code GET /File/GetMetaFileById/{id}}: the files of an accounting document.
     *
     * @param documentId the EnDocs document id, positive
     * @return the selector
     */
    public static FileSelector byDocumentId(long documentId) {
        Checks.positive("documentId", documentId);
        return new FileSelector("/File/GetMetaFileById/" + documentId, "files of document " + documentId);
    }

    /**
     * {@code GET /File/GetContractFileById/{id}}: the files of a contract.
     *
     * @param contractId the EnDocs contract id, positive
     * @return the selector
     */
    public static FileSelector byContractId(long contractId) {
        Checks.positive("contractId", contractId);
        return new FileSelector("/File/GetContractFileById/" + contractId, "files of contract " + contractId);
    }

    /** @return the route path relative to the base path */
    String path() {
        return path;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FileSelector s && path.equals(s.path);
    }

    @Override
    public int hashCode() {
        return path.hashCode();
    }

    @Override
    public String toString() {
        return "FileSelector[" + description + "]";
    }
}
