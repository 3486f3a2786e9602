package dev.volga.testkit;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import reactor.netty.resources.ConnectionPoolMetrics;
import reactor.netty.resources.ConnectionProvider;

/**
 * Watches a Reactor Netty connection pool, so a test can assert that every connection it borrowed
 * was given back: after the test's calls have ended, no connection is still acquired and no
 * acquisition is pending. Uses the pool's metrics hook ({@link ConnectionProvider.MeterRegistrar}),
 * which needs no Micrometer.
 *
 * <pre>{@code
 * PoolProbe probe = PoolProbe.create();
 * ConnectionProvider pool = probe.attach(ConnectionProvider.builder("test").maxConnections(50)).build();
 * Transport transport = Transport.builder().connectionProvider(pool).build();
 * // ... calls that succeed, fail, time out or are cancelled ...
 * probe.awaitIdle(Duration.ofSeconds(5));   // AssertionError naming the busy remote if one stays acquired
 * }</pre>
 *
 * <p>A connection goes back to the pool a moment after its response completed (on its event loop),
 * hence {@link #awaitIdle} waits instead of looking once. Thread-safe.
 */
public final class PoolProbe implements ConnectionProvider.MeterRegistrar {

    /** Every sub-pool (one per remote address) registered so far, by pool id. */
    private final Map<String, Registered> pools = new ConcurrentHashMap<>();

    private PoolProbe() {
    }

    /**
     * A probe with nothing attached yet.
     *
     * @return the probe
     */
    public static PoolProbe create() {
        return new PoolProbe();
    }

    /**
     * Turns on the builder's metrics with this probe as their registrar.
     *
     * @param builder a connection provider builder
     * @return the same builder
     */
    public ConnectionProvider.Builder attach(ConnectionProvider.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        return builder.metrics(true, () -> this);
    }

    /**
     * Called by Reactor Netty when the pool creates a sub-pool for a remote address.
     *
     * @param poolName the pool name
     * @param id the sub-pool id
     * @param remoteAddress the remote address
     * @param metrics live metrics of the sub-pool
     */
    @Override
    public void registerMetrics(String poolName, String id, SocketAddress remoteAddress, ConnectionPoolMetrics metrics) {
        pools.put(id, new Registered(poolName, remoteAddress, metrics));
    }

    /**
     * Called by Reactor Netty when a sub-pool is disposed; it no longer counts.
     *
     * @param poolName the pool name
     * @param id the sub-pool id
     * @param remoteAddress the remote address
     */
    @Override
    public void deRegisterMetrics(String poolName, String id, SocketAddress remoteAddress) {
        pools.remove(id);
    }

    /**
     * The pool's state now, summed over its remote addresses.
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        int acquired = 0;
        int idle = 0;
        int allocated = 0;
        int pending = 0;
        Map<String, String> byRemote = new LinkedHashMap<>();
        for (Registered r : pools.values()) {
            ConnectionPoolMetrics m = r.metrics();
            acquired += m.acquiredSize();
            idle += m.idleSize();
            allocated += m.allocatedSize();
            pending += m.pendingAcquireSize();
            byRemote.put(r.poolName() + " " + r.remote(), "acquired=" + m.acquiredSize() + " idle=" + m.idleSize()
                    + " allocated=" + m.allocatedSize() + " pending=" + m.pendingAcquireSize());
        }
        return new Snapshot(pools.size(), acquired, idle, allocated, pending, Map.copyOf(byRemote));
    }

    /**
     * Waits until no connection is acquired and no acquisition is pending.
     *
     * @param timeout how long to wait at most, positive
     * @return the idle snapshot
     * @throws AssertionError with the last snapshot if the pool is still busy after the timeout
     */
    public Snapshot awaitIdle(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Snapshot s = snapshot();
            if (s.isIdle()) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connection pool still busy after " + timeout + ": " + s);
            }
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    @Override
    public String toString() {
        return "PoolProbe" + snapshot();
    }

    private record Registered(String poolName, SocketAddress remote, ConnectionPoolMetrics metrics) {
    }

    /**
     * A pool's state at one moment.
     *
     * @param remotes how many remote addresses have a sub-pool
     * @param acquired connections lent out
     * @param idle connections waiting in the pool
     * @param allocated connections open (lent out or idle)
     * @param pending acquisitions waiting for a connection
     * @param byRemote the same figures per sub-pool, for messages
     */
    public record Snapshot(int remotes, int acquired, int idle, int allocated, int pending, Map<String, String> byRemote) {

        /**
         * Whether nothing is lent out and nothing waits.
         *
         * @return true if idle
         */
        public boolean isIdle() {
            return acquired == 0 && pending == 0;
        }
    }
}
