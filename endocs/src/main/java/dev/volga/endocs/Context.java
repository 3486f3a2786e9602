package dev.volga.endocs;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.ClientErrorException;
import dev.volga.api.DecodingException;
import dev.volga.api.LeaseLostException;
import dev.volga.api.NotFoundException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.ServerErrorException;
import dev.volga.api.SharedStateException;
import dev.volga.api.TransportException;
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
    /** What feed processors default to: the client's shared state, credential fingerprint and registry. */
    final Processing processing;

    /**
     * The client's defaults of feed processors.
     *
     * @param sharedState the shared state, whose checkpoint store processors use by default
     * @param credential the fingerprint of the client's credential (never the credential)
     * @param registry the client's observation registry
     */
    record Processing(dev.volga.transport.spi.SharedState sharedState, String credential,
                      io.micrometer.observation.ObservationRegistry registry) {
    }

    Context(ApiClient api, EndocsCodec codec, JsonMapper mapper, Scheduler scheduler,
            Duration fileResponseTimeout, int maxFileResponseSize, long maxRequestBodySize, Processing processing) {
        this.api = api;
        this.codec = codec;
        this.mapper = mapper;
        this.scheduler = scheduler;
        this.fileResponseTimeout = fileResponseTimeout;
        this.maxFileResponseSize = maxFileResponseSize;
        this.maxRequestBodySize = maxRequestBodySize;
        this.processing = processing;
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
        return call.onErrorMap(ApiException.class, e -> withRequestId(e, requestId));
    }

    static ApiException withRequestId(ApiException e, String requestId) {
        ApiError x = e.error();
        if (requestId == null || requestId.equals(x.requestId())) {
            return e;
        }
        ApiError error = new ApiError(x.provider(), x.httpStatus(), x.code(), x.message(), x.details(), requestId, x.retryAfter());
        Throwable cause = e.getCause();
        ApiException copy;
        if (e instanceof AccountBlockedException) {
            copy = new AccountBlockedException(error, cause);
        } else if (e instanceof StorageQuotaExceededException) {
            copy = new StorageQuotaExceededException(error, cause);
        } else if (e instanceof FileTooLargeException) {
            copy = new FileTooLargeException(error, cause);
        } else if (e instanceof ExchangeVersionTooOldException) {
            copy = new ExchangeVersionTooOldException(error, cause);
        } else if (e instanceof NotFoundException) {
            copy = new NotFoundException(error, cause);
        } else if (e instanceof ClientErrorException) {
            copy = new ClientErrorException(error, cause);
        } else if (e instanceof AuthenticationException) {
            copy = new AuthenticationException(error, cause);
        } else if (e instanceof RateLimitedException r) {
            copy = new RateLimitedException(error, r.source(), cause);
        } else if (e instanceof ServerErrorException) {
            copy = new ServerErrorException(error, cause);
        } else if (e instanceof TransportException t) {
            copy = new TransportException(error, t.kind(), t.requestSent(), cause);
        } else if (e instanceof DecodingException) {
            copy = new DecodingException(error, cause);
        } else if (e instanceof SharedStateException) {
            // fleet mode's Redis was unavailable under FAIL: the caller must see the type
            copy = new SharedStateException(error, cause);
        } else if (e instanceof LeaseLostException) {
            copy = new LeaseLostException(error, cause);
        } else {
            copy = new ApiException(error, cause);
        }
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
