package dev.volga.endocs.model;

import reactor.core.publisher.Flux;

import java.util.List;
import java.util.Objects;

/**
 * One pull of a feed: the server's count and the items after the cursor, in the order the server
 * sent them (the scans feed: newest first, one row per file; the others by id).
 *
 * @param count the server's count ({@code Key}); for scans it counts scans, not rows
 * @param items the items ({@code Value}; an absent or null value is an empty list)
 * @param <T> the item type
 */
public record FeedPage<T extends FeedItem>(int count, List<T> items) {

    /**
     * Copies the items.
     *
     * @param count the server's count ({@code Key}); for scans it counts scans, not rows
     * @param items the items ({@code Value}; an absent or null value is an empty list)
     */
    public FeedPage {
        items = items == null ? List.of() : List.copyOf(items);
    }

    /** @return the items as a {@code Flux} */
    public Flux<T> flux() {
        return Flux.fromIterable(items);
    }

    /**
     * The cursor to pass next time: the highest item id, or the given cursor when there is none.
     *
     * @param cursor the cursor this page was pulled with
     * @return the next cursor
     */
    public long nextCursor(long cursor) {
        long max = cursor;
        for (T item : items) {
            max = Math.max(max, Objects.requireNonNull(item, "item").id());
        }
        return max;
    }
}
