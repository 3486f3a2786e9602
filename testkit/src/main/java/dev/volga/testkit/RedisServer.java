package dev.volga.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process on a free loopback port, with its files in a temporary folder
 * and no persistence, for tests of fleet mode ({@code dev.volga.redis}): the binary is looked up in
 * {@code /usr/bin}, {@code /usr/local/bin} and the {@code PATH} (Debian's package {@code redis-server}).
 * It can be stopped (killed, as in an outage) and started again on the same port. If it cannot start,
 * {@link #start()} throws: a test that needs Redis fails rather than skips. It can also run as a
 * Redis Cluster node, a replica or a sentinel; {@link RedisCluster} and {@link RedisSentinelGroup}
 * start whole deployments of them.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServer.start()) {
 *     RedisSharedState fleet = RedisSharedState.builder(redis.uri()).build();
 *     …
 * }
 * }</pre>
 */
public final class RedisServer implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final String password;
    private final List<String> extraArgs;
    private final String sentinelConf;
    private Process process;

    private RedisServer(String password, List<String> extraArgs, String sentinelConf) throws IOException {
        this.dir = Files.createTempDirectory("volga-redis");
        this.password = password;
        this.extraArgs = List.copyOf(extraArgs);
        this.sentinelConf = sentinelConf;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    /**
     * Starts a server without a password.
     *
     * @return the running server
     * @throws IOException if its folder cannot be created
     * @throws IllegalStateException if {@code redis-server} is missing or does not start within 10 s
     */
    public static RedisServer start() throws IOException {
        return start(null);
    }

    /**
     * Starts a server that requires a password.
     *
     * @param password the password ({@code requirepass}), or null for none
     * @return the running server
     * @throws IOException if its folder cannot be created
     * @throws IllegalStateException if {@code redis-server} is missing or does not start within 10 s
     */
    public static RedisServer start(String password) throws IOException {
        RedisServer r = new RedisServer(password, List.of(), null);
        r.startAgain();
        return r;
    }

    /**
     * Starts a node for a Redis Cluster ({@code --cluster-enabled yes}, node timeout 1 s), not yet
     * part of one: {@link RedisCluster} joins such nodes.
     *
     * @return the running node
     * @throws IOException if its folder cannot be created
     * @throws IllegalStateException if {@code redis-server} is missing or does not start within 10 s
     */
    public static RedisServer startClusterNode() throws IOException {
        RedisServer r = new RedisServer(null, List.of("--cluster-enabled", "yes", "--cluster-node-timeout", "1000"), null);
        r.startAgain();
        return r;
    }

    /**
     * Starts a replica of a running server ({@code --replicaof}).
     *
     * @param master the server it replicates
     * @return the running replica (it may still be syncing)
     * @throws IOException if its folder cannot be created
     * @throws IllegalStateException if {@code redis-server} is missing or does not start within 10 s
     */
    public static RedisServer startReplicaOf(RedisServer master) throws IOException {
        RedisServer r = new RedisServer(null, List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())), null);
        r.startAgain();
        return r;
    }

    /**
     * Starts a Sentinel ({@code redis-server <conf> --sentinel}) that monitors one master with a
     * quorum of 1 and declares it down after 1 s.
     *
     * @param masterName the name it monitors the master under
     * @param master the master
     * @return the running sentinel
     * @throws IOException if its folder or configuration cannot be written
     * @throws IllegalStateException if {@code redis-server} is missing or does not start within 10 s
     */
    public static RedisServer startSentinel(String masterName, RedisServer master) throws IOException {
        if (!masterName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("masterName must be letters, digits, '.', '_' or '-'");
        }
        RedisServer r = new RedisServer(null, List.of(), "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " 1\n"
                + "sentinel down-after-milliseconds " + masterName + " 1000\n"
                + "sentinel failover-timeout " + masterName + " 10000\n");
        r.startAgain();
        return r;
    }

    /** @return the folder of its files (logs, cluster or sentinel configuration) */
    public Path dir() {
        return dir;
    }

    /** @return the loopback port it listens on */
    public int port() {
        return port;
    }

    /** @return {@code redis://[:password@]127.0.0.1:port/0} */
    public String uri() {
        return "redis://" + (password != null ? ":" + password + "@" : "") + "127.0.0.1:" + port + "/0";
    }

    /**
     * Starts the server again on the same port after {@link #stop()} (empty: nothing is persisted);
     * does nothing while it runs.
     *
     * @throws IOException if the process cannot be started
     * @throws IllegalStateException if it does not answer within 10 s
     */
    public synchronized void startAgain() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(binary());
        if (sentinelConf != null) {
            // a sentinel rewrites its configuration file: it must be a writable file of its own
            Path conf = dir.resolve("sentinel.conf");
            if (!Files.exists(conf)) {
                Files.writeString(conf, sentinelConf);
            }
            cmd.add(conf.toString());
            cmd.add("--sentinel");
        }
        cmd.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--daemonize", "no", "--logfile", dir.resolve("redis.log").toString()));
        if (sentinelConf == null) {
            cmd.addAll(List.of("--save", "", "--appendonly", "no"));
        }
        cmd.addAll(extraArgs);
        if (password != null) {
            cmd.add("--requirepass");
            cmd.add(password);
        }
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!answers()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port + "; its log: "
                        + (Files.exists(dir.resolve("redis.log")) ? Files.readString(dir.resolve("redis.log")) : "(none)"));
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
    }

    static String binary() {
        for (String candidate : List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (Files.isExecutable(Path.of(d, "redis-server"))) {
                    return Path.of(d, "redis-server").toString();
                }
            }
        }
        throw new IllegalStateException("redis-server is not installed: the README's test command installs it "
                + "(tools/ensure-redis.sh); the fleet-mode tests need a real Redis");
    }

    /** @return whether the server answers PING (or asks for the password, which means it is up) */
    public boolean answers() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            s.setSoTimeout(500);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            int c = in.read();
            return c == '+' || c == '-';
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Stops the server (SIGKILL: an outage, not a shutdown) and waits until it is gone.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs one command over plain RESP (no client library needed) and returns its answer as text:
     * a bulk string's content, an array as its {@code *n} line followed by one element per line, or
     * the reply line itself ({@code :3}, {@code +OK}, {@code -ERR …}, {@code $-1}).
     *
     * @param args the command, e.g. {@code "KEYS", "volga:*"}
     * @return the answer
     * @throws IOException if the server cannot be reached
     */
    public String command(String... args) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2000);
            StringBuilder sb = new StringBuilder();
            if (password != null) {
                sb.append(resp("AUTH", password));
            }
            sb.append(resp(args));
            s.getOutputStream().write(sb.toString().getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            if (password != null) {
                readLine(in);
            }
            String first = readLine(in);
            if (first.startsWith("*")) {
                int n = Integer.parseInt(first.substring(1));
                StringBuilder all = new StringBuilder(first);
                for (int i = 0; i < n; i++) {
                    String len = readLine(in);
                    all.append('\n').append(len.startsWith("$") ? readLine(in) : len);
                }
                return all.toString();
            }
            if (first.startsWith("$") && !first.equals("$-1")) {
                byte[] bulk = in.readNBytes(Integer.parseInt(first.substring(1)));
                return new String(bulk, StandardCharsets.UTF_8);
            }
            return first;
        }
    }

    private static String resp(String... args) {
        StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
        for (String a : args) {
            sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return sb.toString();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read();
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    /** Stops the server and deletes its folder. */
    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
