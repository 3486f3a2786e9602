package dev.volga.transport.internal.pipeline;

import reactor.core.publisher.Flux;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a callback exactly once when a subscription ends: completion, error or cancellation,
 * whichever comes first. Observations stop here (a call, a permit wait, a login).
 */
@FunctionalInterface
interface OnEnd {

    /**
     * @param valued whether an element was emitted
     * @param error the failure, or null
     * @param cancelled whether the subscriber cancelled
     */
    void ended(boolean valued, Throwable error, boolean cancelled);

    /**
     * @param source what to watch
     * @param onEnd called once per subscription
     * @param <T> the element type
     * @return {@code source}, watched
     */
    static <T> Flux<T> watch(Flux<T> source, OnEnd onEnd) {
        return Flux.defer(() -> {
            AtomicBoolean done = new AtomicBoolean();
            boolean[] valued = new boolean[1];
            return source
                    .doOnNext(v -> valued[0] = true)
                    .doOnComplete(() -> {
                        if (done.compareAndSet(false, true)) {
                            onEnd.ended(valued[0], null, false);
                        }
                    })
                    .doOnError(e -> {
                        if (done.compareAndSet(false, true)) {
                            onEnd.ended(valued[0], e, false);
                        }
                    })
                    .doOnCancel(() -> {
                        if (done.compareAndSet(false, true)) {
                            onEnd.ended(valued[0], null, true);
                        }
                    });
        });
    }
}
