package dev.volga.endocs.internal;

import dev.volga.api.ApiException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.SharedState;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

/**
 * What the resource groups share: the pipeline, the codec and the per-route settings.
 *
 * @param api the pipeline
 * @param codec the codec it decodes with
 * @param mapper the mapper of upload bodies and file collections
 * @param scheduler the clock of polling loops
 * @param fileResponseTimeout the response timeout of file routes
 * @param maxFileResponseSize the response-size cap of file downloads
 * @param maxRequestBodySize the largest request body
 * @param processing what feed processors default to
 */
public record Calls(ApiClient api, EndocsCodec codec, JsonMapper mapper, Scheduler scheduler,
                    Duration fileResponseTimeout, int maxFileResponseSize, long maxRequestBodySize, Processing processing) {

    /**
     * The client's defaults of feed processors.
     *
     * @param sharedState the shared state, whose checkpoint store processors use by default
     * @param credential the fingerprint of the client's credential (never the credential)
     * @param registry the client's observation registry
     */
    public record Processing(SharedState sharedState, String credential, ObservationRegistry registry) {
    }

    /**
     * @param path the route
     * @param operation the operation name
     * @return a GET request
     */
    public ApiRequest.Builder get(String path, String operation) {
        return ApiRequest.get(path).operation(operation);
    }

    /**
     * @param path the route
     * @param operation the operation name
     * @return a POST request
     */
    public ApiRequest.Builder post(String path, String operation) {
        return ApiRequest.post(path).operation(operation);
    }

    /**
     * Puts the call's request id into every error it ends with.
     *
     * @param call the call
     * @param requestId the id it sent, or null
     * @param <T> the value type
     * @return the call, its errors tagged
     */
    public static <T> Mono<T> tagged(Mono<T> call, String requestId) {
        return requestId == null ? call : call.onErrorMap(ApiException.class, e -> e.withRequestId(requestId));
    }

    /**
     * Whether a poll that failed so may succeed later (connection trouble, a server error, a 429 the
     * retries did not outlast), so that a polling loop tries again after its interval instead of ending.
     *
     * @param e the failure
     * @return whether to poll again later
     */
    public static boolean isTransient(Throwable e) {
        return e instanceof TransportException || e instanceof ServerErrorException || e instanceof RateLimitedException;
    }
}
