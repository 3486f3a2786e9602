package dev.volga.endocs;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.endocs.model.Contract;
import dev.volga.endocs.model.ContractUpsert;
import dev.volga.endocs.model.DocumentUpsert;
import dev.volga.endocs.model.FileUpload;
import dev.volga.endocs.model.Scan;
import dev.volga.endocs.model.ScanUpload;
import dev.volga.endocs.model.UpsertResult;
import dev.volga.testkit.Fault;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What is sent again: reads as usual; an upsert only when it names the entity (it can then only
 * update); a scan upload never once it may have reached the server.
 */
@ExtendWith(NoLeaks.class)
class RetryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private EndocsStub stub;
    private EndocsClient client;

    @BeforeEach
    void start() {
        stub = EndocsStub.start().noQuota();
        client = Fixtures.client(stub).rateLimits(RateLimitSettings.unlimited().defaultPause(Duration.ofMillis(20))).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private static ContractUpsert.Builder contract() {
        return ContractUpsert.builder().name("Договор").organization(Fixtures.org()).contractor(Fixtures.contractor());
    }

    @Test
    void readsAreRetriedOnA503() {
        stub.failNext(1, 503, "Service Unavailable");
        assertThat(client.feeds().newInputs().pull(0).block(WAIT).count()).isZero();
        assertThat(stub.server().requests("GET", "/api/Output/GetNewInputs/**")).hasSize(2);
    }

    @Test
    void anUpsertThatNamesTheEntityIsRetriedOneThatCreatesIsNot() {
        stub.failNext(1, 503, "Service Unavailable");
        assertThat(client.contracts().upsert(contract().extId("dog-1").build()).block(WAIT))
                .isInstanceOf(UpsertResult.Created.class);
        assertThat(stub.server().requests("POST", "/api/Contract/AddOrUpdateContract")).hasSize(2);

        stub.server().reset();
        stub.failNext(1, 503, "Service Unavailable");
        StepVerifier.create(client.contracts().upsert(contract().build()))
                .expectError(ServerErrorException.class).verify(WAIT);
        assertThat(stub.server().requests("POST", "/api/Contract/AddOrUpdateContract")).hasSize(1);

        stub.server().reset();
        stub.failNext(1, 503, "Service Unavailable");
        assertThat(client.documents().upsertInternal(DocumentUpsert.builder().extId("memo").organization(Fixtures.org()).build())
                .block(WAIT)).isInstanceOf(UpsertResult.Created.class);
        assertThat(stub.server().requests("POST", "/api/Metadata/AddOrUpdateLocalDoc")).hasSize(2);
    }

    @Test
    void aScanUploadIsNeverSentAgainOnceItMayHaveArrived() {
        stub.failNext(1, 503, "Service Unavailable");
        StepVerifier.create(client.scans().upload(ScanUpload.of(FileUpload.of("a.pdf", new byte[] {1}))))
                .expectError(ServerErrorException.class).verify(WAIT);
        stub.server().enqueue(StubResponse.status(200).fault(Fault.DROP_AFTER_READ));
        StepVerifier.create(client.scans().upload(ScanUpload.of(FileUpload.of("a.pdf", new byte[] {1}))))
                .expectError(TransportException.class).verify(WAIT);
        assertThat(stub.server().requests("POST", "/api/Metadata/AddOrUpdateNonFormDoc")).hasSize(2);
        assertThat(stub.entityCount()).isZero();
    }

    @Test
    void butA429MeansNotProcessedSoEvenAScanUploadGoesAgainWithAFreshBody() {
        stub.rateLimitNext(1, null);
        Scan scan = client.scans().upload(ScanUpload.of(FileUpload.of("a.pdf", new byte[] {1, 2, 3, 4}))).block(WAIT);
        assertThat(stub.server().requests("POST", "/api/Metadata/AddOrUpdateNonFormDoc")).hasSize(2)
                .allSatisfy(r -> assertThat(r.bodyText()).contains("\"FileBase64\":\"AQIDBA==\""));
        assertThat(stub.files("NonFormID", scan.id()).get("a.pdf")).containsExactly(1, 2, 3, 4);
        assertThat(stub.entityCount()).isOne();
    }
}
