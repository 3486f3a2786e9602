package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The generic server-side quota, in virtual time. */
@ExtendWith(NoLeaks.class)
class QuotaTest {

    private final TestClock clock = new TestClock();
    private StubServer stub;
    private TestClient client;

    @BeforeEach
    void start() {
        stub = StubServer.start();
        stub.route("GET", "/x", req -> StubResponse.ok("x"));
        client = new TestClient(stub);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private int get(String key) {
        return client.exchange("GET", "/x", null, Map.of("Key", key)).block(TestClient.TIMEOUT).status();
    }

    @Test
    void pastTheBurstA429AsksToWaitForTheNextPermit() {
        // 2 per minute: one permit every 30 s, 2 back to back
        stub.quota(Quota.of(2, Duration.ofMinutes(1), 2).clock(clock).keyedBy(r -> r.header("Key").orElse("")));

        assertThat(get("a")).isEqualTo(200);
        assertThat(get("a")).isEqualTo(200);
        TestClient.Response refused = client.exchange("GET", "/x", null, Map.of("Key", "a")).block(TestClient.TIMEOUT);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsEntry("retry-after", "30");
        assertThat(refused.body()).isEqualTo("Too Many Requests");
        assertThat(get("b")).as("another key has its own bucket").isEqualTo(200);

        clock.advance(Duration.ofSeconds(29));
        assertThat(get("a")).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(get("a")).isEqualTo(200);
        assertThat(get("a")).isEqualTo(429);
        assertThat(stub.quotaRefusals()).isEqualTo(3);
        assertThat(stub.journal()).as("refused requests are journaled").hasSize(7);
    }

    @Test
    void aSlidingWindowCountsAnyPeriodBothEndsIncluded() {
        stub.quota(Quota.slidingWindow(2, Duration.ofMinutes(1)).clock(clock).keyedBy(r -> r.header("Key").orElse("")));
        assertThat(stub.quota()).get().extracting(Quota::mode).isEqualTo(Quota.Mode.SLIDING_WINDOW);

        assertThat(get("a")).isEqualTo(200); // t = 0
        clock.advance(Duration.ofSeconds(10));
        assertThat(get("a")).isEqualTo(200); // t = 10 s
        assertThat(get("b")).as("another key has its own count").isEqualTo(200);
        clock.advance(Duration.ofSeconds(50));
        TestClient.Response refused = client.exchange("GET", "/x", null, Map.of("Key", "a")).block(TestClient.TIMEOUT);
        assertThat(refused.status()).as("exactly one period after the first: still inside its window").isEqualTo(429);
        assertThat(refused.headers()).containsEntry("retry-after", "1");
        clock.advance(Duration.ofMillis(1));
        assertThat(get("a")).as("the first has left the window").isEqualTo(200); // t = 60.001 s
        assertThat(get("a")).as("the second (t = 10 s) has not").isEqualTo(429);
        clock.advance(Duration.ofSeconds(10));
        assertThat(get("a")).isEqualTo(200); // t = 70.001 s
        assertThat(stub.quotaRefusals()).isEqualTo(2);
    }

    @Test
    void aFixedWindowCountsEachClockAlignedPeriodAndResetsAtItsBoundary() {
        // the test clock starts at 2026-01-01T00:00:00Z, a minute boundary
        stub.quota(Quota.fixedWindow(2, Duration.ofMinutes(1)).clock(clock));
        assertThat(stub.quota()).get().extracting(Quota::mode).isEqualTo(Quota.Mode.FIXED_WINDOW);

        clock.advance(Duration.ofSeconds(58));
        assertThat(get("")).isEqualTo(200);
        assertThat(get("")).isEqualTo(200);
        clock.advance(Duration.ofMillis(1500)); // 00:00:59.5
        TestClient.Response refused = client.call("GET", "/x");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).as("until the next clock minute").containsEntry("retry-after", "1");
        clock.advance(Duration.ofMillis(500)); // 00:01:00: a new window, a new count
        assertThat(get("")).isEqualTo(200);
        assertThat(get("")).isEqualTo(200);
        assertThat(get("")).isEqualTo(429);
        assertThat(stub.quotaRefusals()).isEqualTo(2);
        assertThatThrownBy(() -> Quota.fixedWindow(0, Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quota.slidingWindow(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void faultsAndScriptsNeitherCountNorAreRefused() {
        stub.quota(Quota.of(1, Duration.ofMinutes(1), 1).clock(clock));
        stub.faults().inject(FaultRule.status(503).times(1));
        stub.enqueue(StubResponse.ok("scripted"));

        assertThat(get("")).isEqualTo(503);
        assertThat(client.call("GET", "/x").body()).isEqualTo("scripted");
        assertThat(get("")).isEqualTo(200);
        assertThat(get("")).isEqualTo(429);
        assertThat(stub.quotaRefusals()).isEqualTo(1);
    }

    @Test
    void aRetryAfterIsAtLeastOneSecond() {
        stub.quota(Quota.of(1000, Duration.ofSeconds(1), 1).clock(clock));

        assertThat(get("")).isEqualTo(200);
        TestClient.Response refused = client.call("GET", "/x");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers()).containsEntry("retry-after", "1");
    }

    @Test
    void resetRefillsTheBucketsAndKeepsTheQuota() {
        stub.quota(Quota.of(1, Duration.ofMinutes(1), 1).clock(clock));
        assertThat(get("")).isEqualTo(200);
        assertThat(get("")).isEqualTo(429);

        stub.reset();

        assertThat(stub.quotaRefusals()).isZero();
        assertThat(stub.quota()).isPresent();
        assertThat(get("")).isEqualTo(200);
        assertThat(get("")).isEqualTo(429);
        stub.noQuota();
        assertThat(stub.quota()).isEmpty();
        assertThat(get("")).isEqualTo(200);
    }

    @Test
    void aQuotaValidatesItsArguments() {
        assertThatThrownBy(() -> Quota.of(0, Duration.ofSeconds(1), 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quota.of(1, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Quota.of(1, Duration.ofSeconds(1), 0)).isInstanceOf(IllegalArgumentException.class);
        Quota q = Quota.of(300, Duration.ofMinutes(1), 10);
        assertThat(q).hasToString("Quota[300 per PT1M, burst 10]");
        assertThat(q.permits()).isEqualTo(300);
        assertThat(q.burst()).isEqualTo(10);
        assertThat(q.period()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void describesItsModelInWords() {
        assertThat(Quota.of(300, Duration.ofMinutes(1), 10).describe())
                .isEqualTo("token bucket: 300 per 1 minute (5 per second), burst 10");
        assertThat(Quota.slidingWindow(100, Duration.ofSeconds(1)).describe()).isEqualTo("sliding window: 100 per 1 second");
        assertThat(Quota.fixedWindow(1000, Duration.ofHours(2)).describe())
                .isEqualTo("fixed window: 1000 per 2 hours (0.139 per second)");
        assertThat(Quota.of(3, Duration.ofMillis(250), 1).describe()).isEqualTo("token bucket: 3 per 250 ms, burst 1");
    }
}
