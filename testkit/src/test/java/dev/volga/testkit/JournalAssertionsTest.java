package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Journal assertions: they pass when true and fail with a readable, credential-free message. */
@ExtendWith(NoLeaks.class)
class JournalAssertionsTest {

    private static final String SECRET = "SECRET-abc123";

    private StubServer stub;
    private TestClient client;

    @BeforeEach
    void start() {
        stub = StubServer.start();
        stub.fallback(req -> StubResponse.ok("ok"));
        client = new TestClient(stub);
        client.call("POST", "/api/orders", "{\"id\": 1, \"items\": [1, 2]}");
        client.call("POST", "/api/orders", "plain text");
        client.call("GET", "/api/orders?page=2&AUTH_TOKEN=" + SECRET);
        client.exchange("GET", "/", null, Map.of("X-Auth-User", "jdoe")).block(TestClient.TIMEOUT);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void countsPassWhenRight() {
        stub.verify()
                .exactly(2, "POST", "/api/orders")
                .exactlyOne("GET", "/api/orders")
                .atLeast(3, "*", "/api/**")
                .none("DELETE", "/**")
                .total(4);
        JournalAssertions.of(stub, "/api").exactly(2, "POST", "/orders").exactlyOne("GET", "/orders");
        stub.verify().none("POST", "/API/Orders");
        stub.verify().ignoringPathCase().exactly(2, "POST", "/API/Orders");
    }

    @Test
    void aRateBoundCountsArrivalsPerWindow() {
        // the four requests of start() arrived one after another, well within a minute
        stub.verify().atMostPer(4, java.time.Duration.ofMinutes(1));
        assertThatThrownBy(() -> stub.verify().atMostPer(3, java.time.Duration.ofMinutes(1)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("4 requests arrived within PT1M")
                .hasMessageContaining("at most 3");
        stub.verify().atMostPer(1, java.time.Duration.ZERO);
    }

    @Test
    void aWrongCountSaysWhatWasExpectedAndListsTheRequestsWithoutSecrets() {
        assertThatThrownBy(() -> stub.verify().exactly(1, "*", "/api/orders"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected exactly 1 request(s) matching * /api/orders but received 3")
                .hasMessageContaining("#1 POST /api/orders")
                .hasMessageContaining("GET /api/orders?page=2&AUTH_TOKEN=***")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> stub.verify().none("POST", "/api/**")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected exactly 0");
        assertThatThrownBy(() -> stub.verify().atLeast(5, "*", "/**")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("at least 5");
        assertThatThrownBy(() -> stub.verify().total(3)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 3 request(s) in all but received 4");
    }

    @Test
    void bodiesCompareAsJsonWhenBothAreJsonElseAsText() {
        stub.verify().bodiesSent("POST", "/api/orders", "{\"items\":[1,2],\"id\":1}", "plain text");
        stub.verify().bodySent("POST", "/api/orders", "plain text");

        assertThatThrownBy(() -> stub.verify().bodiesSent("POST", "/api/orders", "{\"items\":[2,1],\"id\":1}", "plain text"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("body 1 of POST /api/orders (#1 POST /api/orders) differs")
                .hasMessageContaining("expected: {\"items\":[2,1],\"id\":1}");
        assertThatThrownBy(() -> stub.verify().bodiesSent("POST", "/api/orders", "plain text"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 1 body/bodies sent as POST /api/orders but 2 request(s) matched");
        assertThatThrownBy(() -> stub.verify().bodySent("POST", "/api/orders", "other"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no request matching POST /api/orders carried the body other");
    }

    @Test
    void conditionsOnEveryOrNoRequest() {
        stub.verify().every("POST", "/**", r -> r.body().length > 0, "has a body");
        stub.verify().noRequest(r -> r.method().equals("PUT"), "is a PUT");

        assertThatThrownBy(() -> stub.verify().every("GET", "/**", r -> r.header("X-Auth-User").isPresent(), "names a user"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("to satisfy: names a user, but 1 did not")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        assertThatThrownBy(() -> stub.verify().noRequest(r -> r.method().equals("POST"), "is a POST"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected no request that is a POST, but 2 did");
    }

    @Test
    void loginsAndStaleTokensNeedTheStubToKnowThem() {
        assertThatThrownBy(() -> stub.verify().exactlyOneLogin()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("no login request");
        assertThatThrownBy(() -> stub.verify().noStaleToken()).isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not track stale tokens");

        JournalAssertions known = stub.verify().withLogin("GET", "/").withStaleTokens(r -> r.sequence() == 3);
        known.exactlyOneLogin().logins(1);
        assertThatThrownBy(() -> known.logins(2)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 2 login(s) (GET /) but saw 1");
        assertThatThrownBy(known::noStaleToken).isInstanceOf(AssertionError.class)
                .hasMessageContaining("carried a stale or unknown token")
                .hasMessageContaining("#3 GET /api/orders");
    }

    @Test
    void describeMasksCredentialLikeQueryValues() {
        RecordedRequest r = stub.journal().get(2);
        assertThat(JournalAssertions.describe(r)).isEqualTo("#3 GET /api/orders?page=2&AUTH_TOKEN=***");
    }
}
