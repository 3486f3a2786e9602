package dev.volga.redis;

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
 * A real {@code redis-server} (Debian's package, installed by the README's test command) on a free
 * loopback port, with its files in a temporary folder, no persistence. It can be stopped and started
 * again on the same port (an outage). A test that cannot start it fails; it never skips.
 */
final class RedisProcess implements AutoCloseable {

    private final Path dir;
    private final int port;
    private final String password;
    private Process process;

    private RedisProcess(String password) throws IOException {
        this.dir = Files.createTempDirectory("volga-redis");
        this.password = password;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    static RedisProcess start() throws IOException {
        return start(null);
    }

    static RedisProcess start(String password) throws IOException {
        RedisProcess r = new RedisProcess(password);
        r.startAgain();
        return r;
    }

    int port() {
        return port;
    }

    /** @return {@code redis://[:password@]127.0.0.1:port/0} */
    String uri() {
        return "redis://" + (password != null ? ":" + password + "@" : "") + "127.0.0.1:" + port + "/0";
    }

    synchronized void startAgain() throws IOException {
        if (process != null && process.isAlive()) {
            return;
        }
        List<String> cmd = new ArrayList<>(List.of(binary(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--dir", dir.toString(), "--save", "", "--appendonly", "no", "--daemonize", "no",
                "--logfile", dir.resolve("redis.log").toString()));
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

    private static String binary() {
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
    boolean answers() {
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

    /** Stops the server (SIGKILL: an outage, not a shutdown) and waits until it is gone. */
    synchronized void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Runs a command with redis-cli-free plain RESP and returns the first reply line.
     *
     * @param args the command
     * @return the reply's first line, e.g. {@code ":3"}
     */
    String command(String... args) throws IOException {
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

    @Override
    public void close() throws Exception {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
