package dev.volga.clodo;

import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Cancelling a provider listing mid-flight gives the (only) pooled connection back. */
@ExtendWith(NoLeaks.class)
class CancellationTest {

    @Test
    void cancellingAServerListingReleasesTheConnection() {
        ConnectionProvider one = ConnectionProvider.builder("one").maxConnections(1)
                .pendingAcquireTimeout(Duration.ofSeconds(5)).build();
        Transport transport = Transport.builder().connectionProvider(one).build();
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, Format.JSON).transport(transport).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            clodo.servers().get(id).block(Duration.ofSeconds(10)); // log in first
            stub.http().enqueue("GET", "/v1/servers", StubResponse.json(200, "{\"servers\":[]}").delay(Duration.ofSeconds(30)));
            Disposable listing = clodo.servers().list().subscribe();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (stub.requests("GET", "/v1/servers").isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(stub.requests("GET", "/v1/servers")).hasSize(1);
            listing.dispose();
            StepVerifier.create(clodo.servers().list().map(s -> s.name()))
                    .expectNext("main").expectComplete().verify(Duration.ofSeconds(10));
        } finally {
            transport.close();
            one.disposeLater().block(Duration.ofSeconds(5));
        }
    }
}
