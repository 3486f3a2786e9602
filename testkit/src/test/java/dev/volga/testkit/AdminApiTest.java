package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The built-in admin API of every stub server, driven over real HTTP. */
@ExtendWith(NoLeaks.class)
class AdminApiTest {

    private StubServer stub;
    private TestClient client;

    @BeforeEach
    void start() {
        stub = StubServer.start();
        stub.route("GET", "/items/{id}", r -> StubResponse.json(200, "{\"id\":1}"));
        client = new TestClient(stub);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void listsItsEndpointsAndTheProviderOnesFirst() {
        stub.admin("POST", "/things", r -> java.util.Map.of("id", r.text("name")));
        TestClient.Response res = client.call("GET", "/__admin");
        assertThat(res.status()).isEqualTo(200);
        assertThat(res.headers().get("content-type")).startsWith("application/json");
        assertThat(res.body()).contains("\"POST /__admin/things\"", "\"GET /__admin/journal\"", "\"PUT /__admin/quota\"");
        assertThat(res.body().indexOf("/__admin/things")).isLessThan(res.body().indexOf("/__admin/journal"));
    }

    @Test
    void adminRequestsAreNeitherJournaledNorFaultedNorCounted() {
        stub.quota(Quota.fixedWindow(1, Duration.ofHours(1)));
        stub.faults().inject(FaultRule.status(503));
        assertThat(client.call("GET", "/__admin/journal").status()).isEqualTo(200);
        assertThat(client.call("GET", "/__admin/quota").body()).contains("\"refusals\":0");
        assertThat(stub.journal()).isEmpty();
    }

    @Test
    void journalWithFiltersAndMaskedCredentials() {
        client.exchange("GET", "/items/1?AUTH_TOKEN=s3cret-value", null,
                java.util.Map.of("Authorization", "Bearer s3cret-value")).block(TestClient.TIMEOUT);
        client.call("POST", "/other", "{\"a\":1}");
        String all = client.call("GET", "/__admin/journal").body();
        assertThat(all).contains("\"path\":\"/items/1\"", "\"path\":\"/other\"", "\"body\":\"{\\\"a\\\":1}\"")
                .contains("Bearer ***", "AUTH_TOKEN=***")
                .doesNotContain("s3cret-value");
        String filtered = client.call("GET", "/__admin/journal?method=POST&path=/other").body();
        assertThat(filtered).contains("/other").doesNotContain("/items/1");
        assertThat(client.call("GET", "/__admin/journal?since=1").body()).doesNotContain("/items/1");
        assertThat(client.call("GET", "/__admin/journal?limit=1").body()).doesNotContain("/other");
        assertThat(client.call("GET", "/__admin/journal?limit=x").status()).isEqualTo(400);
        assertThat(client.call("DELETE", "/__admin/journal").status()).isEqualTo(204);
        assertThat(stub.journal()).isEmpty();
    }

    @Test
    void faultsInjectedListedAndRemoved() {
        TestClient.Response injected = client.call("POST", "/__admin/faults",
                "{\"kind\":\"status\",\"status\":503,\"method\":\"GET\",\"path\":\"/items/*\",\"times\":1}");
        assertThat(injected.status()).isEqualTo(200);
        assertThat(injected.body()).contains("\"id\":1");
        assertThat(client.call("GET", "/__admin/faults").body()).contains("\"id\":1", "STATUS");
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(503);
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);

        client.call("POST", "/__admin/faults", "{\"kind\":\"too-many-requests\",\"retryAfterSeconds\":7}");
        TestClient.Response limited = client.call("GET", "/items/1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().get("retry-after")).isEqualTo("7");
        assertThat(client.call("DELETE", "/__admin/faults/2").status()).isEqualTo(204);
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);
        assertThat(client.call("DELETE", "/__admin/faults/2").status()).isEqualTo(404);

        client.call("POST", "/__admin/faults", "{\"kind\":\"unauthorized\",\"probability\":1.0}");
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(401);
        assertThat(client.call("DELETE", "/__admin/faults").status()).isEqualTo(204);
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);
    }

    @Test
    void everyFaultKindCanBeInjected() {
        String[] specs = {
            "{\"kind\":\"latency\",\"latencyMs\":1}", "{\"kind\":\"latency\",\"minLatencyMs\":1,\"maxLatencyMs\":2}",
            "{\"kind\":\"status\",\"status\":500}", "{\"kind\":\"too-many-requests\"}", "{\"kind\":\"unauthorized\"}",
            "{\"kind\":\"malformed-body\"}", "{\"kind\":\"truncated-body\"}", "{\"kind\":\"drop-before-read\"}",
            "{\"kind\":\"drop-after-read\"}", "{\"kind\":\"slow-body\",\"chunkBytes\":2,\"pauseMs\":1}",
            "{\"kind\":\"oversized-header\",\"bytes\":100}", "{\"kind\":\"DROP_AFTER_READ\",\"windowMs\":1000}"
        };
        for (String spec : specs) {
            assertThat(client.call("POST", "/__admin/faults", spec).status()).as(spec).isEqualTo(200);
        }
        assertThat(stub.faults().active()).hasSize(specs.length);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        TestClient.Response noKind = client.call("POST", "/__admin/faults", "{}");
        assertThat(noKind.status()).isEqualTo(400);
        assertThat(noKind.body()).contains("kind");
        assertThat(client.call("POST", "/__admin/faults", "{\"kind\":\"meteor\"}").body())
                .contains("must be one of", "drop-after-read");
        assertThat(client.call("POST", "/__admin/faults", "{\"kind\":\"status\"}").body()).contains("status");
        assertThat(client.call("POST", "/__admin/faults", "{\"kind\":\"status\",\"status\":\"x\"}").body())
                .contains("field status must be a whole number");
        assertThat(client.call("POST", "/__admin/faults", "[1]").body()).contains("JSON object");
        assertThat(client.call("POST", "/__admin/faults", "{not json").status()).isEqualTo(400);
        assertThat(client.call("PUT", "/__admin/quota", "{\"model\":\"leaky\",\"permits\":1,\"periodMs\":1}").body())
                .contains("sliding-window");
        TestClient.Response unknown = client.call("GET", "/__admin/nothing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("GET /__admin lists them");
        assertThat(stub.faults().active()).isEmpty();
    }

    @Test
    void quotaModelsChosenAndKeptKeyed() {
        stub.quota(Quota.of(100, Duration.ofSeconds(1), 10).keyedBy(r -> r.header("X-Key").orElse("")));
        TestClient.Response set = client.call("PUT", "/__admin/quota",
                "{\"model\":\"fixed-window\",\"permits\":2,\"periodMs\":3600000}");
        assertThat(set.body()).contains("\"model\":\"fixed-window\"", "\"permits\":2", "\"periodMs\":3600000");
        for (String key : new String[] {"a", "b"}) {
            for (int i = 0; i < 2; i++) {
                assertThat(client.exchange("GET", "/items/1", null, java.util.Map.of("X-Key", key))
                        .block(TestClient.TIMEOUT).status()).isEqualTo(200);
            }
        }
        assertThat(client.exchange("GET", "/items/1", null, java.util.Map.of("X-Key", "a"))
                .block(TestClient.TIMEOUT).status()).isEqualTo(429);
        assertThat(client.call("GET", "/__admin/quota").body()).contains("\"refusals\":1");
        assertThat(client.call("PUT", "/__admin/quota", "{\"model\":\"sliding-window\",\"permits\":5,\"periodMs\":1000}")
                .body()).contains("sliding-window");
        assertThat(client.call("PUT", "/__admin/quota", "{\"model\":\"gcra\",\"permits\":5,\"periodMs\":1000,\"burst\":3}")
                .body()).contains("\"model\":\"gcra\"", "\"burst\":3");
        assertThat(client.call("PUT", "/__admin/quota", "{\"model\":\"none\"}").body()).contains("\"model\":\"none\"");
        assertThat(stub.quota()).isEmpty();
    }

    @Test
    void resetForgetsFaultsAndJournalAndAProviderMayReplaceIt() {
        client.call("GET", "/items/1");
        stub.faults().inject(FaultRule.status(500));
        assertThat(client.call("POST", "/__admin/reset").status()).isEqualTo(204);
        assertThat(stub.journal()).isEmpty();
        assertThat(stub.faults().active()).isEmpty();

        java.util.concurrent.atomic.AtomicInteger providerResets = new java.util.concurrent.atomic.AtomicInteger();
        stub.admin("POST", "/reset", r -> {
            providerResets.incrementAndGet();
            return java.util.Map.of("reset", true);
        });
        assertThat(client.call("POST", "/__admin/reset").body()).contains("\"reset\":true");
        assertThat(providerResets).hasValue(1);
    }

    @Test
    void providerRoutesGetPathParamsAndTypedFields() {
        stub.admin("PUT", "/things/{id}", r -> java.util.Map.of("id", r.pathLong("id"), "n", r.longValue("n"),
                "on", r.bool("on", false), "name", r.optText("name").orElse("-")));
        assertThat(client.call("PUT", "/__admin/things/42", "{\"n\":7,\"on\":true}").body())
                .contains("\"id\":42", "\"n\":7", "\"on\":true", "\"name\":\"-\"");
        assertThat(client.call("PUT", "/__admin/things/x", "{\"n\":7}").body()).contains("path segment id");
        assertThat(client.call("PUT", "/__admin/things/1", "{\"n\":1.5}").body()).contains("field n must be a whole number");
        assertThat(client.call("PUT", "/__admin/things/1", "{\"n\":1,\"on\":\"yes\"}").body()).contains("field on must be true or false");
    }
}
