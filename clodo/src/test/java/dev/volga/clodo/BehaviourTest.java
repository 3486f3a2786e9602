package dev.volga.clodo;

import dev.volga.api.ClientErrorException;
import dev.volga.clodo.model.ServerStatus;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Success codes, secret redaction, the default limits at work, and a shared transport. */
@ExtendWith(NoLeaks.class)
class BehaviourTest {

    private static final Duration T = Duration.ofSeconds(10);

    /** Waits (bounded, real time) for a condition the stub or limiter reaches asynchronously. */
    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + T.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    @Test
    void twoHundredTwoHundredTwoAndTwoHundredFourAreSuccess() {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.JSON).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            stub.http().enqueue("POST", "/v1/servers/*/action", StubResponse.status(202));
            StepVerifier.create(clodo.servers().reboot(id)).verifyComplete();
            stub.http().enqueue("POST", "/v1/servers/*/action", StubResponse.json(200, "{\"ok\":\"1\"}"));
            StepVerifier.create(clodo.servers().reboot(id)).verifyComplete();
            StepVerifier.create(clodo.servers().reboot(id)).verifyComplete(); // the stub's own 204
        }
    }

    @Test
    void aTokenOrKeyEchoedInAnErrorIsMasked() {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.JSON).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            clodo.servers().get(id).block(T);
            String token = stub.requests("GET", "/v1/servers/*").get(0).header("X-Auth-Token").orElseThrow();
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.json(400,
                    "{\"BadRequest\":{\"code\":400,\"message\":\"Bad Request\",\"details\":\"token " + token + " key " + Fixture.KEY + "\"}}"));
            StepVerifier.create(clodo.servers().get(id))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(ClientErrorException.class);
                        assertThat(e.getMessage()).contains("token ***").contains("key ***")
                                .doesNotContain(token).doesNotContain(Fixture.KEY);
                    })
                    .verify(T);
        }
    }

    @Test
    void theDefaultLimitsSpreadPostsOverTheMinute() throws Exception {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, Format.JSON).rateLimits(ClodoClient.defaultRateLimits()).scheduler(clock).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            clodo.servers().reboot(id).block(T);
            CompletableFuture<Void> second = clodo.servers().reboot(id).toFuture();
            await(() -> clodo.rateLimiter().queued() == 1, "the second POST to wait for a permit");
            assertThat(stub.requests("POST", "/v1/servers/*/action")).hasSize(1);

            clock.advanceTimeBy(Duration.ofSeconds(6)); // 10 POSTs per minute: one every 6 s
            second.get(T.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(stub.requests("POST", "/v1/servers/*/action")).hasSize(2);
        } finally {
            clock.dispose();
        }
    }

    @Test
    void awaitingAStatusTimesOutOrFailsFastOnIsError() {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.JSON).build()) {
            long stopped = stub.addServer("stopped", "VirtualServer", "is_disabled");
            // log in and bind a Server once first: on a loaded machine a cold client's first answer alone
            // can outlast the 300 ms below, which left room for one poll only
            clodo.servers().get(stopped).block(T);
            int before = stub.requests("GET", "/v1/servers/" + stopped).size();
            StepVerifier.create(clodo.servers().awaitStatus(stopped, ServerStatus.RUNNING, Duration.ofMillis(300)))
                    .expectError(java.util.concurrent.TimeoutException.class)
                    .verify(T);
            assertThat(stub.requests("GET", "/v1/servers/" + stopped).size() - before).as("it polled more than once").isGreaterThan(1);

            long broken = stub.addServer("broken", "VirtualServer", "is_error");
            StepVerifier.create(clodo.servers().awaitStatus(broken, ServerStatus.RUNNING, T))
                    .expectErrorSatisfies(e -> assertThat(e).hasMessageContaining("server " + broken + " entered is_error"))
                    .verify(T);
            assertThat(stub.requests("GET", "/v1/servers/" + broken)).hasSize(1);
        }
    }

    @Test
    void clientsShareATransportAndLeaveItOpen() {
        try (Transport transport = Transport.create();
             ClodoStub stub = Fixture.stub().start()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            ClodoClient json = Fixture.client(stub, Format.JSON).transport(transport).build();
            try (ClodoClient xml = Fixture.client(stub, Format.XML).transport(transport).build()) {
                assertThat(json.servers().get(id).block(T).name()).isEqualTo("main");
                json.close();
                assertThat(xml.servers().get(id).block(T).name()).isEqualTo("main");
            }
            assertThat(stub.logins()).as("each client logs in for itself").isEqualTo(2);
        }
    }
}
