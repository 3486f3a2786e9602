package dev.volga.clodo;

import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.WireBody;
import dev.volga.clodo.model.Storage;
import dev.volga.clodo.model.StorageCreated;
import dev.volga.clodo.model.StorageSettings;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Objects;

/** Cloud Storage stores (management; objects go through the separate Swift API). */
public final class Storages {

    private final Calls calls;

    Storages(Calls calls) {
        this.calls = calls;
    }

    /** @return the stores ({@code GET /storage/}) */
    public Flux<Storage> list() {
        return calls.many(ApiRequest.get("/storage/"), "storage.list", "storages", Storage.class, false);
    }

    /**
     * @param id the store
     * @return its details ({@code GET /storage/{id}/detail})
     */
    public Mono<Storage> get(long id) {
        Check.id(id, "storage id");
        return calls.one(ApiRequest.get("/storage/" + id + "/detail"), "storage.get", "storage", Storage.class);
    }

    /**
     * @param id the store
     * @param settings what to change
     * @return the changed parameters with their new values, empty when nothing changed ({@code POST /storage/{id}})
     */
    public Mono<Storage> update(long id, StorageSettings settings) {
        Check.id(id, "storage id");
        Objects.requireNonNull(settings, "settings");
        return calls.optional(ApiRequest.post("/storage/" + id).body(WireBody.of("storage", settings.fields())), "storage.update", "storage", Storage.class);
    }

    /**
     * @param settings the new store (a title is required)
     * @return its id, login and keys ({@code PUT /storage/})
     */
    public Mono<StorageCreated> create(StorageSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (!settings.hasTitle()) {
            throw new IllegalArgumentException("a new store needs a title");
        }
        return calls.one(ApiRequest.put("/storage/").idempotent(false).body(WireBody.of("storage", settings.fields())), "storage.create", "storage", StorageCreated.class);
    }

    /**
     * @param id the store
     * @return completes when deleted ({@code DELETE /storage/{id}})
     */
    public Mono<Void> delete(long id) {
        Check.id(id, "storage id");
        return calls.none(ApiRequest.delete("/storage/" + id), "storage.delete");
    }
}
