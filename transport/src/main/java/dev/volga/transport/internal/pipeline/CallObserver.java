package dev.volga.transport.internal.pipeline;

import dev.volga.api.RateLimitedException;
import dev.volga.transport.internal.ClientTelemetry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Mono;

/**
 * What the steps report about their call: its permit wait, its backoffs, a server's 429. The
 * {@link Observing} step chooses, once per call, between {@link #OFF} and an observing one, so no
 * step asks whether observations are on.
 */
interface CallObserver {

    /** Observes nothing. */
    CallObserver OFF = new CallObserver() {
    };

    /**
     * @param permit the wait for a permit
     * @param call the call (its permit wait adds up)
     * @return the wait, observed
     */
    default Mono<Void> permit(Mono<Void> permit, Call<?> call) {
        return permit;
    }

    /**
     * @param backoff the wait before the next attempt
     * @param call the call
     * @param error what the retry is for
     * @return the wait, observed
     */
    default Mono<Long> backoff(Mono<Long> backoff, Call<?> call, Throwable error) {
        return backoff;
    }

    /** The server answered 429. */
    default void rateLimited() {
    }

    /** Reports to one call's observation. */
    final class Observed implements CallObserver {
        private final ClientTelemetry telemetry;
        private final ObservationRegistry registry;
        final Observation observation;

        Observed(ClientTelemetry telemetry, ObservationRegistry registry, Observation observation) {
            this.telemetry = telemetry;
            this.registry = registry;
            this.observation = observation;
        }

        @Override
        public Mono<Void> permit(Mono<Void> permit, Call<?> call) {
            return Mono.defer(() -> {
                Observation wait = telemetry.startPermit(registry, observation);
                long start = System.nanoTime();
                return OnEnd.watch(permit.flux(), (valued, e, cancelled) -> {
                    if (cancelled) {
                        telemetry.stopPermit(wait, "cancelled", null);
                    } else if (e != null) {
                        boolean denied = e instanceof RateLimitedException r
                                && r.source() == RateLimitedException.Source.CLIENT_QUEUE_FULL;
                        telemetry.stopPermit(wait, denied ? "denied" : "error", e);
                    } else {
                        call.permitWaitNanos += System.nanoTime() - start;
                        telemetry.stopPermit(wait, "granted", null);
                    }
                }).then();
            });
        }

        @Override
        public Mono<Long> backoff(Mono<Long> backoff, Call<?> call, Throwable error) {
            return Mono.defer(() -> {
                Observation retry = telemetry.startRetry(registry, observation, call.request.operation(), error);
                return backoff.doFinally(signal -> retry.stop());
            });
        }

        @Override
        public void rateLimited() {
            telemetry.rateLimited(observation);
        }
    }
}
