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
 * A second JVM running {@link FleetWorker} (or another main class of these tests) on the module path: the modules of this test run plus the
 * provider modules the tests use, with the test classes patched into {@code dev.volga.redis}.
 */
final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> all = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ChildJvm(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    all.add(line);
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "child-jvm-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ChildJvm start(String... args) throws IOException {
        return startMain("FleetWorker", args);
    }

    /**
     * @param main the simple name of a main class in {@code dev.volga.redis}'s tests
     * @param args its arguments
     * @return the running JVM
     */
    static ChildJvm startMain(String main, String... args) throws IOException {
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
                "-m", "dev.volga.redis/dev.volga.redis." + main));
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

    /** @return every line the JVM printed so far, also those {@link #await} consumed */
    List<String> lines() {
        return List.copyOf(all);
    }

    /** @return the JVM's process id */
    long pid() {
        return process.pid();
    }

    /** @return whether the JVM still runs */
    boolean alive() {
        return process.isAlive();
    }

    /**
     * Sends a signal with {@code kill}, e.g. {@code STOP} (freeze, as a long GC pause) or {@code CONT}.
     *
     * @param signal the signal's name without {@code SIG}
     */
    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
        }
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
