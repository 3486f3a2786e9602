package dev.volga.transport.spi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CheckpointStore#file}: two JVMs on one directory see one lease and one checkpoint. The other
 * JVM is a real child process running {@link #main}.
 */
class FileStoreAcrossProcessesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String NAME = "endocs:cafe:newInputs";

    /**
     * The child: claims the lease as {@code child}, writes the checkpoint given (if it got the lease)
     * and prints {@code fence=<n> checkpoint=<read>} or {@code held}.
     *
     * @param args directory, checkpoint to write
     */
    public static void main(String[] args) {
        CheckpointStore store = CheckpointStore.file(Path.of(args[0]));
        Lease lease = store.claim(NAME, "child", Duration.ofMinutes(1)).block(WAIT);
        if (lease == null) {
            System.out.println("held");
            return;
        }
        store.write(lease, Long.parseLong(args[1])).block(WAIT);
        System.out.println("fence=" + lease.fence() + " checkpoint=" + store.read(NAME).block(WAIT));
    }

    private static String child(Path dir, long checkpoint) throws Exception {
        String classPath = String.join(File.pathSeparator, System.getProperty("jdk.module.path", ""),
                System.getProperty("java.class.path", ""), Path.of("target", "test-classes").toAbsolutePath().toString());
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, FileStoreAcrossProcessesTest.class.getName(), dir.toString(), Long.toString(checkpoint))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
        List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(p.exitValue()).as(String.join("\n", lines)).isZero();
        return lines.get(lines.size() - 1);
    }

    @Test
    void anotherJvmCannotTakeAHeldLeaseAndSeesTheCheckpointAfterItsRelease(@TempDir Path dir) throws Exception {
        CheckpointStore store = CheckpointStore.file(dir);
        Lease mine = store.claim(NAME, "parent", Duration.ofMinutes(1)).block(WAIT);
        store.write(mine, 10).block(WAIT);
        assertThat(child(dir, 99)).isEqualTo("held");
        assertThat(store.read(NAME).block(WAIT)).isEqualTo(10);

        store.release(mine).block(WAIT);
        assertThat(child(dir, 11)).isEqualTo("fence=" + (mine.fence() + 1) + " checkpoint=11");
        assertThat(store.read(NAME).block(WAIT)).isEqualTo(11);
        assertThat(store.claim(NAME, "parent", Duration.ofMinutes(1)).blockOptional(WAIT))
                .as("the child's lease outlives the child until it expires").isEmpty();
    }
}
