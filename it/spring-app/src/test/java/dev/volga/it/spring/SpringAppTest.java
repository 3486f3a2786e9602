package dev.volga.it.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.spring.test.AutoConfigureVolgaStubs;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.nodul.NodulStub;
import dev.volga.transport.ClientObservations;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application with all three providers configured, against the testkit's stubs started by
 * {@link AutoConfigureVolgaStubs}: the beans, an observation per client call, /actuator/health, the
 * EnDocs quota under a burst on the application's own endpoint, and the application's Jackson
 * settings (Boot's Jackson, from Boot's BOM alone) leaving the clients' wire format alone. Fleet
 * mode: {@link FleetModeTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        // global Jackson settings of the application that would break the clients if they leaked into them
        "spring.jackson.property-naming-strategy=SNAKE_CASE",
        "spring.jackson.deserialization.fail-on-unknown-properties=true",
        // the stub's quota and the client's: 5 per second, 5 at once
        "volga.endocs.rate-limit.permits=" + SpringAppTest.PER_SECOND,
        "volga.endocs.rate-limit.period=1s",
        "volga.endocs.rate-limit.burst=" + SpringAppTest.PER_SECOND,
        "volga.clodo.format=xml"})
@AutoConfigureVolgaStubs
@ExtendWith(NoLeaks.class)
class SpringAppTest {

    /** The stub's quota and the client's: 5 per second, 5 at once. */
    static final int PER_SECOND = 5;
    /** The stub tolerates a little jitter in arrival times on top of the client's exact pacing. */
    static final int STUB_TOLERANCE = 2;

    @Autowired
    NodulStub nodul;
    @Autowired
    EndocsStub endocs;
    @Autowired
    ClodoStub clodo;

    @TestConfiguration(proxyBeanMethods = false)
    static class Observations {
        /** Takes the place of Boot's registry; Boot still gives it the application's handlers. */
        @Bean
        TestObservationRegistry observationRegistry() {
            return TestObservationRegistry.create();
        }
    }

    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;
    /** The JDK's client, so that the application's own Netty is the only Netty under the leak detector. */
    final HttpClient http = HttpClient.newHttpClient();
    @Autowired
    TestObservationRegistry observations;

    @BeforeEach
    void seed() {
        observations.clear();
        nodul.reset();
        endocs.reset();
        clodo.reset();
        endocs.quota(PER_SECOND, Duration.ofSeconds(1), PER_SECOND + STUB_TOLERANCE);
        nodul.addPlan("Starter", Map.of());
        clodo.addServer("web-1", "VirtualServer", "is_running");
    }

    @Test
    void aClientBeanPerProvider() {
        assertThat(context.getBeansOfType(NodulClient.class)).hasSize(1);
        assertThat(context.getBeansOfType(EndocsClient.class)).hasSize(1);
        assertThat(context.getBeansOfType(ClodoClient.class)).hasSize(1);
    }

    @Test
    void aRequestThroughEachClientIsAnObservationWithTheExpectedKeys() {
        assertThat(get("/plans")).contains("\"Starter\"");
        assertThat(get("/account")).contains("usersUsed");
        assertThat(get("/servers")).contains("\"web-1\"");

        for (String[] expected : List.of(new String[] {"nodul", "plans.list"}, new String[] {"endocs", "account.info"},
                new String[] {"clodo", "servers.list"})) {
            assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo(ClientObservations.REQUESTS)
                    .hasLowCardinalityKeyValue("provider", expected[0])
                    .hasLowCardinalityKeyValue("operation", expected[1])
                    .hasLowCardinalityKeyValue("method", "GET")
                    .hasLowCardinalityKeyValue("status", "200")
                    .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                    .hasLowCardinalityKeyValue("exception", "none")
                    .hasLowCardinalityKeyValueWithKey("attempts"));
        }
        // the server's request observation is the caller: the client call is its child (one trace)
        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo(ClientObservations.REQUESTS)
                .hasLowCardinalityKeyValue("provider", "nodul").hasParentObservationContextMatching(
                        parent -> ((io.micrometer.observation.Observation.ContextView) parent).getName()
                                .equals("http.server.requests")));
    }

    @Test
    void actuatorHealthShowsEachClient() {
        get("/account");
        int before = endocs.journal().size();
        for (int i = 0; i < 3; i++) {
            String health = get("/actuator/health");
            assertThat(health).contains("\"nodulClient\":{").contains("\"clodoClient\":{")
                    .containsPattern("\"endocsClient\":\\{\"details\":\\{\"provider\":\"endocs\"[^}]*\"lastSuccess\"[^}]*},\"status\":\"UP\"}");
        }
        assertThat(endocs.journal()).as("health probes send no request").hasSize(before);
    }

    @Test
    void theEndocsQuotaHoldsUnderABurstOnTheApplicationsEndpoint() {
        int burst = 4 * PER_SECOND;
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, burst)
                .mapToObj(i -> http.sendAsync(request("/account"), HttpResponse.BodyHandlers.ofString())).toList();
        assertThat(calls).extracting(c -> c.join().statusCode()).containsOnly(200).hasSize(burst);
        assertThat(endocs.requests("GET", "/api/Output/GetClientInfo")).hasSize(burst);
        assertThat(endocs.tooManyRequestsSent()).as("the stub never had to refuse one").isZero();
        assertThat(observations).hasAnObservation(o -> o.hasNameEqualTo(ClientObservations.PERMITS)
                .hasLowCardinalityKeyValue("provider", "endocs").hasLowCardinalityKeyValue("outcome", "granted"));
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30)).build();
    }

    private String get(String path) {
        try {
            HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
