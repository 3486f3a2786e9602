package dev.volga.endocs.model;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A file to upload: its name and its bytes from a {@code byte[]}, a {@link Path} or a
 * {@link Publisher} of {@link ByteBuffer}s. The size is known, and checked against EnDocs' limit of
 * {@value #MAX_SIZE} bytes (20 MiB) per file, when the upload is created, before any I/O. The bytes
 * are base64-encoded while the request body is sent; no copy of the whole file, and no
 * {@code String} of its base64 text, is ever made.
 */
public final class FileUpload {

    /** The largest file EnDocs accepts, decoded: 20 MiB ({@code #err-20} above it). */
    public static final long MAX_SIZE = 20L * 1024 * 1024;

    /** Raw bytes per chunk: a multiple of 3, so chunks encode to base64 without carry. */
    static final int CHUNK = 3 * 4 * 1024;

    private final String fileName;
    private final long size;
    private final Supplier<Flux<ByteBuffer>> content;
    private final String origin;

    private FileUpload(String fileName, long size, Supplier<Flux<ByteBuffer>> content, String origin) {
        this.fileName = checkName(fileName);
        if (size > MAX_SIZE) {
            throw new IllegalArgumentException("size of file '" + fileName + "' is " + size + " bytes; EnDocs accepts at most "
                    + MAX_SIZE + " bytes (20 MiB) per file (#err-20)");
        }
        this.size = size;
        this.content = content;
        this.origin = origin;
    }

    /**
     * A file from memory. The array is not copied: do not change it until the upload completes.
     *
     * @param fileName the file name, e.g. {@code torg12.pdf}
     * @param content the bytes, at most {@value #MAX_SIZE}
     * @return the upload
     * @throws IllegalArgumentException if the name is blank or the file too large
     */
    public static FileUpload of(String fileName, byte[] content) {
        Objects.requireNonNull(content, "content");
        return new FileUpload(fileName, content.length, () -> Flux.range(0, (content.length + CHUNK - 1) / CHUNK)
                .map(i -> ByteBuffer.wrap(content, i * CHUNK, Math.min(CHUNK, content.length - i * CHUNK))), "bytes");
    }

    /**
     * A file read from disk while the request is sent (on {@link Schedulers#boundedElastic()}). Its
     * size is read now; a file that changes size before it is sent fails the upload.
     *
     * @param fileName the file name to send
     * @param path the file, at most {@value #MAX_SIZE} bytes
     * @return the upload
     * @throws IllegalArgumentException if the name is blank, the path no regular file, or the file too large
     * @throws UncheckedIOException if the size cannot be read
     */
    public static FileUpload of(String fileName, Path path) {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("path is not a regular file: " + path);
        }
        long size;
        try {
            size = Files.size(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + path, e);
        }
        return new FileUpload(fileName, size, () -> Flux.<ByteBuffer, FileChannel>using(
                () -> FileChannel.open(path, StandardOpenOption.READ),
                channel -> Flux.generate(sink -> {
                    try {
                        ByteBuffer buf = ByteBuffer.allocate(CHUNK);
                        while (buf.hasRemaining()) {
                            if (channel.read(buf) < 0) {
                                break;
                            }
                        }
                        buf.flip();
                        if (buf.hasRemaining()) {
                            sink.next(buf);
                        } else {
                            sink.complete();
                        }
                    } catch (IOException e) {
                        sink.error(new UncheckedIOException("cannot read " + path, e));
                    }
                }),
                channel -> {
                    try {
                        channel.close();
                    } catch (IOException ignored) {
                        // nothing to do: the read already ended
                    }
                }).subscribeOn(Schedulers.boundedElastic()), "path " + path.getFileName());
    }

    /**
     * A file streamed from a publisher that emits exactly {@code size} bytes. It is subscribed once
     * per attempt (a request refused with 429 is sent again), so it should be cold and repeatable;
     * emitting more or fewer bytes than declared fails the upload.
     *
     * @param fileName the file name
     * @param content the bytes
     * @param size the exact number of bytes, at most {@value #MAX_SIZE}
     * @return the upload
     * @throws IllegalArgumentException if the name is blank, the size negative or too large
     */
    public static FileUpload of(String fileName, Publisher<ByteBuffer> content, long size) {
        Objects.requireNonNull(content, "content");
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, was " + size);
        }
        return new FileUpload(fileName, size, () -> Flux.from(content), "publisher");
    }

    /** @return the file name */
    public String fileName() {
        return fileName;
    }

    /** @return the size in bytes */
    public long size() {
        return size;
    }

    /** @return a fresh stream of the bytes: each call reads the source again (one per attempt of an upload) */
    public Flux<ByteBuffer> content() {
        return content.get();
    }

    @Override
    public String toString() {
        return "FileUpload[" + fileName + ", " + size + " bytes from " + origin + "]";
    }

    private static String checkName(String fileName) {
        Objects.requireNonNull(fileName, "fileName");
        if (fileName.isBlank()) {
            throw new IllegalArgumentException("fileName must not be blank");
        }
        return fileName;
    }
}
