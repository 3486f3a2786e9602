package dev.volga.endocs;

import dev.volga.api.spi.ApiResponse;
import dev.volga.endocs.internal.Calls;
import dev.volga.endocs.internal.Checks;
import dev.volga.endocs.internal.UploadBody;
import dev.volga.endocs.model.Contract;
import dev.volga.endocs.model.ContractUpsert;
import dev.volga.endocs.model.UpsertResult;
import reactor.core.publisher.Mono;

/** Contracts pushed from 1C. Get it with {@link EndocsClient#contracts()}. */
public final class Contracts {

    private final Calls calls;

    Contracts(Calls calls) {
        this.calls = calls;
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
        String rid = Checks.requestId(contract.requestId());
        ContractUpsert body = contract.withRequestId(rid);
        var request = calls.post("/Contract/AddOrUpdateContract", "contracts.upsert")
                .body(UploadBody.of(calls.mapper(), calls.maxRequestBodySize(), body, body.files()))
                .idempotent(body.namesEntity());
        if (!body.files().isEmpty()) {
            request.responseTimeout(calls.fileResponseTimeout());
        }
        return Calls.tagged(calls.api().exchange(request.build(ApiResponse.class))
                .map(r -> calls.codec().<Contract>upsertResult(r, Contract.class, rid)), rid);
    }
}
