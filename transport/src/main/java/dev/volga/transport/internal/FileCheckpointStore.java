package dev.volga.transport.internal;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.SharedStateException;
import dev.volga.transport.spi.CheckpointStore;
import dev.volga.transport.spi.Lease;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Leases and checkpoints in a directory, one file per name ({@code <name>.checkpoint}, the name
 * percent-encoded), for single instances and for several JVMs of one host sharing the directory.
 *
 * <p>The file holds the whole state of a name: owner, fence, expiry (wall-clock milliseconds) and
 * checkpoint. Every operation is a read-modify-write under two locks: a JVM-wide in-process lock per
 * file, then an exclusive {@link FileChannel#lock() file lock} on {@code <name>.lock}, held only for the
 * operation (not for the tenure), so two JVMs on one directory see one lease; a JVM killed with
 * {@code SIGKILL} loses its file lock at once and its lease at expiry. A new state is written to a
 * temporary file, forced to disk, then renamed over the old one with {@code ATOMIC_MOVE}: a crash
 * leaves the old state or the new one, never a torn file. All file I/O runs on
 * {@link Schedulers#boundedElastic()}.
 */
public final class FileCheckpointStore implements CheckpointStore {

    /** How long an operation waits for another JVM's file lock before it fails. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final Path directory;
    private final LongSupplier clockMillis;
    /**
     * In-process locks by lock-file path, JVM-wide: a JVM may hold one {@link FileLock} per file, so
     * two stores on one directory in one JVM must take turns here before they lock the file.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /**
     * @param directory the directory, created when missing
     * @param clockMillis the wall clock leases expire by (shared by the JVMs of the directory)
     */
    public FileCheckpointStore(Path directory, LongSupplier clockMillis) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clockMillis = Objects.requireNonNull(clockMillis, "clockMillis");
    }

    @Override
    public Mono<Lease> claim(String name, String owner, Duration ttl) {
        CheckpointStore.checkClaim(name, owner, ttl);
        return update(name, e -> LeaseTable.claim(e, name, owner, ttl, clockMillis.getAsLong()), true);
    }

    @Override
    public Mono<Void> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        return update(lease.name(), e -> LeaseTable.release(e, lease) ? Boolean.TRUE : null, true).then();
    }

    @Override
    public Mono<Long> read(String name) {
        CheckpointStore.checkName(name);
        return update(name, e -> e.hasCheckpoint ? e.checkpoint : null, false);
    }

    @Override
    public Mono<Void> write(Lease lease, long id) {
        Objects.requireNonNull(lease, "lease");
        return update(lease.name(), e -> {
            LeaseTable.write(e, lease, id, clockMillis.getAsLong());
            return Boolean.TRUE;
        }, true).then();
    }

    /** Runs {@code change} on the name's state under both locks; saves it when {@code save}. */
    private <R> Mono<R> update(String name, Function<LeaseTable.Entry, R> change, boolean save) {
        return Mono.fromCallable(() -> {
            String base = encode(name);
            Path lockFile = directory.toAbsolutePath().normalize().resolve(base + ".lock");
            ReentrantLock lock = LOCKS.computeIfAbsent(lockFile, n -> new ReentrantLock());
            if (!lock.tryLock(LOCK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw failure(name, "timed out waiting for the in-process lock", null);
            }
            try {
                Files.createDirectories(directory);
                try (FileChannel ch = FileChannel.open(lockFile,
                        StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = lockFile(ch, name)) {
                    Path file = directory.resolve(base + ".checkpoint");
                    LeaseTable.Entry e = load(file);
                    R result = change.apply(e);
                    if (save) {
                        store(file, e);
                    }
                    return result;
                }
            } catch (IOException ex) {
                throw failure(name, ex.getClass().getSimpleName() + ": " + ex.getMessage(), ex);
            } finally {
                lock.unlock();
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }

    private static FileLock lockFile(FileChannel ch, String name) throws IOException {
        long deadline = System.nanoTime() + LOCK_TIMEOUT.toNanos();
        while (true) {
            FileLock lock = ch.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() > deadline) {
                throw failure(name, "timed out waiting for another process's file lock", null);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw failure(name, "interrupted waiting for the file lock", e);
            }
        }
    }

    private static LeaseTable.Entry load(Path file) throws IOException {
        LeaseTable.Entry e = new LeaseTable.Entry();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException missing) {
            return e;
        }
        Properties p = new Properties();
        p.load(new ByteArrayInputStream(bytes));
        String owner = p.getProperty("owner", "");
        e.owner = owner.isEmpty() ? null : owner;
        e.fence = Long.parseLong(p.getProperty("fence", "0"));
        e.expiresAt = Long.parseLong(p.getProperty("expiresAt", "0"));
        String checkpoint = p.getProperty("checkpoint", "");
        e.hasCheckpoint = !checkpoint.isEmpty();
        e.checkpoint = e.hasCheckpoint ? Long.parseLong(checkpoint) : 0;
        return e;
    }

    private static void store(Path file, LeaseTable.Entry e) throws IOException {
        Properties p = new Properties();
        p.setProperty("owner", e.owner == null ? "" : e.owner);
        p.setProperty("fence", Long.toString(e.fence));
        p.setProperty("expiresAt", Long.toString(e.expiresAt));
        p.setProperty("checkpoint", e.hasCheckpoint ? Long.toString(e.checkpoint) : "");
        // the byte form (ISO 8859-1, every other character escaped) reads back exactly with load(InputStream)
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        p.store(text, "Volga feed checkpoint: written by FileCheckpointStore, renamed atomically");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(text.toByteArray());
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException ex) {
            throw new IOException("the file system of " + file.getParent() + " cannot rename atomically", ex);
        }
    }

    /** The name as a file name: letters, digits, '-', '_' and '.' kept, every other byte as %XX. */
    static String encode(String name) {
        StringBuilder sb = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || (c == '.' && sb.length() > 0)) {
                sb.append(c);
            } else {
                sb.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return sb.toString();
    }

    private static ApiException failure(String name, String what, Throwable cause) {
        return new SharedStateException(ApiError.builder("volga")
                .code("checkpoint-store")
                .message("file checkpoint store: " + what + " (" + name + ")")
                .build(), cause);
    }

    @Override
    public String toString() {
        return "CheckpointStore.file(" + directory + ")";
    }
}
