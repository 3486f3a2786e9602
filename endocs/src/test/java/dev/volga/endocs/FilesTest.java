package dev.volga.endocs;

import dev.volga.api.DecodingException;
import dev.volga.api.RetrySettings;
import dev.volga.api.TransportException;
import dev.volga.endocs.model.Document;
import dev.volga.endocs.model.DocumentSource;
import dev.volga.endocs.model.DocumentTypes;
import dev.volga.endocs.model.DocumentUpsert;
import dev.volga.endocs.model.EndocsFile;
import dev.volga.endocs.model.FileUpload;
import dev.volga.endocs.model.Scan;
import dev.volga.endocs.model.ScanUpload;
import dev.volga.endocs.model.UpsertResult;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files as base64 inside JSON: 20 MB round trips, the size limit before I/O, escapes, sources and sinks. */
@ExtendWith(NoLeaks.class)
class FilesTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int MAX = (int) FileUpload.MAX_SIZE;

    private EndocsStub stub;
    private EndocsClient client;

    @BeforeEach
    void start() {
        stub = EndocsStub.start().noQuota();
        client = Fixtures.client(stub).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static DocumentUpsert.Builder doc(String extId) {
        return DocumentUpsert.builder().extId(extId).docTypeId(DocumentTypes.RECEIPT).source(DocumentSource.INCOMING)
                .organization(Fixtures.org());
    }

    @Test
    void a20MiBFileRoundTripsByteIdenticalToMemoryAndToDisk(@TempDir Path dir) throws Exception {
        byte[] content = random(MAX, 20);
        UpsertResult<Document> created = client.documents().upsert(doc("big-1").file(FileUpload.of("big.bin", content)).build())
                .block(WAIT);
        long id = ((UpsertResult.Created<Document>) created).entity().id();
        assertThat(stub.files("MetaID", id).get("big.bin")).as("what the server stored").isEqualTo(content);
        assertThat(stub.server().journal().get(0).header("Content-Length"))
                .as("an exact length: the base64 of 20 MiB plus the JSON around it").hasValueSatisfying(v ->
                        assertThat(Long.parseLong(v)).isGreaterThan(MAX / 3 * 4L));

        List<EndocsFile> files = client.files().byDocumentId(id).block(WAIT);
        assertThat(files).hasSize(1);
        assertThat(files.get(0).fileName()).isEqualTo("big.bin");
        assertThat(files.get(0).content()).isEqualTo(content);

        List<Path> saved = client.files().saveTo(FileSelector.byDocumentId(id), dir).block(WAIT);
        assertThat(saved).containsExactly(dir.resolve("big.bin"));
        assertThat(Files.readAllBytes(saved.get(0))).isEqualTo(content);
        try (var listing = Files.list(dir)) {
            assertThat(listing).as("no temporary file is left").containsExactly(dir.resolve("big.bin"));
        }
    }

    @Test
    void oneByteOver20MiBFailsBeforeAnyIo(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> FileUpload.of("big.bin", new byte[MAX + 1]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("big.bin").hasMessageContaining("#err-20");
        Path big = dir.resolve("big.bin");
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {1}), MAX);
        }
        assertThat(Files.size(big)).isEqualTo(MAX + 1L);
        assertThatThrownBy(() -> FileUpload.of("big.bin", big)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Long.toString(FileUpload.MAX_SIZE));
        assertThatThrownBy(() -> FileUpload.of("big.bin", Flux.<ByteBuffer>empty(), MAX + 1L))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(stub.server().requestCount()).isZero();
    }

    @Test
    void twoLargeFilesInOneRequestFailBeforeAnyIoAndAreFineSeparately() {
        FileUpload a = FileUpload.of("a.bin", new byte[12 * 1024 * 1024]);
        FileUpload b = FileUpload.of("b.bin", new byte[12 * 1024 * 1024]);
        assertThatThrownBy(() -> client.documents().upsert(doc("two").file(a).file(b).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30000000").hasMessageContaining("separate");
        assertThat(stub.server().requestCount()).isZero();
        assertThat(client.documents().upsert(doc("two").file(a).build()).block(WAIT)).isInstanceOf(UpsertResult.Created.class);
        assertThat(client.documents().upsert(doc("two").file(b).build()).block(WAIT)).isInstanceOf(UpsertResult.Updated.class);
    }

    @Test
    void uploadsFromAPathAndFromAPublisherStreamTheSameBytes(@TempDir Path dir) throws Exception {
        byte[] content = random(1_000_003, 7);
        Path file = dir.resolve("scan.pdf");
        Files.write(file, content);
        Scan fromPath = client.scans().upload(ScanUpload.of(FileUpload.of("scan.pdf", file))).block(WAIT);
        assertThat(stub.files("NonFormID", fromPath.id()).get("scan.pdf")).isEqualTo(content);

        // odd chunk sizes: the base64 encoder carries the bytes that do not fill a 3-byte group
        Flux<ByteBuffer> chunks = Flux.range(0, (content.length + 999) / 1000)
                .map(i -> ByteBuffer.wrap(content, i * 1000, Math.min(1000, content.length - i * 1000)));
        Scan fromPublisher = client.scans().upload(ScanUpload.of(FileUpload.of("scan2.pdf", chunks, content.length))).block(WAIT);
        assertThat(stub.files("NonFormID", fromPublisher.id()).get("scan2.pdf")).isEqualTo(content);
    }

    @Test
    void aPublisherThatLiesAboutItsSizeFailsTheUpload() {
        Flux<ByteBuffer> shorter = Flux.just(ByteBuffer.wrap(new byte[10]));
        StepVerifier.create(client.scans().upload(ScanUpload.of(FileUpload.of("x.pdf", shorter, 11))))
                .expectError().verify(WAIT);
        assertThat(stub.entityCount()).as("no scan was created from a short body").isZero();
    }

    @Test
    void escapedPlusSignsAndSeveralFilesWithClashingNames(@TempDir Path dir) throws Exception {
        byte[] plusHeavy = new byte[3000];
        for (int i = 0; i < plusHeavy.length; i++) {
            plusHeavy[i] = (byte) 0xFB; // base64 "+/v7…": many '+' characters
        }
        long doc = stub.addDocument(Map.of("DocTypeId", 1, "Ext_ID", "plus"));
        stub.addFile("MetaID", doc, "../../etc/a.pdf", plusHeavy);
        stub.addFile("MetaID", doc, "A.PDF", new byte[] {1});
        stub.addFile("MetaID", doc, "empty.txt", new byte[0]);
        stub.escapePlusInBase64(true);

        List<EndocsFile> files = client.files().byExtId("plus").block(WAIT);
        assertThat(files).extracting(EndocsFile::fileName).containsExactly("../../etc/a.pdf", "A.PDF", "empty.txt");
        assertThat(files.get(0).content()).isEqualTo(plusHeavy);
        assertThat(files.get(2).content()).isEmpty();

        List<Path> saved = client.files().saveTo(FileSelector.byExtId("plus"), dir).block(WAIT);
        assertThat(saved).containsExactly(dir.resolve("a.pdf"), dir.resolve("A (2).PDF"), dir.resolve("empty.txt"));
        assertThat(Files.readAllBytes(dir.resolve("a.pdf"))).isEqualTo(plusHeavy);
    }

    @Test
    void brokenFileBodiesAreDecodingErrorsAndTheCapIsRaisedForFileRoutesOnly() {
        stub.server().enqueue(StubResponse.json(200, "{\"binaries\":[{\"fileName\":\"x\",\"fileBase64\":\"QUJD*\"}]}"));
        StepVerifier.create(client.files().byDocumentId(1)).expectErrorSatisfies(e -> assertThat(e)
                .isInstanceOf(DecodingException.class).hasMessageContaining("file collection")).verify(WAIT);
        stub.server().enqueue(StubResponse.json(200, "[1,2]"));
        StepVerifier.create(client.files().byDocumentId(1)).expectError(DecodingException.class).verify(WAIT);

        byte[] big = new byte[9 * 1024 * 1024];
        String body = "{\"binaries\":[{\"fileName\":\"x\",\"fileBase64\":\"" + java.util.Base64.getEncoder().encodeToString(big) + "\"}]}";
        stub.server().enqueue(StubResponse.json(200, body));
        assertThat(client.files().byDocumentId(1).block(WAIT).get(0).content()).isEqualTo(big);

        try (EndocsClient small = Fixtures.client(stub).maxFileResponseSize(1024).retry(RetrySettings.none()).build()) {
            stub.server().enqueue(StubResponse.json(200, body));
            StepVerifier.create(small.files().byDocumentId(1)).expectErrorSatisfies(e -> assertThat(e)
                    .isInstanceOf(TransportException.class)
                    .extracting(x -> ((TransportException) x).kind()).isEqualTo(TransportException.Kind.RESPONSE_TOO_LARGE))
                    .verify(WAIT);
        }
        stub.server().enqueue(StubResponse.json(200, "{\"id\":1,\"name\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}"));
        StepVerifier.create(client.account().info()).as("other routes keep the transport's 8 MiB cap")
                .expectError(TransportException.class).verify(WAIT);
    }
}
