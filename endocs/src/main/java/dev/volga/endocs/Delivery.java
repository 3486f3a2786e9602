package dev.volga.endocs;

import java.util.Objects;

/**
 * One delivery of a feed item to a {@link FeedHandler}.
 *
 * @param item the item
 * @param id the item's id: the feed's cursor value and the idempotence key of its handling
 * @param deliveryCount 1 for the first try in this process, 2 for the first retry, and so on; one
 *     more when the item may have been delivered before by an earlier holder of the lease (the first
 *     items after a takeover from a checkpoint): above 1, check whether your effect is already there
 * @param <T> the item type
 */
public record Delivery<T>(T item, long id, int deliveryCount) {

    /**
     * Validates the fields.
     *
     * @param item the item
     * @param id the item's id
     * @param deliveryCount at least 1
     */
    public Delivery {
        Objects.requireNonNull(item, "item");
        if (deliveryCount < 1) {
            throw new IllegalArgumentException("deliveryCount must be at least 1, was " + deliveryCount);
        }
    }
}
