package dev.volga.transport.spi;

import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Where a feed processor keeps, per name (one per credential and feed), a lease that lets one
 * instance of a fleet process the feed while the others stand by, and the checkpoint: the id of
 * the last item processed.
 *
 * <p>Contract, for every implementation:
 * <ul>
 *   <li>At most one owner holds a live lease on a name. {@link #claim} takes a free or expired
 *       lease with a fence greater than every earlier one of that name, or renews the owner's own
 *       (same fence).</li>
 *   <li>{@link #write} stores the checkpoint only if the lease it is given is still the name's
 *       current tenure (same owner and fence, not expired); otherwise it stores nothing and fails
 *       with {@link dev.volga.api.LeaseLostException}. A checkpoint never moves under an old lease.</li>
 *   <li>What {@link #write} stored, {@link #read} returns, also after a restart of the instance
 *       (durability is the implementation's: Redis persists as configured, a file store renames
 *       atomically; a memory store forgets on exit).</li>
 *   <li>Unavailability of the store is an {@link dev.volga.api.ApiException} (for fleet mode a
 *       {@link dev.volga.api.SharedStateException}), never a hang: every operation ends within the
 *       store's own timeout.</li>
 * </ul>
 * Implementations are thread-safe and never block the calling thread.
 */
public interface CheckpointStore {

    /**
     * Takes the lease on a name, or renews it when {@code owner} holds it.
     *
     * @param name the name
     * @param owner the would-be holder
     * @param ttl how long the lease lasts unless renewed
     * @return the lease held after the call; empty when another owner holds a live lease
     */
    Mono<Lease> claim(String name, String owner, Duration ttl);

    /**
     * Gives a lease up, if it is still the current tenure, so that a standby can take over at once.
     *
     * @param lease the lease
     * @return completes when done, also when the lease had already passed on
     */
    Mono<Void> release(Lease lease);

    /**
     * The last checkpoint stored for a name.
     *
     * @param name the name
     * @return the id; empty when none was ever written
     */
    Mono<Long> read(String name);

    /**
     * Stores a checkpoint under a lease.
     *
     * @param lease the lease the writer holds
     * @param id the id of the last item processed
     * @return completes when stored; fails with {@link dev.volga.api.LeaseLostException} when the
     *     lease is no longer the current tenure of its name
     */
    Mono<Void> write(Lease lease, long id);
}
