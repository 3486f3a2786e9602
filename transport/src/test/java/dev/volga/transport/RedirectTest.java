package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;

import dev.volga.api.ApiException;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redirects are never followed: a 3xx pointing to another host is the caller's error to see, and that
 * host never receives the secret header, the secret query parameter or anything else.
 */
@ExtendWith(NoLeaks.class)
class RedirectTest {

    private static final String API_KEY = "SECRET-api-key-5e4d3c2b1a";
    private static final String AUTH_TOKEN = "SECRET-auth-token-0a1b2c3d";

    private StubServer api;
    private StubServer elsewhere;

    @BeforeEach
    void start() {
        api = StubServer.start();
        elsewhere = StubServer.start();
        elsewhere.fallback(req -> StubResponse.ok("stolen"));
    }

    @AfterEach
    void stop() {
        api.close();
        elsewhere.close();
    }

    @ParameterizedTest
    @ValueSource(ints = {301, 302, 303, 307, 308})
    void aRedirectToAnotherHostIsNotFollowedAndCarriesNoSecretThere(int status) {
        // "localhost" and a different port: another origin than the API's 127.0.0.1
        String target = "http://localhost:" + elsewhere.port() + "/collect";
        api.fallback(req -> StubResponse.status(status).header("Location", target));
        ApiClient client = Fixtures.client(api).retry(RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                .authenticator(Authenticator.header("X-Api-Key", Secret.of("key", API_KEY))).build();
        ApiClient byQuery = Fixtures.client(api).retry(RetrySettings.none())
                .authenticator(Authenticator.queryParameter("AUTH_TOKEN", Secret.of("token", AUTH_TOKEN))).build();
        try {
            for (ApiClient c : new ApiClient[] {client, byQuery}) {
                for (ApiRequest<String> request : java.util.List.of(
                        ApiRequest.get("/documents").query("AUTH_TOKEN", Secret.of("token", AUTH_TOKEN)).build(String.class),
                        ApiRequest.post("/documents").body("payload").build(String.class))) {
                    StepVerifier.create(c.exchange(request))
                            .expectErrorSatisfies(e -> {
                                assertThat(e).isInstanceOf(ApiException.class);
                                assertThat(((ApiException) e).httpStatus()).isEqualTo(status);
                                assertThat(e.getMessage()).doesNotContain(API_KEY).doesNotContain(AUTH_TOKEN);
                            })
                            .verify(Duration.ofSeconds(10));
                }
            }
            assertThat(elsewhere.journal()).as("the other host saw nothing").isEmpty();
            assertThat(api.journal()).as("each call went out once: a redirect is not retried").hasSize(4);
            assertThat(api.journal().get(0).header("X-Api-Key")).contains(API_KEY);
            assertThat(api.journal().get(2).queryParam("AUTH_TOKEN")).contains(AUTH_TOKEN);
        } finally {
            client.close();
            byQuery.close();
        }
    }
}
