package dev.volga.transport.internal.pipeline;

import dev.volga.api.ApiError;
import dev.volga.api.TransportException;
import dev.volga.transport.internal.CallContext;
import dev.volga.transport.internal.ClientTelemetry;
import dev.volga.transport.internal.Deadlines;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;

/**
 * Step 2: the whole call's deadline ({@code callTimeout}, {@code listingCallTimeout} for a
 * streamed listing, or the context's {@code Volga.callTimeout}): permit wait, login, every attempt
 * with its backoff and the whole body. Past it the call is cancelled and ends with a
 * {@code TIMEOUT} that says it was the whole call's.
 */
record Deadline(String provider, Duration callTimeout, Duration listingCallTimeout, Scheduler scheduler,
                ClientTelemetry telemetry) implements Step {

    @Override
    public <E> Flux<E> apply(Call<E> call, Chain<E> next) {
        Duration limit = CallContext.callTimeout(call.context, call.streamed ? listingCallTimeout : callTimeout);
        if (!call.streamed) {
            // at most one element, at the end: a first-element deadline is the whole call's
            return Deadlines.timeoutFirst(next.proceed(), limit, scheduler, () -> timedOut(call, limit));
        }
        // a listing: the whole stream within the limit, on the same shared timer lanes (a Mono.delay
        // per listing woke a timer thread per call: issue 19's overhead profile)
        return Deadlines.timeoutWhole(next.proceed(), limit, scheduler, () -> timedOut(call, limit));
    }

    /** The end of a call past its deadline: a {@code TIMEOUT} that says it was the whole call's. */
    private TransportException timedOut(Call<?> call, Duration limit) {
        TransportException e = new TransportException(ApiError.builder(provider)
                .message(call.describe() + ": call timeout: not done within " + limit + " (callTimeout bounds the"
                        + " whole call: permit wait, login, " + call.attempts + " attempt(s) with their backoff, the body)"
                        + (call.sent ? "" : "; the request was not sent"))
                .build(), TransportException.Kind.TIMEOUT, call.sent, null);
        telemetry.failed(call.request.operation(), e);
        return e;
    }
}
