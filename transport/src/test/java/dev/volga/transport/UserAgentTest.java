package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;

import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The default User-Agent carries the version the build gave the module, not a literal. */
@ExtendWith(NoLeaks.class)
class UserAgentTest {

    @Test
    void theDefaultUserAgentNamesTheBuildVersion() {
        String version = System.getProperty("volga.test.projectVersion");
        assertThat(version).as("set by the transport pom's Surefire configuration").isNotBlank();
        String expected = "volga/" + version + " (Java; Reactor Netty)";
        assertThat(Transport.DEFAULT_USER_AGENT).isEqualTo(expected);

        try (StubServer stub = StubServer.start()) {
            stub.route("GET", "/ua", req -> StubResponse.ok("ok"));
            try (ApiClient client = Fixtures.client(stub).build()) {
                assertThat(client.exchange(ApiRequest.get("/ua").build(String.class)).block(Duration.ofSeconds(10)))
                        .isEqualTo("ok");
            }
            assertThat(stub.journal()).extracting(r -> r.header("User-Agent").orElse(null)).containsExactly(expected);
        }
    }
}
