package dev.volga.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running {@link FleetWorker} on the module path: the modules of this test run plus the
 * provider modules the tests use, with the test classes patched into {@code dev.volga.redis}.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String... args) throws IOException {
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath == null) {
            throw new IllegalStateException("the tests must run on the module path");
        }
        List<String> extra = new ArrayList<>();
        String testClasses = null;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith("test-classes")) {
                testClasses = entry;
            } else if (!entry.contains("surefire") && !entry.contains("junit") && !entry.contains("assertj")
                    && !entry.contains("opentest4j") && !entry.contains("apiguardian") && !entry.contains("reactor-test")) {
                extra.add(entry);
            }
        }
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "--module-path", modulePath + File.pathSeparator + String.join(File.pathSeparator, extra),
                "--patch-module", "dev.volga.redis=" + testClasses,
                "--add-modules", "dev.volga.endocs,dev.volga.clodo",
                "--add-reads", "dev.volga.redis=dev.volga.endocs,dev.volga.clodo",
                "-m", "dev.volga.redis/dev.volga.redis.FleetWorker"));
        cmd.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(cmd).redirectErrorStream(true).start());
    }

    /**
     * @param prefix the start of the line to wait for
     * @param timeoutSeconds how long at most
     * @return the line
     */
    String await(String prefix, int timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                if (line.startsWith(prefix)) {
                    return line;
                }
                seen.add(line);
            } else if (!process.isAlive() && lines.isEmpty()) {
                break;
            }
        }
        throw new AssertionError("the child JVM did not print '" + prefix + "' within " + timeoutSeconds
                + " s; it printed: " + String.join("\n", seen.subList(Math.max(0, seen.size() - 40), seen.size())));
    }

    /**
     * @param line a line for the child's standard input
     */
    void send(String line) throws IOException {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
    }

    /** Kills the JVM at once (SIGKILL): no shutdown hook, no connection closed politely. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
