package dev.volga.transport.internal.pipeline;

import dev.volga.api.RetrySettings;
import dev.volga.transport.internal.BodyReader;
import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.ApiRequest;
import reactor.util.context.ContextView;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * One call as the steps see it: the request, its encoded body, what its response turns into, and
 * the state its attempts share. Attempts of one call run one after another, never concurrently.
 *
 * @param <E> what the call yields (its value, or a listing's elements)
 */
final class Call<E> {
    final ApiRequest<?> request;
    /** The encoded body (an {@code EncodedBody} or a {@code StreamingBody}), or null. */
    final Object body;
    /** The subscriber's context: per-call options ({@code Volga.callTimeout}, {@code Volga.retry}). */
    final ContextView context;
    /** The retry settings of this call: the client's, or the context's override. */
    final RetrySettings retry;
    /** Whether the response is a listing streamed element by element. */
    final boolean streamed;
    BodyReader<E> reader;
    /** What the call reports to; {@link CallObserver#OFF} when observations are off. */
    CallObserver observer = CallObserver.OFF;

    /** Trace headers a propagating observation handler wrote for every request of the call, or null. */
    Map<String, String> trace;
    /** The token the current attempt sends with; empty without authentication. */
    Optional<AccessToken> token = Optional.empty();
    /** How long the server asked to wait (Retry-After), for the current attempt. */
    Duration retryAfter;
    /** Whether this attempt of a listing has emitted an element: from then on it is never retried. */
    boolean emitted;
    int attempts;
    /** Whether an attempt went as far as sending (the request may have reached the server). */
    volatile boolean sent;
    int lastStatus;
    long permitWaitNanos;

    Call(ApiRequest<?> request, Object body, ContextView context, RetrySettings retry, boolean streamed) {
        this.request = request;
        this.body = body;
        this.context = context;
        this.retry = retry;
        this.streamed = streamed;
    }

    /** @return the request as named in messages, e.g. {@code GET /servers (servers.list)} */
    String describe() {
        return describe(request);
    }

    static String describe(ApiRequest<?> request) {
        return request.method() + " " + request.path() + " (" + request.operation() + ")";
    }
}
