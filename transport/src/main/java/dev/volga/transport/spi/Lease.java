package dev.volga.transport.spi;

import java.time.Duration;

/**
 * A lease held on a name in a {@link CheckpointStore}: who holds it and its fencing token.
 *
 * <p>The fence grows by at least one each time the lease passes to a new holder (never when the
 * same holder renews it), so a store can refuse a write made under an older lease: a holder that
 * was paused past its TTL cannot move the checkpoint after it wakes.
 *
 * @param name the leased name (one per credential and feed)
 * @param owner the holder: unique per processor instance
 * @param fence the fencing token of this tenure
 * @param ttl how long the lease lasts unless renewed
 */
public record Lease(String name, String owner, long fence, Duration ttl) {

    /**
     * Validates the fields as {@link CheckpointStore#checkClaim} does.
     *
     * @param name the leased name
     * @param owner the holder
     * @param fence the fencing token
     * @param ttl the time to live, at least 1 ms
     */
    public Lease {
        CheckpointStore.checkClaim(name, owner, ttl);
    }
}
