package dev.volga.transport.spi;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.transport.ClientBuilder;
import dev.volga.transport.Transport;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Objects;

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
 */
public record ClientOptions(Transport transport, Duration connectTimeout, Duration responseTimeout,
                            Duration callTimeout, Duration listingCallTimeout, RateLimiter rateLimiter,
                            RateLimitSettings rateLimits, RetrySettings retry, Scheduler scheduler,
                            SharedState sharedState, ObservationRegistry observationRegistry) {

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
     */
    public ClientOptions {
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(listingCallTimeout, "listingCallTimeout");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(sharedState, "sharedState");
        Objects.requireNonNull(observationRegistry, "observationRegistry");
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
}
