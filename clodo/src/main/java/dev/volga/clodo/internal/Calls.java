package dev.volga.clodo.internal;

import dev.volga.api.NotFoundException;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.lang.reflect.Type;
import java.util.Objects;

/** How resource groups call Clodo: build, send, unwrap, convert. */
public final class Calls {

    private final ApiClient api;
    private final ClodoCodec codec;

    /**
     * @param api the pipeline
     * @param codec the codec it uses
     */
    public Calls(ApiClient api, ClodoCodec codec) {
        this.api = Objects.requireNonNull(api, "api");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** @return the pipeline */
    public ApiClient api() {
        return api;
    }

    /**
     * @param request the request builder
     * @param operation the operation name
     * @return the normalised response tree (empty for an empty body)
     */
    public Mono<JsonNode> tree(ApiRequest.Builder request, String operation) {
        return api.exchange(request.operation(operation).build(JsonNode.class));
    }

    /**
     * @param request the request builder
     * @param operation the operation name
     * @param root the wrapper element
     * @param type the value type
     * @param <T> the type
     * @return the value; a 200 whose value lacks a required field (see {@code Required}) is a
     *     {@link dev.volga.api.DecodingException} naming the operation and the field
     */
    public <T> Mono<T> one(ApiRequest.Builder request, String operation, String root, Type type) {
        return tree(request, operation)
                .switchIfEmpty(Mono.error(() -> codec.emptyAnswer(operation)))
                .map(tree -> Required.check(codec.<T>convert(ClodoCodec.unwrap(tree, root), type, operation + " answer"),
                        operation, root));
    }

    /**
     * Like {@link #one} but an empty answer (204) is an empty {@code Mono}.
     *
     * @param request the request builder
     * @param operation the operation name
     * @param root the wrapper element
     * @param type the value type
     * @param <T> the type
     * @return the value, or empty
     */
    public <T> Mono<T> optional(ApiRequest.Builder request, String operation, String root, Type type) {
        return tree(request, operation).map(tree -> Required.check(codec.<T>convert(ClodoCodec.unwrap(tree, root), type,
                operation + " answer"), operation, root));
    }

    /**
     * @param request the request builder
     * @param operation the operation name
     * @param root the list element
     * @param type the item type
     * @param notFoundIsEmpty whether a 404 means "none" (as D1 documents for some lists)
     * @param <T> the type
     * @return the items
     */
    public <T> Flux<T> many(ApiRequest.Builder request, String operation, String root, Class<T> type, boolean notFoundIsEmpty) {
        Flux<T> items = tree(request, operation)
                .flatMapIterable(tree -> codec.convertAll(ClodoCodec.items(tree, root), type, operation + " item"))
                .map(item -> Required.check(item, operation, root + " item"));
        return notFoundIsEmpty ? items.onErrorResume(NotFoundException.class, e -> Flux.empty()) : items;
    }

    /**
     * @param request the request builder
     * @param operation the operation name
     * @return completes on 200/202/204
     */
    public Mono<Void> none(ApiRequest.Builder request, String operation) {
        return api.exchange(request.operation(operation).build(Void.class));
    }
}
