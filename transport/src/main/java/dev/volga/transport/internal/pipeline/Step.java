package dev.volga.transport.internal.pipeline;

import reactor.core.publisher.Flux;

/**
 * One step of the pipeline: does its part of a call around the steps after it ({@code next}).
 * The steps and their order are fixed ({@link Pipeline}); they are not a user's policy list.
 */
interface Step {

    /**
     * @param call the call
     * @param next the steps after this one
     * @param <E> what the call yields
     * @return the call's elements
     */
    <E> Flux<E> apply(Call<E> call, Chain<E> next);

    /**
     * The steps after one step, for one call.
     *
     * @param <E> what the call yields
     */
    final class Chain<E> {
        private final Step[] steps;
        private final int index;
        private final Call<E> call;

        Chain(Step[] steps, int index, Call<E> call) {
            this.steps = steps;
            this.index = index;
            this.call = call;
        }

        /** @return the rest of the call, run by the next step */
        Flux<E> proceed() {
            return steps[index].apply(call, new Chain<>(steps, index + 1, call));
        }
    }
}
