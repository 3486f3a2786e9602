package dev.volga.transport.internal.pipeline;

import dev.volga.transport.internal.CallContext;
import dev.volga.transport.internal.ClientTelemetry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;

import java.util.LinkedHashMap;

/**
 * Step 1: a call as one Micrometer observation, started on subscription and stopped once, on its
 * end, error or cancellation, the caller's observation (Reactor context) as its parent. The only
 * place that asks whether observations are on: it gives the call its {@link CallObserver}. With
 * trace propagation on, the observation is a {@code RequestReplySenderContext} whose carrier is
 * the call's trace headers (what a tracing bridge's propagating handler writes, e.g.
 * {@code traceparent}); {@link Wire} sends them with every attempt.
 */
record Observing(ClientTelemetry telemetry, boolean propagateTrace) implements Step {

    @Override
    public <E> Flux<E> apply(Call<E> call, Chain<E> next) {
        ObservationRegistry registry = telemetry.active();
        if (registry == null) {
            return next.proceed();
        }
        Observation parent = call.context.getOrDefault(CallContext.OBSERVATION_KEY, null);
        if (propagateTrace) {
            call.trace = new LinkedHashMap<>(4);
        }
        Observation observation = telemetry.startRequest(registry, call.request.operation(), call.request.method(), parent,
                call.trace);
        call.observer = new CallObserver.Observed(telemetry, registry, observation);
        return OnEnd.watch(next.proceed(), (valued, error, cancelled) -> telemetry.stopRequest(observation,
                        call.lastStatus, error, cancelled, call.attempts, call.permitWaitNanos))
                .contextWrite(c -> c.put(CallContext.OBSERVATION_KEY, observation));
    }
}
