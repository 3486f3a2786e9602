package dev.volga.endocs.model;

/** An item of an EnDocs feed: it has the id the feed's cursor ({@code DocId}) counts. */
public interface FeedItem {

    /** @return the EnDocs id of the item, the value to pass as the next cursor */
    long id();
}
