package dev.volga.transport;

import dev.volga.api.RetrySettings;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.testkit.Fault;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.SenderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 19 §4: per-call retry settings, the retry predicate, and opt-in trace propagation, on a loopback stub. */
@ExtendWith(NoLeaks.class)
class PerCallControlsTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private StubServer stub;

    @BeforeEach
    void start() {
        stub = StubServer.start();
        stub.route("*", "/data", req -> StubResponse.ok("data"));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private void enqueue503s(int n) {
        for (int i = 0; i < n; i++) {
            stub.enqueue("GET", "/data", StubResponse.status(503).body("busy"));
        }
    }

    @Test
    void aCallsRetrySettingsWinForThatCallOnly() {
        try (ApiClient client = Fixtures.client(stub).build()) {
            enqueue503s(1);
            StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class))
                            .contextWrite(Volga.retry(RetrySettings.none())))
                    .expectError(ServerErrorException.class).verify(Duration.ofSeconds(10));
            assertThat(stub.requests("GET", "/data")).as("RetrySettings.none(): one attempt").hasSize(1);

            stub.reset();
            enqueue503s(1);
            StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class)))
                    .expectNext("data").verifyComplete();
            assertThat(stub.requests("GET", "/data")).as("the next call has the client's retries again").hasSize(2);

            stub.reset();
            enqueue503s(4);
            StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class))
                            .contextWrite(Volga.retry(Fixtures.FAST_RETRY.maxAttempts(5))))
                    .expectNext("data").verifyComplete();
            assertThat(stub.requests("GET", "/data")).as("more attempts than the client's 3, for this call").hasSize(5);
        }
    }

    @Test
    void aCallsRetrySettingsNeverRetryAWriteThatMayHaveBeenWritten() {
        try (ApiClient client = Fixtures.client(stub).build()) {
            stub.enqueue("POST", "/data", StubResponse.status(503).body("busy"));
            StepVerifier.create(client.exchange(ApiRequest.post("/data").body("x").build(String.class))
                            .contextWrite(Volga.retry(Fixtures.FAST_RETRY.maxAttempts(5))))
                    .expectError(ServerErrorException.class).verify(Duration.ofSeconds(10));
            assertThat(stub.requests("POST", "/data")).hasSize(1);
        }
    }

    @Test
    void theRetryPredicateNarrowsWhatIsRetried() {
        List<FailedAttempt> asked = new ArrayList<>();
        try (ApiClient client = Fixtures.client(stub)
                .retryIf((attempt, failure) -> {
                    asked.add(attempt);
                    return !attempt.operation().equals("slow.report");
                })
                .build()) {
            enqueue503s(1);
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("slow.report").build(String.class)))
                    .expectError(ServerErrorException.class).verify(Duration.ofSeconds(10));
            assertThat(stub.requests("GET", "/data")).as("the predicate said no").hasSize(1);
            assertThat(asked).singleElement().satisfies(a -> {
                assertThat(a.provider()).isEqualTo("test");
                assertThat(a.method()).isEqualTo("GET");
                assertThat(a.path()).isEqualTo("/data");
                assertThat(a.idempotent()).isTrue();
                assertThat(a.attempt()).isEqualTo(1);
            });

            stub.reset();
            enqueue503s(1);
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectNext("data").verifyComplete();
            assertThat(stub.requests("GET", "/data")).as("other operations keep their retries").hasSize(2);
        }
    }

    @Test
    void theRetryPredicateCannotWidenWhatIsRetried() {
        AtomicInteger asked = new AtomicInteger();
        try (ApiClient client = Fixtures.client(stub).retryIf((attempt, failure) -> {
            asked.incrementAndGet();
            return true;
        }).build()) {
            stub.enqueue("POST", "/data", StubResponse.status(503).body("busy"));
            StepVerifier.create(client.exchange(ApiRequest.post("/data").body("x").build(String.class)))
                    .expectError(ServerErrorException.class).verify(Duration.ofSeconds(10));
            assertThat(stub.requests("POST", "/data")).as("a write that reached the server is never repeated").hasSize(1);

            stub.reset();
            stub.enqueue("POST", "/data", StubResponse.status(200).fault(Fault.DROP_AFTER_READ));
            StepVerifier.create(client.exchange(ApiRequest.post("/data").body("x").build(String.class)))
                    .expectError(TransportException.class).verify(Duration.ofSeconds(10));
            assertThat(stub.requests("POST", "/data")).as("nor one the connection may have written").hasSize(1);
            assertThat(asked).as("the predicate is asked only about what the pipeline would retry").hasValue(0);
        }
    }

    @Test
    void traceparentGoesOnTheWireOnlyWhenPropagationIsOn() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new PropagatingHandler());

        try (ApiClient off = Fixtures.client(stub).observationRegistry(registry).build()) {
            StepVerifier.create(off.exchange(ApiRequest.get("/data").build(String.class))).expectNext("data").verifyComplete();
        }
        assertThat(stub.requests("GET", "/data")).singleElement()
                .satisfies(r -> assertThat(r.header("traceparent")).as("off by default").isEmpty());

        stub.reset();
        enqueue503s(1);
        try (ApiClient on = Fixtures.client(stub).observationRegistry(registry).propagateTrace(true).build()) {
            StepVerifier.create(on.exchange(ApiRequest.get("/data").build(String.class))).expectNext("data").verifyComplete();
        }
        List<RecordedRequest> sent = stub.requests("GET", "/data");
        assertThat(sent).as("the retry carries it too").hasSize(2)
                .allSatisfy(r -> assertThat(r.header("traceparent")).contains(TRACEPARENT));
    }

    @Test
    void listingsPropagateTheTraceToo() {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new PropagatingHandler());
        stub.route("GET", "/lines", req -> StubResponse.ok("a\nb\n"));
        try (ApiClient on = Fixtures.client(stub).codec(new ListingTest.LinesCodec(false)).observationRegistry(registry)
                .propagateTrace(true).build()) {
            StepVerifier.create(on.exchangeMany(ApiRequest.get("/lines").buildList(dev.volga.api.spi.TypeRef.of(String.class))))
                    .expectNextCount(2).verifyComplete();
        }
        assertThat(stub.requests("GET", "/lines")).singleElement()
                .satisfies(r -> assertThat(r.header("traceparent")).contains(TRACEPARENT));
    }

    /** What a tracing bridge's propagating sender handler does: writes the trace into the carrier on start. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static final class PropagatingHandler implements ObservationHandler<SenderContext> {
        @Override
        public void onStart(SenderContext context) {
            context.getSetter().set(context.getCarrier(), "traceparent", TRACEPARENT);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof SenderContext;
        }
    }
}
