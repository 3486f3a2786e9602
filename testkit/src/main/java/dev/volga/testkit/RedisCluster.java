package dev.volga.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster on loopback for tests of fleet mode: {@code n} masters started with
 * {@code redis-server --cluster-enabled yes} on free ports and joined with
 * {@code redis-cli --cluster create … --cluster-replicas 0 --cluster-yes} (Debian's package
 * {@code redis-tools}, which {@code redis-server} depends on). {@link #close()} kills every process
 * it started.
 *
 * <pre>{@code
 * try (RedisCluster cluster = RedisCluster.start(3)) {
 *     RedisSharedState fleet = RedisSharedState.clusterBuilder(cluster.uri()).build();
 *     …
 * }
 * }</pre>
 */
public final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> nodes = new ArrayList<>();

    private RedisCluster() {
    }

    /**
     * Starts {@code masters} nodes, joins them into one cluster covering all 16384 slots, and waits
     * until every node reports {@code cluster_state:ok}.
     *
     * @param masters how many masters (at least 3, as {@code redis-cli --cluster create} requires)
     * @return the running cluster
     * @throws IOException if a node's folder cannot be created or {@code redis-cli} cannot run
     * @throws IllegalStateException if the cluster is not ready within 20 s
     * @throws InterruptedException if interrupted while waiting
     */
    public static RedisCluster start(int masters) throws IOException, InterruptedException {
        if (masters < 3) {
            throw new IllegalArgumentException("masters must be at least 3, was " + masters);
        }
        RedisCluster c = new RedisCluster();
        try {
            for (int i = 0; i < masters; i++) {
                c.nodes.add(RedisServer.startClusterNode());
            }
            List<String> cmd = new ArrayList<>(List.of(cli(), "--cluster", "create"));
            c.nodes.forEach(n -> cmd.add("127.0.0.1:" + n.port()));
            cmd.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Path out = c.nodes.get(0).dir().resolve("cluster-create.log");
            Process create = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!create.waitFor(20, TimeUnit.SECONDS) || create.exitValue() != 0) {
                create.destroyForcibly();
                throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(out));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!c.ready()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the cluster is not ok after 20 s: " + c.nodes.get(0).command("CLUSTER", "INFO"));
                }
                Thread.sleep(50);
            }
            return c;
        } catch (IOException | InterruptedException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private boolean ready() throws IOException {
        for (RedisServer n : nodes) {
            if (!n.command("CLUSTER", "INFO").contains("cluster_state:ok")) {
                return false;
            }
        }
        return true;
    }

    /** @return the nodes, in the order they were started */
    public List<RedisServer> nodes() {
        return List.copyOf(nodes);
    }

    /** @return every node as a seed, in Lettuce's cluster syntax: {@code redis://127.0.0.1:p1,127.0.0.1:p2,…} */
    public String uri() {
        return "redis://" + nodes.stream().map(n -> "127.0.0.1:" + n.port()).collect(Collectors.joining(","));
    }

    static String cli() {
        Path next = Path.of(RedisServer.binary()).resolveSibling("redis-cli");
        if (Files.isExecutable(next)) {
            return next.toString();
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (Files.isExecutable(Path.of(d, "redis-cli"))) {
                    return Path.of(d, "redis-cli").toString();
                }
            }
        }
        throw new IllegalStateException("redis-cli is not installed (Debian's package redis-tools; tools/ensure-redis.sh installs it)");
    }

    /** Kills every node and deletes their folders. */
    @Override
    public void close() {
        for (RedisServer n : nodes) {
            try {
                n.close();
            } catch (Exception e) {
                // go on: every other node must still be killed
            }
        }
    }
}
