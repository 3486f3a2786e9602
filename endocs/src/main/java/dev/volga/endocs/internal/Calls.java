package dev.volga.endocs;

import dev.volga.api.ApiException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.endocs.internal.EndocsCodec;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Type;
import java.time.Duration;

/** What the resource groups share: the pipeline, the codec and the per-route settings. */
final class Context {

    final ApiClient api;
    final EndocsCodec codec;
    final JsonMapper mapper;
    final Scheduler scheduler;
    final Duration fileResponseTimeout;
    final int maxFileResponseSize;
    final long maxRequestBodySize;

    Context(ApiClient api, EndocsCodec codec, JsonMapper mapper, Scheduler scheduler,
            Duration fileResponseTimeout, int maxFileResponseSize, long maxRequestBodySize) {
        this.api = api;
        this.codec = codec;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.fileResponseTimeout = fileResponseTimeout;
        this.maxFileResponseSize = maxFileResponseSize;
        this.maxRequestBodySize = maxRequestBodySize;
    }

    ApiRequest.Builder get(String path, String operation) {
        return ApiRequest.get(path).operation(operation);
    }

    ApiRequest.Builder post(String path, String operation) {
        return ApiRequest.post(path).operation(operation);
    }

    /** 201 with the entity, or 204 (or an empty body): updated. */
    <T> UpsertResult<T> upsertResult(ApiResponse response, Type entity, String requestId) {
        if (response.status() == 204 || response.body().length == 0) {
            return new UpsertResult.Updated<>(requestId);
        }
        T value = codec.read(response, entity);
        return new UpsertResult.Created<>(value, requestId);
    }

    /** Puts the call's request id into every error it ends with. */
    static <T> Mono<T> tagged(Mono<T> call, String requestId) {
        return requestId == null ? call : call.onErrorMap(ApiException.class, e -> e.withRequestId(requestId));
    }
}
