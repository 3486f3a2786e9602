package dev.volga.transport.spi;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.transport.ClientBuilder;
import dev.volga.transport.FailedAttempt;
import dev.volga.transport.Transport;
import dev.volga.transport.internal.Checks;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.function.BiPredicate;

/**
 * The options every client builder shares ({@link ClientBuilder}), frozen: what a provider builder
 * hands to {@link ApiClient} once, instead of copying them setter by
 * setter into a second builder.
 *
 * @param transport a shared transport, or null when the client creates (and closes) its own
 * @param connectTimeout the connect timeout of the client's own transport, or null for the default
 * @param responseTimeout the response timeout, or null for the transport's
 * @param callTimeout the deadline of a whole call
 * @param listingCallTimeout the deadline of a whole listing
 * @param rateLimiter a limiter shared with other clients, or null for one of the client's own
 * @param rateLimits the limits of the client's own limiter
 * @param retry the retry settings
 * @param scheduler the scheduler for timers and the clock
 * @param sharedState where quota, pause and token live
 * @param observationRegistry where calls are observed ({@link ObservationRegistry#NOOP}: nowhere)
 * @param retryIf narrows what is retried: a failure the pipeline would retry is retried only if it says so
 * @param propagateTrace whether a call's observation propagates its trace to the server ({@code traceparent})
 */
public record ClientOptions(Transport transport, Duration connectTimeout, Duration responseTimeout,
                            Duration callTimeout, Duration listingCallTimeout, RateLimiter rateLimiter,
                            RateLimitSettings rateLimits, RetrySettings retry, Scheduler scheduler,
                            SharedState sharedState, ObservationRegistry observationRegistry,
                            BiPredicate<FailedAttempt, Throwable> retryIf, boolean propagateTrace) {

    /**
     * Checks the options that are always required.
     *
     * @param transport see the component
     * @param connectTimeout see the component
     * @param responseTimeout see the component
     * @param callTimeout see the component
     * @param listingCallTimeout see the component
     * @param rateLimiter see the component
     * @param rateLimits see the component
     * @param retry see the component
     * @param scheduler see the component
     * @param sharedState see the component
     * @param observationRegistry see the component
     * @param retryIf see the component
     * @param propagateTrace see the component
     */
    public ClientOptions {
        Checks.positive(callTimeout, "callTimeout");
        Checks.positive(listingCallTimeout, "listingCallTimeout");
        if (connectTimeout != null) {
            Checks.positive(connectTimeout, "connectTimeout");
        }
        if (responseTimeout != null) {
            Checks.positive(responseTimeout, "responseTimeout");
        }
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(sharedState, "sharedState");
        Objects.requireNonNull(observationRegistry, "observationRegistry");
        Objects.requireNonNull(retryIf, "retryIf");
        if (transport != null && connectTimeout != null) {
            throw new IllegalStateException("connectTimeout applies to the client's own transport only; "
                    + "set it on the shared transport instead");
        }
    }

    /**
     * A transport for a client that was given none, with these timeouts. The caller owns it and
     * must close it.
     *
     * @return a new transport
     */
    public Transport newOwnTransport() {
        return Transport.builder()
                .connectTimeout(connectTimeout != null ? connectTimeout : Transport.DEFAULT_CONNECT_TIMEOUT)
                .responseTimeout(responseTimeout != null ? responseTimeout : Transport.DEFAULT_RESPONSE_TIMEOUT)
                .build();
    }

    /**
     * These options on a transport the provider client holds itself: the shared one they name, or
     * the one it created from them with {@link #newOwnTransport()} and closes itself (then the
     * timeouts are that transport's and are not applied again request by request).
     *
     * @param value the transport
     * @return a copy on that transport
     */
    public ClientOptions withTransport(Transport value) {
        Objects.requireNonNull(value, "transport");
        return new ClientOptions(value, null, transport != null ? responseTimeout : null, callTimeout, listingCallTimeout,
                rateLimiter, rateLimits, retry, scheduler, sharedState, observationRegistry, retryIf, propagateTrace);
    }

    /**
     * @param value a limiter the provider client holds itself (e.g. one it shares between its pipelines)
     * @return a copy waiting on that limiter
     */
    public ClientOptions withRateLimiter(RateLimiter value) {
        Objects.requireNonNull(value, "rateLimiter");
        return new ClientOptions(transport, connectTimeout, responseTimeout, callTimeout, listingCallTimeout,
                value, rateLimits, retry, scheduler, sharedState, observationRegistry, retryIf, propagateTrace);
    }
}
