package dev.volga.nodul;

import dev.volga.api.spi.TypeRef;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
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

    /**
     * A GET listing: the list at {@code data.<field>}, streamed element by element as the body
     * arrives ({@link ApiClient#exchangeMany}).
     */
    <E> Flux<E> getList(String path, String operation, String field, Class<E> element) {
        return api.exchangeMany(ApiRequest.get(path).operation(operation).buildList(TypeRef.of(element), field));
    }

    /** A listing Nodul reads by POST (safe to repeat): the list at {@code data.<field>}, streamed. */
    <E> Flux<E> postList(String path, String operation, Map<String, Object> body, String field, Class<E> element) {
        return api.exchangeMany(ApiRequest.post(path).operation(operation).body(body).idempotent(true)
                .buildList(TypeRef.of(element), field));
    }

    private static <T> ApiRequest<T> finish(ApiRequest.Builder b, Class<T> type) {
        return b.build(TypeRef.of(type));
    }
}
