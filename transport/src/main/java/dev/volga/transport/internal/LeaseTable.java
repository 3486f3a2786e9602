package dev.volga.transport.internal;

import dev.volga.api.ApiError;
import dev.volga.api.LeaseLostException;
import dev.volga.transport.spi.Lease;

import java.time.Duration;

/**
 * The lease rules of {@link dev.volga.transport.spi.CheckpointStore}, shared by the memory and the
 * file store: they differ only in where an {@link Entry} lives and how its updates are serialised.
 */
public final class LeaseTable {

    private LeaseTable() {
    }

    /** One name's state: the current (or last) tenure and the checkpoint. Not thread-safe. */
    public static final class Entry {
        /** The holder, or null when free. */
        public String owner;
        /** The fence of the current (or last) tenure; 0 before the first. */
        public long fence;
        /** When the lease expires, in the store's clock (ms). */
        public long expiresAt;
        /** Whether a checkpoint was ever written. */
        public boolean hasCheckpoint;
        /** The checkpoint. */
        public long checkpoint;
    }

    /**
     * Takes a free or expired lease with the next fence, or renews the owner's own tenure (same
     * fence, also when it had expired and nobody took it since).
     *
     * @return the lease held after the call, or null when another owner holds a live one
     */
    static Lease claim(Entry e, String name, String owner, Duration ttl, long now) {
        boolean live = e.owner != null && e.expiresAt > now;
        if (owner.equals(e.owner)) {
            e.expiresAt = now + ttl.toMillis();
            return new Lease(name, owner, e.fence, ttl);
        }
        if (live) {
            return null;
        }
        e.owner = owner;
        e.fence++;
        e.expiresAt = now + ttl.toMillis();
        return new Lease(name, owner, e.fence, ttl);
    }

    /** Frees the lease if it is still the current tenure. */
    static boolean release(Entry e, Lease lease) {
        if (lease.owner().equals(e.owner) && lease.fence() == e.fence) {
            e.owner = null;
            e.expiresAt = 0;
            return true;
        }
        return false;
    }

    /** Stores the checkpoint if the lease is the live current tenure, else throws. */
    static void write(Entry e, Lease lease, long id, long now) {
        if (!lease.owner().equals(e.owner) || lease.fence() != e.fence || e.expiresAt <= now) {
            throw new LeaseLostException(ApiError.builder("volga")
                    .code("lease-lost")
                    .message("the lease on " + lease.name() + " (fence " + lease.fence()
                            + ") is no longer the current tenure (fence " + e.fence + "); the checkpoint did not move")
                    .build(), null);
        }
        e.checkpoint = id;
        e.hasCheckpoint = true;
    }
}
