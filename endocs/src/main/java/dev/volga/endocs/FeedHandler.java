package dev.volga.endocs;

import reactor.core.publisher.Mono;

/**
 * What a {@link FeedProcessor} does with each item of a feed, for example: create the document in
 * 1C, then write its 1C id back to EnDocs ({@code Ext_ID}), after which it leaves the feed.
 *
 * <p>Delivery is <b>at least once</b>: an item whose handling succeeded can be delivered again when
 * the processor (or its replica) dies, pauses past its lease or loses its store before the
 * checkpoint moved past the item. Use {@link Delivery#id()} as the idempotence key and look up your
 * own effect first when {@link Delivery#deliveryCount()} is above 1.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface FeedHandler<T> {

    /**
     * Handles one item. The item counts as done when the returned {@code Mono} completes; an error
     * signal, or an exception thrown by this method, counts as a failed try (retried with backoff,
     * then sent to the dead-letter hook).
     *
     * @param delivery the item, its id and how often it was delivered
     * @return completes when the item is done
     */
    Mono<Void> handle(Delivery<T> delivery);
}
