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

    /** The longest name or owner every store accepts: 512 characters. */
    int MAX_NAME_LENGTH = 512;

    /**
     * The argument checks of {@link #claim}, the same for every store and run before any I/O: name
     * and owner not null ({@link NullPointerException} naming them), 1 to {@value #MAX_NAME_LENGTH}
     * characters without control characters, ttl not null and at least 1 ms (the stores count in
     * milliseconds) ({@link IllegalArgumentException}).
     *
     * @param name the name
     * @param owner the would-be holder
     * @param ttl how long the lease lasts
     * @throws IllegalArgumentException naming the argument that is wrong
     */
    static void checkClaim(String name, String owner, Duration ttl) {
        checkName(name);
        checkText(owner, "owner");
        java.util.Objects.requireNonNull(ttl, "ttl");
        if (ttl.toMillis() < 1) {
            throw new IllegalArgumentException("ttl must be at least 1 ms, was " + ttl);
        }
    }

    /**
     * The argument check of a name ({@link #read}), as in {@link #checkClaim}.
     *
     * @param name the name
     * @throws IllegalArgumentException when it is empty, too long or has a control character
     */
    static void checkName(String name) {
        checkText(name, "name");
    }

    private static void checkText(String value, String what) {
        java.util.Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_NAME_LENGTH || value.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be 1.." + MAX_NAME_LENGTH + " characters without control characters");
        }
    }

    /**
     * A new store in this JVM's memory: leases between the processors of one JVM that share this
     * instance; checkpoints are forgotten on exit. Leases expire by {@link System#nanoTime()}.
     * {@link SharedState#local()} keeps one such store per JVM.
     *
     * @return the store
     */
    static CheckpointStore memory() {
        return new dev.volga.transport.internal.MemoryCheckpointStore(() -> System.nanoTime() / 1_000_000L);
    }

    /**
     * A new store in this JVM's memory whose leases expire by a scheduler's clock: a
     * {@code VirtualTimeScheduler} in tests.
     *
     * @param clock the scheduler whose {@code now} times the leases
     * @return the store
     */
    static CheckpointStore memory(reactor.core.scheduler.Scheduler clock) {
        java.util.Objects.requireNonNull(clock, "clock");
        return new dev.volga.transport.internal.MemoryCheckpointStore(
                () -> clock.now(java.util.concurrent.TimeUnit.MILLISECONDS));
    }

    /**
     * A store in a directory, for a single instance and for the JVMs of one host that share the
     * directory: one file per name, holding owner, fence, expiry and checkpoint; every change is
     * written to a temporary file and renamed over the old one atomically, so a crash never leaves a
     * torn file. An operation holds an exclusive {@link java.nio.channels.FileChannel#lock() file
     * lock} on the name's {@code .lock} file (only while it runs), so two JVMs on one directory can
     * never both hold a lease; a killed JVM's lease passes on when it expires. Leases expire by the
     * wall clock. File I/O runs on {@code Schedulers.boundedElastic()}; an I/O failure is a
     * {@link dev.volga.api.SharedStateException}. The directory is created when missing; it must be
     * on a local file system that renames atomically (not NFS).
     *
     * @param directory the directory
     * @return the store
     */
    static CheckpointStore file(java.nio.file.Path directory) {
        java.util.Objects.requireNonNull(directory, "directory");
        return new dev.volga.transport.internal.FileCheckpointStore(directory, System::currentTimeMillis);
    }

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
