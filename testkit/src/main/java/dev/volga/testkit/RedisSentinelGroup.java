package dev.volga.testkit;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A real Redis master, one replica and one Sentinel on loopback for tests of fleet mode (Debian's
 * {@code redis-server} runs as a sentinel with {@code --sentinel}). {@link #failover()} asks the
 * sentinel for a {@code SENTINEL FAILOVER} and waits until the replica is the master.
 * {@link #close()} kills every process it started.
 *
 * <pre>{@code
 * try (RedisSentinelGroup redis = RedisSentinelGroup.start()) {
 *     RedisSharedState fleet = RedisSharedState.builder(redis.uri()).build();
 *     …
 *     redis.failover();
 * }
 * }</pre>
 */
public final class RedisSentinelGroup implements AutoCloseable {

    /** The name the sentinel monitors the master under. */
    public static final String MASTER_NAME = "volga";

    private RedisServer first;
    private RedisServer second;
    private RedisServer sentinel;

    private RedisSentinelGroup() {
    }

    /**
     * Starts the master, the replica and the sentinel, and waits until the replica is in sync and
     * the sentinel knows it (a failover needs both).
     *
     * @return the running group
     * @throws IOException if a folder cannot be created
     * @throws IllegalStateException if it is not ready within 20 s
     * @throws InterruptedException if interrupted while waiting
     */
    public static RedisSentinelGroup start() throws IOException, InterruptedException {
        RedisSentinelGroup g = new RedisSentinelGroup();
        try {
            g.first = RedisServer.start();
            g.second = RedisServer.startReplicaOf(g.first);
            g.sentinel = RedisServer.startSentinel(MASTER_NAME, g.first);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!(g.second.command("INFO", "replication").contains("master_link_status:up")
                    && g.sentinel.command("INFO", "sentinel").contains("status=ok,address=127.0.0.1:" + g.first.port() + ",slaves=1"))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the sentinel group is not ready after 20 s: " + g.sentinel.command("INFO", "sentinel"));
                }
                Thread.sleep(50);
            }
            return g;
        } catch (IOException | InterruptedException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    /** @return {@code redis-sentinel://127.0.0.1:<sentinel port>/0#volga} */
    public String uri() {
        return "redis-sentinel://127.0.0.1:" + sentinel.port() + "/0#" + MASTER_NAME;
    }

    /**
     * @return the server the sentinel names as master now
     * @throws IOException if the sentinel cannot be reached
     */
    public RedisServer master() throws IOException {
        return sentinel.command("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).endsWith("\n" + first.port()) ? first : second;
    }

    /** @return the sentinel */
    public RedisServer sentinel() {
        return sentinel;
    }

    /**
     * Fails the master over to the replica ({@code SENTINEL FAILOVER}) and waits until the sentinel
     * names the replica as master and it answers as one.
     *
     * @return the new master
     * @throws IOException if a server cannot be reached
     * @throws IllegalStateException if the failover does not complete within 20 s
     * @throws InterruptedException if interrupted while waiting
     */
    public RedisServer failover() throws IOException, InterruptedException {
        RedisServer old = master();
        RedisServer next = old == first ? second : first;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String answer;
        // -NOGOODSLAVE while the sentinel has not yet refreshed the replica's state: ask again
        while (!(answer = sentinel.command("SENTINEL", "FAILOVER", MASTER_NAME)).startsWith("+OK")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("SENTINEL FAILOVER refused: " + answer);
            }
            Thread.sleep(100);
        }
        while (!(master() == next && next.command("ROLE").startsWith("*3\nmaster"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the failover did not complete within 20 s: " + sentinel.command("INFO", "sentinel"));
            }
            Thread.sleep(50);
        }
        return next;
    }

    /** Kills the sentinel, the replica and the master, and deletes their folders. */
    @Override
    public void close() {
        for (RedisServer s : new RedisServer[] {sentinel, second, first}) {
            if (s != null) {
                try {
                    s.close();
                } catch (Exception e) {
                    // go on: the others must still be killed
                }
            }
        }
    }
}
