package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;

import dev.volga.transport.internal.CallContext;
import dev.volga.transport.internal.Checks;
import reactor.util.context.Context;

import java.time.Duration;
import java.util.function.Function;

/**
 * Per-call options for any Volga client (Nodul, EnDocs, Clodo, a bare {@link ApiClient}), given
 * the Reactor way: written into the subscriber's context of the one call they apply to.
 *
 * <pre>{@code
 * // this listing may take up to 2 hours; every other call keeps the client's callTimeout
 * nodul.tasks().list().contextWrite(Volga.callTimeout(Duration.ofHours(2)));
 * // this call must be done, permit wait and retries included, within 5 seconds
 * clodo.servers().get(id).contextWrite(Volga.callTimeout(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>A value written further downstream (closer to the subscriber) is overridden by one written
 * closer to the call, as with any context key. Inside one call every request of it (the login
 * it may need, its retries) runs under the call's deadline.
 */
public final class Volga {

    private Volga() {
    }

    /**
     * The deadline of one call, overriding the client's {@link ClientBuilder#callTimeout(Duration)}
     * (or {@link ClientBuilder#listingCallTimeout(Duration)} for a listing): from subscription to
     * the last element, permit wait, login, retries and the whole body included. Past it the call
     * ends with a {@link dev.volga.api.TransportException} of kind {@code TIMEOUT} whose message
     * says {@code call timeout}.
     *
     * @param timeout the deadline, positive
     * @return the context change for {@code Mono.contextWrite} / {@code Flux.contextWrite}
     * @throws IllegalArgumentException if the timeout is zero or negative
     */
    public static Function<Context, Context> callTimeout(Duration timeout) {
        Duration value = Checks.positive(timeout, "timeout");
        return context -> context.put(CallContext.CALL_TIMEOUT, value);
    }
}
