package dev.volga.endocs;

/**
 * What kind of id {@code GET /File/GetFileByExtIntId/{id}/{kind}} is given; the wire literal is
 * case-sensitive.
 */
public enum FileKind {
    /** A 1C id: the document with that {@code Ext_ID}, else the contract. */
    EXT_ID("ExtID"),
    /** A scan id. */
    NON_FORM_ID("NonFormID"),
    /** A document (metadata) id. */
    META_ID("MetaID"),
    /** A contract id. */
    CONTRACT_ID("ContractID");

    private final String wire;

    FileKind(String wire) {
        this.wire = wire;
    }

    /** @return the literal sent in the path */
    public String wire() {
        return wire;
    }
}
