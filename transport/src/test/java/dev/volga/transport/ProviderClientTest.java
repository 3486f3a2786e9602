package dev.volga.transport;

import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The façade tail the three provider clients share, against a loopback stub. */
@ExtendWith(NoLeaks.class)
class ProviderClientTest {

    /** The smallest provider client: one resource method on the pipeline it was given. */
    static final class EchoClient extends ProviderClient {
        EchoClient(ApiClient api, String description) {
            super(api, description);
        }

        Mono<String> data() {
            return api().exchange(ApiRequest.get("/data").build(String.class));
        }
    }

    private StubServer stub;

    @BeforeEach
    void start() {
        stub = StubServer.start();
        stub.route("GET", "/data", req -> StubResponse.ok("data"));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void theTailReadsThePipelineTheSubclassWasGiven() {
        ApiClient api = Fixtures.client(stub).build();
        EchoClient client = new EchoClient(api, stub.baseUrl());
        try {
            assertThat(client.rateLimiter()).isSameAs(api.rateLimiter());
            assertThat(client.status().lastSuccess()).isEmpty();
            assertThat(client.data().block(Duration.ofSeconds(10))).isEqualTo("data");
            assertThat(client.status().provider()).isEqualTo("test");
            assertThat(client.status().lastSuccess()).isPresent();
            assertThat(client).hasToString("EchoClient[" + stub.baseUrl() + "]");
        } finally {
            client.close();
        }
        client.close(); // idempotent
    }

    @Test
    void closeReleasesTheTransportThePipelineCreated() {
        EchoClient client = new EchoClient(Fixtures.client(stub).build(), "x");
        assertThat(client.data().block(Duration.ofSeconds(10))).isEqualTo("data");
        client.close();
        assertThatThrownBy(() -> client.data().block(Duration.ofSeconds(10))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("transport is closed");
    }

    @Test
    void aPipelineAndADescriptionAreRequired() {
        assertThatThrownBy(() -> new EchoClient(null, "x")).isInstanceOf(NullPointerException.class).hasMessage("api");
        ApiClient api = Fixtures.client(stub).build();
        try {
            assertThatThrownBy(() -> new EchoClient(api, null)).isInstanceOf(NullPointerException.class)
                    .hasMessage("description");
        } finally {
            api.close();
        }
    }
}
