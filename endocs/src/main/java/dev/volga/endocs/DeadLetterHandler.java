package dev.volga.endocs;

import reactor.core.publisher.Mono;

/**
 * Called by a {@link FeedProcessor} with an item whose handler failed as many times as
 * {@link ProcessorOptions#retry(dev.volga.api.RetrySettings) retry}'s {@code maxAttempts}; when it completes (or fails: that is logged), processing goes on and the
 * checkpoint passes the item. Park the item somewhere a person will see it: it does not come back.
 *
 * @param <T> the item type
 */
@FunctionalInterface
public interface DeadLetterHandler<T> {

    /**
     * Takes the item over.
     *
     * @param delivery the last delivery of the item
     * @param lastError the error of the last try
     * @return completes when done
     */
    Mono<Void> handle(Delivery<T> delivery, Throwable lastError);
}
