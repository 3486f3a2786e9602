package dev.volga.endocs;

import dev.volga.api.spi.TypeRef;
import dev.volga.endocs.internal.KeyValue;

/**
 * The four "new since id" feeds that a 1C synchronisation pulls. Get it with
 * {@link EndocsClient#feeds()}.
 */
public final class FeedsApi {

    private final Feed<ScanItem> scans;
    private final Feed<Contract> contracts;
    private final Feed<Document> invoices;
    private final Feed<Document> inputs;

    FeedsApi(Context ctx) {
        this.scans = new Feed<>(ctx, "unprocessedScans", "/Output/GetNonFormDoc", "feeds.scans", new TypeRef<KeyValue<ScanItem>>() { });
        this.contracts = new Feed<>(ctx, "newContracts", "/Output/GetNewContracts", "feeds.contracts", new TypeRef<KeyValue<Contract>>() { });
        this.invoices = new Feed<>(ctx, "newInvoices", "/Output/GetNewInvoices", "feeds.invoices", new TypeRef<KeyValue<Document>>() { });
        this.inputs = new Feed<>(ctx, "newInputs", "/Output/GetNewInputs", "feeds.inputs", new TypeRef<KeyValue<Document>>() { });
    }

    /**
     * {@code GET /Output/GetNonFormDoc/{DocId}/{RequestId}}: unprocessed scans ("Необработанные")
     * with their OCR fields, one row per file, newest first; scans still being recognised are left out.
     *
     * @return the feed
     */
    public Feed<ScanItem> unprocessedScans() {
        return scans;
    }

    /**
     * {@code GET /Output/GetNewContracts/{DocId}/{RequestId}}: contracts created in EnDocs that 1C
     * does not have yet (no {@code Ext_ID}), by id; empty when the account does not sync contracts.
     *
     * @return the feed
     */
    public Feed<Contract> newContracts() {
        return contracts;
    }

    /**
     * {@code GET /Output/GetNewInvoices/{DocId}/{RequestId}}: incoming invoices ("Счет входящий") not
     * yet in 1C.
     *
     * @return the feed
     */
    public Feed<Document> newInvoices() {
        return invoices;
    }

    /**
     * {@code GET /Output/GetNewInputs/{DocId}/{RequestId}}: purchase receipts ("Поступление") not yet
     * in 1C.
     *
     * @return the feed
     */
    public Feed<Document> newInputs() {
        return inputs;
    }
}
