package dev.volga.transport.internal;

import dev.volga.transport.spi.CheckpointStore;
import dev.volga.transport.spi.Lease;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Leases and checkpoints in this JVM's memory: processors of one JVM that share the instance share
 * the leases. Every operation is a few field reads under the instance's lock, so it runs on the
 * caller's thread and never blocks for long.
 */
public final class MemoryCheckpointStore implements CheckpointStore {

    private final LongSupplier clockMillis;
    private final Map<String, LeaseTable.Entry> entries = new HashMap<>();

    /**
     * @param clockMillis the clock leases expire by, in milliseconds
     */
    public MemoryCheckpointStore(LongSupplier clockMillis) {
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    @Override
    public Mono<Lease> claim(String name, String owner, Duration ttl) {
        CheckpointStore.checkClaim(name, owner, ttl);
        return Mono.fromCallable(() -> {
            synchronized (entries) {
                LeaseTable.Entry e = entries.computeIfAbsent(name, n -> new LeaseTable.Entry());
                return LeaseTable.claim(e, name, owner, ttl, clockMillis.getAsLong());
            }
        });
    }

    @Override
    public Mono<Void> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        return Mono.fromRunnable(() -> {
            synchronized (entries) {
                LeaseTable.Entry e = entries.get(lease.name());
                if (e != null) {
                    LeaseTable.release(e, lease);
                }
            }
        });
    }

    @Override
    public Mono<Long> read(String name) {
        CheckpointStore.checkName(name);
        return Mono.fromCallable(() -> {
            synchronized (entries) {
                LeaseTable.Entry e = entries.get(name);
                return e == null || !e.hasCheckpoint ? null : e.checkpoint;
            }
        });
    }

    @Override
    public Mono<Void> write(Lease lease, long id) {
        Objects.requireNonNull(lease, "lease");
        return Mono.fromCallable(() -> {
            synchronized (entries) {
                LeaseTable.Entry e = entries.computeIfAbsent(lease.name(), n -> new LeaseTable.Entry());
                LeaseTable.write(e, lease, id, clockMillis.getAsLong());
                return Boolean.TRUE;
            }
        }).then();
    }

    @Override
    public String toString() {
        return "CheckpointStore.memory()";
    }
}
