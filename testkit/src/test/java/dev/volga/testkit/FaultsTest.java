package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** The generic fault vocabulary on a bare StubServer (plain dialect), with a raw client. */
@ExtendWith(NoLeaks.class)
class FaultsTest {

    private static final String BODY = "0123456789".repeat(10);

    private StubServer stub;
    private TestClient client;

    @BeforeEach
    void start() {
        stub = StubServer.start();
        stub.route("GET", "/items/{id}", req -> StubResponse.ok(BODY));
        stub.route("POST", "/items", req -> StubResponse.status(201).body("created " + req.bodyText()));
        stub.route("GET", "/other", req -> StubResponse.ok("other"));
        client = new TestClient(stub);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void aStatusFaultHitsItsEndpointForNCallsThenTheRouteAnswersAgain() {
        Faults.Injection outage = stub.faults().inject(FaultRule.status(503).on("GET", "/items/*").times(2));

        assertThat(client.call("GET", "/other").body()).as("another endpoint is untouched").isEqualTo("other");
        TestClient.Response first = client.call("GET", "/items/1");
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body()).isEqualTo("Service Unavailable");
        assertThat(client.call("GET", "/items/2").status()).isEqualTo(503);
        assertThat(outage.hits()).isEqualTo(2);
        assertThat(outage.isActive()).isFalse();
        assertThat(client.call("GET", "/items/3").body()).isEqualTo(BODY);
        assertThat(stub.faults().active()).isEmpty();
        assertThat(stub.requestCount()).as("faulted requests are journaled too").isEqualTo(4);
    }

    @Test
    void withoutTargetOrLimitARuleHitsEveryRequestUntilCleared() {
        stub.faults().inject(FaultRule.status(500));

        assertThat(client.call("GET", "/items/1").status()).isEqualTo(500);
        assertThat(client.call("POST", "/items", "x").status()).isEqualTo(500);
        assertThat(client.call("GET", "/nowhere").status()).isEqualTo(500);
        stub.faults().clear();
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);
    }

    @Test
    void tooManyRequestsCarriesRetryAfterInWholeSecondsRoundedUp() {
        stub.faults().inject(FaultRule.tooManyRequests(Duration.ofMillis(1500)).times(1));
        stub.faults().inject(FaultRule.tooManyRequests().times(1));

        TestClient.Response limited = client.call("GET", "/items/1");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsEntry("retry-after", "2");
        TestClient.Response bare = client.call("GET", "/items/1");
        assertThat(bare.status()).isEqualTo(429);
        assertThat(bare.headers()).doesNotContainKey("retry-after");
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);
    }

    @Test
    void unauthorizedAndMalformedAreWrittenByTheDialect() {
        stub.faults().inject(FaultRule.unauthorized().times(1));
        stub.faults().inject(FaultRule.malformedBody().times(1));

        assertThat(client.call("GET", "/items/1").status()).isEqualTo(401);
        TestClient.Response malformed = client.call("GET", "/items/1");
        assertThat(malformed.status()).isEqualTo(200);
        assertThat(malformed.headers().get("content-type")).isEqualTo("application/json");
        assertThatThrownBy(() -> JsonMapper.builder().build().readTree(malformed.body()))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void aDialectGivesTheErrorForms() {
        stub.faultDialect(new FaultDialect() {
            @Override
            public StubResponse status(RecordedRequest request, int status) {
                return StubResponse.json(status, "{\"error\":" + status + ",\"path\":\"" + request.path() + "\"}");
            }

            @Override
            public StubResponse malformed(RecordedRequest request) {
                return StubResponse.json(200, "[");
            }
        });
        stub.faults().inject(FaultRule.status(502).times(1));
        stub.faults().inject(FaultRule.tooManyRequests(Duration.ofSeconds(3)).times(1));

        assertThat(client.call("GET", "/items/7").body()).isEqualTo("{\"error\":502,\"path\":\"/items/7\"}");
        TestClient.Response limited = client.call("GET", "/items/7");
        assertThat(limited.body()).isEqualTo("{\"error\":429,\"path\":\"/items/7\"}");
        assertThat(limited.headers()).containsEntry("retry-after", "3");
    }

    @Test
    void aThrowingDialectIsAnswered500() {
        stub.faultDialect(new FaultDialect() {
            @Override
            public StubResponse status(RecordedRequest request, int status) {
                throw new IllegalStateException("dialect broke");
            }

            @Override
            public StubResponse malformed(RecordedRequest request) {
                return null;
            }
        });
        stub.faults().inject(FaultRule.status(503).times(1));
        stub.faults().inject(FaultRule.malformedBody().times(1));

        TestClient.Response broke = client.call("GET", "/items/1");
        assertThat(broke.status()).isEqualTo(500);
        assertThat(broke.body()).isEqualTo("dialect broke");
        assertThat(client.call("GET", "/items/1").body()).contains("returned null");
    }

    @Test
    void truncatedBodyDeclaresMoreThanItSendsAndCloses() {
        stub.faults().inject(FaultRule.truncatedBody().on("GET", "/items/*").times(1));

        StepVerifier.create(client.exchange("GET", "/items/1", null, Map.of()))
                .expectError()
                .verify(TestClient.TIMEOUT);
        assertThat(client.call("GET", "/items/1").body()).as("the next request is answered fully").isEqualTo(BODY);
    }

    @Test
    void dropBeforeReadJournalsNoBodyAndDropAfterReadJournalsIt() {
        stub.faults().inject(FaultRule.dropBeforeRead().on("POST", "/items").times(1));
        stub.faults().inject(FaultRule.dropAfterRead().on("POST", "/items").times(1));

        StepVerifier.create(client.exchange("POST", "/items", "first", Map.of())).expectError().verify(TestClient.TIMEOUT);
        StepVerifier.create(client.exchange("POST", "/items", "second", Map.of())).expectError().verify(TestClient.TIMEOUT);
        assertThat(client.call("POST", "/items", "third").body()).isEqualTo("created third");

        assertThat(stub.requests("POST", "/items")).extracting(RecordedRequest::bodyText)
                .containsExactly("", "second", "third");
    }

    @Test
    void slowBodyDribblesTheNormalAnswer() {
        stub.faults().inject(FaultRule.slowBody(25, Duration.ofMillis(20)).times(1));

        long start = System.nanoTime();
        TestClient.Response slow = client.call("GET", "/items/1");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(slow.body()).isEqualTo(BODY);
        assertThat(took).as("4 chunks with 20 ms before each").isGreaterThanOrEqualTo(Duration.ofMillis(80));
    }

    @Test
    void fixedLatencyDelaysTheNormalAnswer() {
        stub.faults().inject(FaultRule.latency(Duration.ofMillis(150)).on("GET", "/items/*").times(1));

        long start = System.nanoTime();
        assertThat(client.call("GET", "/items/1").body()).isEqualTo(BODY);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    }

    @Test
    void aRandomRuleHitsSomeRequestsReproduciblyAndLeavesTheOthersToLaterRules() {
        String first = hitPattern(7);
        assertThat(first).as("the same seed draws the same hits").isEqualTo(hitPattern(7));
        assertThat(first).as("another seed draws others").isNotEqualTo(hitPattern(8));
        long hits = first.chars().filter(c -> c == '5').count();
        assertThat(hits).as("about half of 120 at p = 0.5").isBetween(30L, 90L);
        assertThat(first.chars().filter(c -> c == '4').count()).as("a request the random rule missed went to the next rule")
                .isEqualTo(120 - hits);
        assertThatThrownBy(() -> FaultRule.status(503).withProbability(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.status(503).withProbability(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(FaultRule.status(503).withProbability(0.25).times(2))
                .hasToString("STATUS 503 on * /**, 2 times, with probability 0.25")
                .isEqualTo(FaultRule.status(503).times(2).withProbability(0.25));
    }

    /** One character per request: '5' for the random 503, '4' for the 404 rule behind it. */
    private String hitPattern(long seed) {
        stub.reset();
        stub.faults().seed(seed).inject(FaultRule.status(503).withProbability(0.5));
        stub.faults().inject(FaultRule.status(404));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            sb.append(client.call("GET", "/items/" + i).status() == 503 ? '5' : '4');
        }
        return sb.toString();
    }

    @Test
    void randomLatencyStaysWithinItsBounds() {
        stub.faults().seed(42).inject(FaultRule.latency(Duration.ofMillis(60), Duration.ofMillis(120)).times(3));

        for (int i = 0; i < 3; i++) {
            long start = System.nanoTime();
            assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(60));
        }
    }

    @Test
    void aTimeWindowEndsByTheFaultsClock() {
        TestClock clock = new TestClock();
        stub.faults().clock(clock);
        Faults.Injection window = stub.faults().inject(FaultRule.status(504).during(Duration.ofSeconds(30)));

        assertThat(client.call("GET", "/items/1").status()).isEqualTo(504);
        clock.advance(Duration.ofSeconds(29));
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(504);
        assertThat(window.isActive()).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(window.isActive()).isFalse();
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);
        assertThat(window.hits()).isEqualTo(2);
    }

    @Test
    void timesAndWindowEndWithWhicheverComesFirst() {
        TestClock clock = new TestClock();
        stub.faults().clock(clock);
        stub.faults().inject(FaultRule.status(500).times(5).during(Duration.ofSeconds(10)));

        assertThat(client.call("GET", "/items/1").status()).isEqualTo(500);
        clock.advance(Duration.ofSeconds(10));
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);
    }

    @Test
    void theFirstMatchingRuleWinsAndOnlyItIsUsedUp() {
        Faults.Injection a = stub.faults().inject(FaultRule.status(500).on("GET", "/items/*").times(1));
        Faults.Injection b = stub.faults().inject(FaultRule.status(503).times(1));

        assertThat(client.call("GET", "/items/1").status()).isEqualTo(500);
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(503);
        assertThat(a.hits()).isEqualTo(1);
        assertThat(b.hits()).isEqualTo(1);
    }

    @Test
    void errorFaultsAnswerAheadOfScriptsWhichStayQueued() {
        stub.enqueue(StubResponse.ok("scripted"));
        stub.faults().inject(FaultRule.status(503).times(1));

        assertThat(client.call("GET", "/items/1").status()).isEqualTo(503);
        assertThat(client.call("GET", "/items/1").body()).isEqualTo("scripted");
    }

    @Test
    void transportFaultsDistortAScriptedAnswer() {
        stub.enqueue(StubResponse.ok("scripted"));
        stub.faults().inject(FaultRule.latency(Duration.ofMillis(100)).times(1));

        long start = System.nanoTime();
        assertThat(client.call("GET", "/items/1").body()).isEqualTo("scripted");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void cancelAndResetRemoveRules() {
        Faults.Injection i = stub.faults().inject(FaultRule.status(500));
        i.cancel();
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);

        stub.faults().inject(FaultRule.status(500));
        assertThat(stub.faults().active()).hasSize(1);
        stub.reset();
        assertThat(stub.faults().active()).isEmpty();
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);
        assertThat(stub.journal()).hasSize(1);
    }

    @Test
    void aViewUnderABasePathReadsPatternsRelativeToIt() {
        stub.route("GET", "/api/v1/things", req -> StubResponse.ok("things"));
        Faults api = stub.faults().under("/api").under("/v1");
        api.inject(FaultRule.status(500).on("GET", "/things").times(1));

        assertThat(client.call("GET", "/items/1").status()).isEqualTo(200);
        assertThat(client.call("GET", "/api/v1/things").status()).isEqualTo(500);
        assertThat(stub.faults().active()).isEmpty();
        assertThatThrownBy(() -> stub.faults().under("api")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.faults().under("/api/")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCaseInsensitiveViewMatchesPathsWithoutRegardToCase() {
        stub.faults().inject(FaultRule.status(500).on("GET", "/ITEMS/*").times(1));
        assertThat(client.call("GET", "/items/1").status()).as("exact by default").isEqualTo(200);
        stub.faults().clear();

        stub.faults().ignoringPathCase().inject(FaultRule.status(500).on("GET", "/ITEMS/*").times(1));
        assertThat(client.call("GET", "/items/1").status()).isEqualTo(500);
    }

    @Test
    void rulesValidateTheirArgumentsAndDescribeThemselves() {
        assertThatThrownBy(() -> FaultRule.status(200)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.status(503).times(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.status(503).during(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.latency(Duration.ofMillis(2), Duration.ofMillis(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.latency(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.slowBody(0, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.tooManyRequests(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultRule.status(503).on("GET", "items")).isInstanceOf(IllegalArgumentException.class);

        FaultRule rule = FaultRule.status(503).on("GET", "/plans").times(2);
        assertThat(rule).hasToString("STATUS 503 on GET /plans, 2 times");
        assertThat(rule).isEqualTo(FaultRule.status(503).on("GET", "/plans").times(2)).isNotEqualTo(FaultRule.status(503));
        assertThat(rule.times()).contains(2);
        assertThat(rule.window()).isEmpty();
        assertThat(FaultRule.tooManyRequests(Duration.ofSeconds(2)).retryAfterHeader()).contains("2");
        assertThat(FaultRule.tooManyRequests(Duration.ZERO).retryAfterHeader()).contains("0");
        assertThat(FaultRule.latency(Duration.ofMillis(5), Duration.ofMillis(9)).during(Duration.ofSeconds(1)))
                .hasToString("LATENCY 5..9 ms on * /**, during PT1S");
    }
}
