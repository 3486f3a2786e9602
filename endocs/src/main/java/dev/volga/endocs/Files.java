package dev.volga.endocs;

import dev.volga.api.spi.ApiResponse;
import dev.volga.endocs.internal.Calls;
import dev.volga.endocs.internal.EndocsCodec;
import dev.volga.endocs.internal.FileCollectionReader;
import dev.volga.endocs.model.EndocsFile;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * File downloads: EnDocs sends files as base64 inside JSON. Each route raises the transport's
 * response-size cap for itself only (a 20 MB file is about 27 MB of base64); the base64 text is
 * decoded from the response bytes straight into an exactly sized array or into a file, never into a
 * {@code String}. Get it with {@link EndocsClient#files()}.
 */
public final class Files {

    private final Calls calls;

    Files(Calls calls) {
        this.calls = calls;
    }

    /**
     * Downloads the selected files into memory.
     *
     * @param selector which files, e.g. {@link FileSelector#byDocumentId(long)}
     * @return the files in the server's order; a {@link dev.volga.api.NotFoundException} ({@code #err-70}) when there are none
     */
    public Mono<List<EndocsFile>> get(FileSelector selector) {
        Objects.requireNonNull(selector, "selector");
        return fetch(selector).map(response -> decode(response, new FileCollectionReader.Sink<EndocsFile>() {
            @Override
            public OutputStream open(long size) {
                return new ArrayOut((int) size);
            }

            @Override
            public EndocsFile complete(OutputStream out, String fileName) {
                return new EndocsFile(fileName == null ? "" : fileName, ((ArrayOut) out).array());
            }
        }));
    }

    /**
     * @param documentId the EnDocs document id
     * @return its files, see {@link #get}
     */
    public Mono<List<EndocsFile>> byDocumentId(long documentId) {
        return get(FileSelector.byDocumentId(documentId));
    }

    /**
     * @param contractId the EnDocs contract id
     * @return its files, see {@link #get}
     */
    public Mono<List<EndocsFile>> byContractId(long contractId) {
        return get(FileSelector.byContractId(contractId));
    }

    /**
     * @param id a scan id or a 1C id
     * @return its files, see {@link FileSelector#byExtId(String)}
     */
    public Mono<List<EndocsFile>> byExtId(String id) {
        return get(FileSelector.byExtId(id));
    }

    /**
     * @param id the id
     * @param kind what the id is
     * @return its files, see {@link FileSelector#byId(String, FileKind)}
     */
    public Mono<List<EndocsFile>> byId(String id, FileKind kind) {
        return get(FileSelector.byId(id, kind));
    }

    /**
     * Downloads the selected files into a directory, decoding straight to disk. Each file is written
     * under its own name (path parts removed; a clash within one download gets a {@code " (2)"}
     * suffix), replacing a file of that name; a partial file never appears under the final name.
     *
     * @param selector which files
     * @param directory an existing directory
     * @return the written files in the server's order
     * @throws IllegalArgumentException if {@code directory} is not a directory
     */
    public Mono<List<Path>> saveTo(FileSelector selector, Path directory) {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(directory, "directory");
        if (!java.nio.file.Files.isDirectory(directory)) {
            throw new IllegalArgumentException("directory is not a directory: " + directory);
        }
        return fetch(selector).map(response -> {
            Set<String> used = new HashSet<>();
            List<Path> temps = new ArrayList<>();
            try {
                return decode(response, new FileCollectionReader.Sink<Path>() {
                    private Path temp;

                    @Override
                    public OutputStream open(long size) throws IOException {
                        temp = java.nio.file.Files.createTempFile(directory, ".endocs-", ".part");
                        temps.add(temp);
                        return java.nio.file.Files.newOutputStream(temp);
                    }

                    @Override
                    public Path complete(OutputStream out, String fileName) throws IOException {
                        out.close();
                        Path target = directory.resolve(unique(safeName(fileName, used.size() + 1), used));
                        java.nio.file.Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                        temps.remove(temp);
                        return target;
                    }
                });
            } finally {
                for (Path t : temps) {
                    try {
                        java.nio.file.Files.deleteIfExists(t);
                    } catch (IOException ignored) {
                        // best effort clean-up of a failed download
                    }
                }
            }
        });
    }

    private Mono<ApiResponse> fetch(FileSelector selector) {
        return calls.api().exchange(calls.get(selector.path(), "files.get")
                        .maxResponseSize(calls.maxFileResponseSize())
                        .responseTimeout(calls.fileResponseTimeout())
                        .build(ApiResponse.class))
                // decoding 27 MB of base64 (or writing it to disk) does not belong on an event loop
                .publishOn(Schedulers.boundedElastic());
    }

    private <R> List<R> decode(ApiResponse response, FileCollectionReader.Sink<R> sink) {
        try {
            return FileCollectionReader.read(calls.mapper(), response.body(), sink);
        } catch (IllegalArgumentException | JacksonException e) {
            throw EndocsCodec.decoding(response, "expected a file collection {\"binaries\":[{\"fileName\",\"fileBase64\"}]}: "
                    + response.redact(String.valueOf(e.getMessage()).lines().findFirst().orElse("")), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store a downloaded file: " + e.getMessage(), e);
        }
    }

    static String safeName(String fileName, int index) {
        String name = fileName == null ? "" : fileName;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder sb = new StringBuilder(name.length());
        for (char c : name.toCharArray()) {
            sb.append(Character.isISOControl(c) || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' || c == '>'
                    || c == '|' ? '_' : c);
        }
        name = sb.toString().strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.startsWith(".endocs-")) {
            name = "file-" + index;
        }
        return name;
    }

    private static String unique(String name, Set<String> used) {
        String candidate = name;
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        for (int n = 2; !used.add(candidate.toLowerCase(Locale.ROOT)); n++) {
            candidate = base + " (" + n + ")" + ext;
        }
        return candidate;
    }

    /** An output stream into an array of the exact decoded size. */
    private static final class ArrayOut extends OutputStream {
        private final byte[] data;
        private int size;

        ArrayOut(int capacity) {
            this.data = new byte[capacity];
        }

        @Override
        public void write(int b) {
            data[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.arraycopy(b, off, data, size, len);
            size += len;
        }

        byte[] array() {
            return size == data.length ? data : java.util.Arrays.copyOf(data, size);
        }
    }
}
