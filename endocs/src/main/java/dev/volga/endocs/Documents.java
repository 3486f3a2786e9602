package dev.volga.endocs;

import dev.volga.api.spi.ApiResponse;
import dev.volga.endocs.internal.Calls;
import dev.volga.endocs.internal.Checks;
import dev.volga.endocs.internal.UploadBody;
import dev.volga.endocs.model.Document;
import dev.volga.endocs.model.DocumentUpsert;
import dev.volga.endocs.model.Organization;
import dev.volga.endocs.model.UpsertResult;
import reactor.core.publisher.Mono;

/** Accounting documents pushed from 1C. Get it with {@link EndocsClient#documents()}. */
public final class Documents {

    private final Calls calls;

    Documents(Calls calls) {
        this.calls = calls;
    }

    /**
     * {@code POST /Metadata/AddOrUpdateExtDoc}: creates an incoming or outgoing document (201) or
     * updates the one named by {@code MetaID}, {@code EDIId} or {@code Ext_ID} (204). Retried like a
     * read only when it names the document by {@code MetaID} or {@code Ext_ID}.
     *
     * @param document the body: {@code Organization.Ext_ID}, {@code DocTypeId} and {@code Source}
     *                 (incoming or outgoing) are required and checked before any I/O
     * @return {@link UpsertResult.Created} with the document or {@link UpsertResult.Updated}; every error carries the request id
     * @throws IllegalArgumentException naming the field, if a required field is missing or invalid
     */
    public Mono<UpsertResult<Document>> upsert(DocumentUpsert document) {
        Checks.document(document, false);
        return send("/Metadata/AddOrUpdateExtDoc", "documents.upsert", document,
                document.namesEntity());
    }

    /**
     * {@code POST /Metadata/AddOrUpdateLocalDoc}: creates an internal document (the server sets
     * {@code Source} to {@code Внутренний}) or updates the one with the same {@code Ext_ID} (the only
     * key this route matches on, so only an {@code Ext_ID} makes it safe to retry).
     *
     * @param document the body: {@code Organization.Ext_ID} is required
     * @return {@link UpsertResult.Created} with the document or {@link UpsertResult.Updated}; every error carries the request id
     * @throws IllegalArgumentException naming the field, if a required field is missing or invalid
     */
    public Mono<UpsertResult<Document>> upsertInternal(DocumentUpsert document) {
        Checks.document(document, true);
        return send("/Metadata/AddOrUpdateLocalDoc", "documents.upsertInternal", document,
                document.extId() != null && !document.extId().isBlank());
    }

    private Mono<UpsertResult<Document>> send(String path, String operation, DocumentUpsert document, boolean namesEntity) {
        String rid = Checks.requestId(document.requestId());
        DocumentUpsert body = document.withRequestId(rid);
        var request = calls.post(path, operation)
                .body(UploadBody.of(calls.mapper(), calls.maxRequestBodySize(), body, body.files()))
                .idempotent(namesEntity);
        if (!body.files().isEmpty()) {
            request.responseTimeout(calls.fileResponseTimeout());
        }
        return Calls.tagged(calls.api().exchange(request.build(ApiResponse.class))
                .map(r -> calls.codec().<Document>upsertResult(r, Document.class, rid)), rid);
    }
}
