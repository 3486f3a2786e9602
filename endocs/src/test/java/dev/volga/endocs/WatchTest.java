package dev.volga.endocs;

import dev.volga.api.AuthenticationException;
import dev.volga.endocs.model.Document;
import dev.volga.endocs.model.ScanItem;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code watch}: an endless poll that emits each new item once, in id order, and resumes from a cursor. */
@ExtendWith(NoLeaks.class)
class WatchTest {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(10);

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

    private long invoice(String number) {
        return stub.addDocument(Map.of("DocTypeId", 14, "Source", "Входящий", "DocNumber", number));
    }

    @Test
    void seesAnItemAddedAfterItStartedAndNeverRepeatsOne() {
        long first = invoice("1");
        long second = invoice("2");
        StepVerifier.create(client.feeds().newInvoices().watch(0, POLL))
                .assertNext(d -> assertThat(d.id()).isEqualTo(first))
                .assertNext(d -> assertThat(d.id()).isEqualTo(second))
                .then(() -> Fixtures.await(() -> stub.server().requests("GET", "/api/Output/GetNewInvoices/**").size() >= 3,
                        "a few polls that find nothing new"))
                .then(() -> invoice("3"))
                .assertNext(d -> assertThat(d.docNumber()).isEqualTo("3"))
                .thenCancel()
                .verify(WAIT);
        List<String> cursors = new ArrayList<>();
        stub.server().requests("GET", "/api/Output/GetNewInvoices/**")
                .forEach(r -> cursors.add(r.path().split("/")[4]));
        assertThat(cursors).as("the cursor moves to the highest id seen").startsWith("0", Long.toString(second));
    }

    @Test
    void aResumedWatchNeitherRepeatsNorSkips() {
        long a = invoice("a");
        long b = invoice("b");
        long c = invoice("c");
        // the first watcher processes a and b, then stops: it stores b's id
        List<Document> processed = client.feeds().newInvoices().watch(0, POLL).take(2).collectList().block(WAIT);
        assertThat(processed).extracting(Document::id).containsExactly(a, b);
        long stored = processed.get(1).id();
        long d = invoice("d");

        StepVerifier.create(client.feeds().newInvoices().watch(stored, POLL))
                .assertNext(x -> assertThat(x.id()).isEqualTo(c))
                .assertNext(x -> assertThat(x.id()).isEqualTo(d))
                .expectNoEvent(Duration.ofMillis(300))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void scansComeInIdOrderThoughTheServerSendsThemNewestFirst() {
        long s1 = stub.addScan("1.pdf", new byte[] {1}, "a@example.ru");
        long s2 = stub.addScan("2.pdf", new byte[] {2}, "a@example.ru");
        long s3 = stub.addScan("3.pdf", new byte[] {3}, "a@example.ru");
        assertThat(client.feeds().unprocessedScans().items(0).map(ScanItem::id).collectList().block(WAIT))
                .as("the server's order").containsExactly(s3, s2, s1);
        StepVerifier.create(client.feeds().unprocessedScans().watch(0, POLL).map(ScanItem::id))
                .expectNext(s1, s2, s3)
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void transientFailuresAreSkippedAndAuthenticationFailuresEndIt() {
        long a = invoice("a");
        stub.failNext(3, 500, "Database Failure");
        StepVerifier.create(client.feeds().newInvoices().watch(0, POLL))
                .assertNext(x -> assertThat(x.id()).isEqualTo(a))
                .thenCancel()
                .verify(WAIT);

        stub.expireToken();
        client.account().info().block(WAIT);
        StepVerifier.create(client.feeds().newInvoices().watch(0, POLL))
                .expectError(AuthenticationException.class)
                .verify(WAIT);
    }

    @Test
    void badArgumentsFailBeforeAnyIo() {
        assertThatThrownBy(() -> client.feeds().newInputs().watch(-1, POLL)).hasMessageContaining("fromId");
        assertThatThrownBy(() -> client.feeds().newInputs().watch(0, Duration.ZERO)).hasMessageContaining("interval");
        assertThatThrownBy(() -> client.feeds().newInputs().pull(-5)).hasMessageContaining("sinceId");
        assertThatThrownBy(() -> client.feeds().newInputs().pull(0, "x".repeat(201))).hasMessageContaining("requestId");
        assertThat(stub.server().requestCount()).isZero();
    }
}
