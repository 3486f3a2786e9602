package dev.volga.endocs;

import dev.volga.api.spi.ApiResponse;
import reactor.core.publisher.Mono;

/** Contracts pushed from 1C. Get it with {@link EndocsClient#contracts()}. */
public final class ContractsApi {

    private final Context ctx;

    ContractsApi(Context ctx) {
        this.ctx = ctx;
    }

    /**
     * {@code POST /Contract/AddOrUpdateContract}: creates the contract (201) or updates the one named
     * by {@code ContractID} or {@code Ext_ID} (204). An upsert that names the contract is retried like
     * a read (it can only update); one that names nothing creates and is never sent again once it may
     * have reached the server. Files are streamed, base64-encoded, inside the body.
     *
     * @param contract the body; its required fields are checked before any I/O
     * @return {@link UpsertResult.Created} with the contract or {@link UpsertResult.Updated}; every error carries the request id
     * @throws IllegalArgumentException naming the field, if a required field is missing or too long
     */
    public Mono<UpsertResult<Contract>> upsert(ContractUpsert contract) {
        Checks.contract(contract);
        String rid = Paths.requestId(contract.requestId());
        ContractUpsert body = contract.withRequestId(rid);
        var request = ctx.post("/Contract/AddOrUpdateContract", "contracts.upsert")
                .body(UploadBody.of(ctx.mapper, ctx.maxRequestBodySize, body, body.files()))
                .idempotent(body.namesEntity());
        if (!body.files().isEmpty()) {
            request.responseTimeout(ctx.fileResponseTimeout);
        }
        return Context.tagged(ctx.api.exchange(request.build(ApiResponse.class))
                .map(r -> ctx.<Contract>upsertResult(r, Contract.class, rid)), rid);
    }
}
