package dev.volga.endocs;

import dev.volga.api.Secret;
import dev.volga.endocs.model.ContractUpsert;
import dev.volga.endocs.model.EndocsFile;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Named.named;

/**
 * Issue 21, items 4, 7 and 10: what a caller puts into a path or a header. Behind a server that
 * normalises dot segments (the stub's {@code normaliseDotSegments}, modelled on nginx) an id of
 * {@code ..} would reach another endpoint; ids with control characters would forge log lines; a
 * 64-bit document id must reach the server.
 */
@ExtendWith(NoLeaks.class)
class PathSegmentsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private EndocsStub stub;
    private EndocsClient client;

    @BeforeEach
    void start() {
        stub = EndocsStub.start().noQuota();
        stub.server().normaliseDotSegments(true);
        client = Fixtures.client(stub).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void aSixtyFourBitDocumentIdIsSent() {
        long id = 3_000_000_102L;
        stub.addFile("MetaID", id, "big.pdf", new byte[] {9});

        assertThat(client.files().byId("3000000102", FileKind.META_ID).block(WAIT)).extracting(EndocsFile::fileName)
                .containsExactly("big.pdf");
        assertThat(client.files().byDocumentId(id).block(WAIT)).hasSize(1);
        assertThat(stub.server().requests("GET", "/api/File/GetFileByExtIntId/3000000102/MetaID")).hasSize(1);
    }

    @Test
    void anIdThatClimbsOutOfItsRouteIsRefusedInsteadOfReachingAnotherEndpoint() {
        // today: byExtId("../GetMetaFileById/<doc>") is GET /api/File/GetFileByExtId/..%2FGetMetaFileById%2F<doc>,
        // which a normalising server routes to GET /api/File/GetMetaFileById/<doc>: another endpoint's files
        long doc = stub.addDocument(java.util.Map.of("DocTypeId", 1));
        stub.addFile("MetaID", doc, "secret.pdf", new byte[] {1});

        assertThatThrownBy(() -> client.files().byExtId("../GetMetaFileById/" + doc).block(WAIT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
        assertThat(stub.server().journal()).as("nothing was sent").isEmpty();
    }

    static Stream<Arguments> dotSegments() {
        return Stream.of(
                Arguments.of(named("byExtId(\"..\")", (Callable<?>) () -> FileSelector.byExtId("..")), "id"),
                Arguments.of(named("byExtId(\".\")", (Callable<?>) () -> FileSelector.byExtId(".")), "id"),
                Arguments.of(named("byId(\"..\", EXT_ID)", (Callable<?>) () -> FileSelector.byId("..", FileKind.EXT_ID)), "id"),
                Arguments.of(named("byId(\"a/../..\", EXT_ID)", (Callable<?>) () -> FileSelector.byId("a/../..", FileKind.EXT_ID)), "id"),
                Arguments.of(named("byId(\"..\\\\x\", EXT_ID)", (Callable<?>) () -> FileSelector.byId("..\\x", FileKind.EXT_ID)), "id"),
                Arguments.of(named("byId(\"..\", META_ID)", (Callable<?>) () -> FileSelector.byId("..", FileKind.META_ID)), "id"),
                Arguments.of(named("feed pull requestId \"..\"", (Callable<?>) () -> feedPull("..")), "requestId"),
                Arguments.of(named("feed pull requestId \"./x\"", (Callable<?>) () -> feedPull("./x")), "requestId"));
    }

    private static PathSegmentsTest current;

    private static Object feedPull(String requestId) {
        return current.client.feeds().newContracts().pull(0, requestId).block(WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dotSegments")
    void aDotSegmentIsRefusedBeforeAnyIo(Callable<?> call, String parameter) {
        current = this;
        Throwable thrown = catchThrowable(call::call);
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(parameter);
        assertThat(stub.server().journal()).as("nothing was sent").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"...", "doc.v1..final", ".hidden", "a*b", "x y+z"})
    void idsWithDotsThatAreNotDotSegmentsStillReachTheirRoute(String extId) {
        long doc = stub.addDocument(java.util.Map.of("DocTypeId", 1, "Ext_ID", extId));
        stub.addFile("MetaID", doc, "a.pdf", new byte[] {1});

        assertThat(client.files().byExtId(extId).block(WAIT)).hasSize(1);
        assertThat(client.files().byId(extId, FileKind.EXT_ID).block(WAIT)).hasSize(1);
        assertThat(client.feeds().newContracts().pull(0, extId).block(WAIT).count()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc\r\nX-Forged: 1", "abc\n2026-12-04 INFO forged line", "abc\u0000", "abc\t"})
    void aRequestIdOrIdWithControlCharactersIsRefusedWithoutEchoingIt(String bad) {
        current = this;
        for (Callable<?> call : java.util.List.<Callable<?>>of(
                () -> feedPull(bad),
                () -> FileSelector.byExtId(bad),
                () -> FileSelector.byId(bad, FileKind.EXT_ID),
                () -> client.contracts().upsert(ContractUpsert.builder().requestId(bad).name("n")
                        .organization(Fixtures.org()).contractor(Fixtures.contractor()).build()).block(WAIT))) {
            Throwable thrown = catchThrowable(call::call);
            assertThat(thrown).isInstanceOf(IllegalArgumentException.class);
            assertThat(thrown.getMessage()).containsAnyOf("requestId", "id").doesNotContain("forged", "X-Forged");
            assertThat(thrown.getMessage()).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000");
        }
        assertThat(stub.server().journal()).as("nothing was sent").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"tok\r\nX-Evil: 1", "tok\n", "tok\u0000en"})
    void aTokenWithControlCharactersIsRefusedAtBuildWithoutEchoingIt(String token) {
        Throwable thrown = catchThrowable(() -> EndocsClient.builder().baseUrl(stub.baseUrl())
                .token(Secret.of("token", token)).build().close());
        assertThat(thrown).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        assertThat(thrown.getMessage()).doesNotContain(token).doesNotContain("Evil");
        // the plain-string form, the README's, is checked the same way
        Throwable plain = catchThrowable(() -> EndocsClient.builder().baseUrl(stub.baseUrl()).token(token).build().close());
        assertThat(plain).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
        assertThat(plain.getMessage()).doesNotContain(token).doesNotContain("Evil");
        assertThat(stub.server().journal()).isEmpty();
    }
}
