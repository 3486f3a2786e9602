package dev.volga.endocs;

import reactor.core.publisher.Mono;

import java.util.OptionalLong;

/**
 * A running processor of one feed, from {@link Feed#process}: across the instances of a fleet that
 * share a {@link dev.volga.transport.spi.CheckpointStore}, one (the lease holder) polls the feed and
 * hands each item to the handler in id order; the others stand by, claim the lease every poll
 * interval (at most every third of its TTL) and send no request to EnDocs. The checkpoint (the last id done) is written after every
 * item, so a restart or a takeover resumes after it.
 *
 * <p>Delivery is at least once, with the item id as idempotence key: see {@link FeedHandler}.
 */
public interface FeedProcessor {

    /**
     * Stops: no new poll and no new item; the items in flight finish and are checkpointed; then the
     * lease is released, so that a standby takes over at once. The stop begins when this method is
     * called, whether or not the result is subscribed to.
     *
     * @return completes when the processor has stopped (also when it had failed before)
     */
    Mono<Void> stop();

    /**
     * A snapshot of the processor's state; cheap, sends nothing.
     *
     * @return the status
     */
    Status status();

    /**
     * The end of processing.
     *
     * @return completes after {@link #stop()}; fails with an {@link dev.volga.api.ApiException} when
     *     processing ended on an error (the store failed, or the feed answered with a non-transient
     *     error such as an authentication failure)
     */
    Mono<Void> terminated();

    /** What a processor is doing. */
    enum Role {
        /** It holds the lease and processes the feed. */
        HOLDER,
        /** Another instance holds the lease (or the store answered no); it claims now and then. */
        STANDBY,
        /** {@link #stop()} ended it. */
        STOPPED,
        /** An error ended it: see {@link #terminated()}. */
        FAILED
    }

    /**
     * A processor's state.
     *
     * @param name the lease and checkpoint name: {@code endocs:<credential fingerprint>:<feed>}
     * @param role what it does now
     * @param lastCheckpoint the last checkpoint this processor read or wrote; empty before any
     * @param lag the items pulled from the feed but not yet checkpointed (in flight or waiting)
     * @param handled the items its handler completed
     * @param retries the failed tries that were retried
     * @param deadLetters the items sent to the dead-letter hook
     * @param fence the fence of the current or last lease held; 0 if it never held one
     */
    record Status(String name, Role role, OptionalLong lastCheckpoint, long lag, long handled, long retries,
                  long deadLetters, long fence) {
    }
}
