package dev.volga.nodul;

import dev.volga.api.spi.TypeRef;
import dev.volga.transport.ApiClient;
import dev.volga.transport.ApiRequest;
import reactor.core.publisher.Mono;

import java.util.Map;

/** What every resource group shares: the pipeline. */
final class Calls {

    private final ApiClient api;

    Calls(ApiClient api) {
        this.api = api;
    }

    /** A GET; reads are safe to repeat. */
    <T> Mono<T> get(String path, String operation, Map<String, String> query, Class<T> type) {
        ApiRequest.Builder b = ApiRequest.get(path).operation(operation);
        query.forEach(b::query);
        return api.exchange(finish(b, type));
    }

    /**
     * A POST with a JSON body.
     *
     * @param idempotent true for the reads Nodul does as POST (lists, reports)
     */
    <T> Mono<T> post(String path, String operation, Map<String, Object> body, boolean idempotent, Class<T> type) {
        ApiRequest.Builder b = ApiRequest.post(path).operation(operation).body(body).idempotent(idempotent);
        return api.exchange(finish(b, type));
    }

    private static <T> ApiRequest<T> finish(ApiRequest.Builder b, Class<T> type) {
        return b.build(TypeRef.of(type));
    }
}
