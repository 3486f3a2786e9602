package dev.volga.nodul.internal;

import dev.volga.api.spi.TypeRef;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/** What every resource group shares: the pipeline, and how Nodul's four request shapes are built. */
public final class Calls {

    private final ApiClient api;

    /** @param api the pipeline */
    public Calls(ApiClient api) {
        this.api = api;
    }

    /**
     * A GET; reads are safe to repeat.
     *
     * @param path the route
     * @param operation the operation name
     * @param query the query parameters
     * @param type the type of {@code data}
     * @param <T> the type
     * @return the value
     */
    public <T> Mono<T> get(String path, String operation, Map<String, String> query, Class<T> type) {
        ApiRequest.Builder b = ApiRequest.get(path).operation(operation);
        query.forEach(b::query);
        return api.exchange(finish(b, type));
    }

    /**
     * A POST with a JSON body.
     *
     * @param path the route
     * @param operation the operation name
     * @param body the JSON body's fields
     * @param idempotent true for the reads Nodul does as POST (lists, reports)
     * @param type the type of {@code data}
     * @param <T> the type
     * @return the value
     */
    public <T> Mono<T> post(String path, String operation, Map<String, Object> body, boolean idempotent, Class<T> type) {
        ApiRequest.Builder b = ApiRequest.post(path).operation(operation).body(body).idempotent(idempotent);
        return api.exchange(finish(b, type));
    }

    /**
     * A GET listing without parameters: the list at {@code data.<field>}. The request is
     * immutable and holds nothing of a client, so a resource group builds it once and sends it on
     * every call ({@link #getList(ApiRequest)}) instead of a builder, two lists and a type per call.
     *
     * @param path the route
     * @param operation the operation name
     * @param field the list's field under {@code data}
     * @param element the element type
     * @param <E> the element type
     * @return the request
     */
    public static <E> ApiRequest<List<E>> listing(String path, String operation, String field, Class<E> element) {
        return ApiRequest.get(path).operation(operation).buildList(TypeRef.of(element), field);
    }

    /**
     * Sends a listing, streamed element by element as the body arrives ({@link ApiClient#exchangeMany}).
     *
     * @param listing the request, from {@link #listing}
     * @param <E> the element type
     * @return the elements
     */
    public <E> Flux<E> getList(ApiRequest<List<E>> listing) {
        return api.exchangeMany(listing);
    }

    /**
     * A listing Nodul reads by POST (safe to repeat): the list at {@code data.<field>}, streamed.
     *
     * @param path the route
     * @param operation the operation name
     * @param body the JSON body's fields
     * @param field the list's field under {@code data}
     * @param element the element type
     * @param <E> the element type
     * @return the elements
     */
    public <E> Flux<E> postList(String path, String operation, Map<String, Object> body, String field, Class<E> element) {
        return api.exchangeMany(ApiRequest.post(path).operation(operation).body(body).idempotent(true)
                .buildList(TypeRef.of(element), field));
    }

    private static <T> ApiRequest<T> finish(ApiRequest.Builder b, Class<T> type) {
        return b.build(TypeRef.of(type));
    }
}
