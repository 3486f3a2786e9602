package dev.volga.benchmarks;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.FileSelector;
import dev.volga.endocs.model.Document;
import dev.volga.endocs.model.DocumentSource;
import dev.volga.endocs.model.DocumentTypes;
import dev.volga.endocs.model.DocumentUpsert;
import dev.volga.endocs.model.EndocsFile;
import dev.volga.endocs.model.FileUpload;
import dev.volga.endocs.model.OrganizationRef;
import dev.volga.endocs.model.UpsertResult;
import dev.volga.testkit.endocs.EndocsStub;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Peak heap of the EnDocs client for a 20 MiB file: upload (from a {@code Path} and from a
 * {@code byte[]}) and download (to a {@code byte[]} and to a {@code Path}), against an
 * {@link EndocsStub} running in a child JVM so that the server's copies do not count.
 *
 * <p>Each figure is the peak of the heap pools during the operation minus the heap in use after a
 * GC before it. Run with a small young generation so that garbage does not pass for retention:
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -XX:+UseSerialGC -Xmn8m -Xmx256m -p "$(cat benchmarks/target/cp.txt):benchmarks/target/classes" \
 *      -m dev.volga.benchmarks/dev.volga.benchmarks.EndocsFileHeap
 * </pre>
 *
 * Targets (issue #10): upload ≤ 1.5×, download ≤ 2.5× the file size.
 */
public final class EndocsFileHeap {

    private static final int SIZE = 20 * 1024 * 1024;

    private EndocsFileHeap() {
    }

    /**
     * @param args {@code stub} to run the stub (child mode); nothing to measure
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("stub")) {
            runStub();
            return;
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-p", System.getProperty("jdk.module.path"), "-m",
                "dev.volga.benchmarks/dev.volga.benchmarks.EndocsFileHeap", "stub"));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String baseUrl = out.readLine();
            if (baseUrl == null) {
                throw new IllegalStateException("the stub JVM did not start");
            }
            measure(baseUrl);
        } finally {
            child.getOutputStream().close();
            child.waitFor();
        }
    }

    private static void runStub() throws IOException {
        try (EndocsStub stub = EndocsStub.start().noQuota()) {
            System.out.println(stub.baseUrl());
            System.out.flush();
            while (System.in.read() >= 0) {
                // serve until the parent closes our stdin
            }
        }
    }

    private static void measure(String baseUrl) throws Exception {
        Path dir = Files.createTempDirectory("endocs-heap");
        Path source = dir.resolve("source.bin");
        byte[] random = new byte[1024 * 1024];
        new Random(1).nextBytes(random);
        for (int i = 0; i < SIZE / random.length; i++) {
            Files.write(source, random, i == 0 ? new java.nio.file.OpenOption[0]
                    : new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.APPEND});
        }
        random = null;
        Duration wait = Duration.ofMinutes(2);
        try (EndocsClient client = EndocsClient.builder().baseUrl(baseUrl).token(Secret.of("token", EndocsStub.DEFAULT_TOKEN))
                .rateLimits(RateLimitSettings.unlimited()).build()) {
            // warm-up: classes, JIT, connections
            long small = upload(client, FileUpload.of("warm.bin", new byte[100_000]), "warm", wait);
            client.files().byDocumentId(small).block(wait);
            client.files().saveTo(FileSelector.byDocumentId(small), dir).block(wait);

            System.out.printf("file size: %d bytes (20 MiB); Xmx %d MiB%n", SIZE, Runtime.getRuntime().maxMemory() >> 20);

            long base = baseline();
            long id = upload(client, FileUpload.of("big.bin", source), "from-path", wait);
            report("upload from Path", Harness.peakHeap() - base);

            byte[] inMemory = Files.readAllBytes(source);
            base = baseline();
            upload(client, FileUpload.of("big2.bin", inMemory), "from-bytes", wait);
            report("upload from byte[] (incl. the caller's 20 MiB array)", Harness.peakHeap() - base + SIZE);
            inMemory = null;

            base = baseline();
            List<EndocsFile> files = client.files().byDocumentId(id).block(wait);
            long downloadPeak = Harness.peakHeap() - base;
            if (files == null || files.get(0).size() != SIZE) {
                throw new IllegalStateException("download returned the wrong size");
            }
            report("download to byte[] (incl. the returned 20 MiB)", downloadPeak);
            byte[] downloaded = files.get(0).content();
            files = null;
            if (!Arrays.equals(downloaded, Files.readAllBytes(source))) {
                throw new IllegalStateException("download differs from the upload");
            }
            downloaded = null;

            base = baseline();
            List<Path> saved = client.files().saveTo(FileSelector.byDocumentId(id), dir).block(wait);
            report("download to Path", Harness.peakHeap() - base);
            if (saved == null || Files.size(saved.get(0)) != SIZE) {
                throw new IllegalStateException("saved file has the wrong size");
            }
        }
    }

    private static long upload(EndocsClient client, FileUpload file, String extId, Duration wait) {
        UpsertResult<Document> result = client.documents().upsert(DocumentUpsert.builder().extId(extId)
                .docTypeId(DocumentTypes.RECEIPT).source(DocumentSource.INCOMING)
                .organization(new OrganizationRef("org", "ООО Ромашка", null, null)).file(file).build()).block(wait);
        return result instanceof UpsertResult.Created<Document> created ? created.entity().id() : -1;
    }

    private static long baseline() {
        Harness.resetPeakHeap();
        Harness.resetPeakHeap();
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static void report(String what, long bytes) {
        System.out.printf("%-55s peak heap +%6.1f MiB = %.2f x file size%n", what, bytes / 1048576.0, bytes / (double) SIZE);
    }
}
