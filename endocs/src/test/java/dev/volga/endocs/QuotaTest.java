package dev.volga.endocs;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.endocs.model.ClientInfo;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client-side quota against the stub's per-token quota, scaled to 50 requests per second: no
 * 429, never faster than the quota (checked on the stub's journal timestamps: lower bounds only).
 */
@ExtendWith(NoLeaks.class)
class QuotaTest {

    private static final int PER_SECOND = 50;
    /**
     * Back-to-back requests the stub tolerates (180 ms at 50/s): a request delayed on its way (GC, a
     * busy shared CPU) followed by punctual ones looks like a burst to a strict token bucket.
     */
    private static final int STUB_BURST = 10;

    private static RateLimitSettings scaled() {
        return RateLimitSettings.of(RateLimit.of(PER_SECOND, Duration.ofSeconds(1)));
    }

    @Test
    void aThousandRequestsAtTheScaledQuotaNeverGetA429() {
        try (EndocsStub stub = EndocsStub.start().quota(PER_SECOND, Duration.ofSeconds(1), STUB_BURST);
             EndocsClient client = Fixtures.client(stub).rateLimits(scaled()).build()) {
            warmUp(stub, client);
            List<ClientInfo> all = Flux.range(0, 1000).flatMap(i -> client.account().info(), 1000)
                    .collectList().block(Duration.ofSeconds(80));

            assertThat(all).hasSize(1000);
            assertThat(stub.tooManyRequestsSent()).isZero();
            List<Instant> arrivals = stub.server().journal().stream().map(RecordedRequest::receivedAt).sorted().toList();
            assertThat(arrivals).as("no retries were needed").hasSize(1000);
            stub.verify().atMostPer(PER_SECOND + STUB_BURST, Duration.ofSeconds(1));
            assertThat(Duration.between(arrivals.get(0), arrivals.get(999)))
                    .as("1,000 requests at 50/s take at least ~19 s").isGreaterThan(Duration.ofMillis(949 * 20));
        }
    }

    @Test
    void clientsSharingALimiterShareTheQuota() {
        try (EndocsStub stub = EndocsStub.start().quota(PER_SECOND, Duration.ofSeconds(1), STUB_BURST);
             EndocsClient first = Fixtures.client(stub).rateLimits(scaled()).build();
             EndocsClient second = Fixtures.client(stub).rateLimiter(first.rateLimiter()).build()) {
            warmUp(stub, first);
            List<ClientInfo> all = Flux.range(0, 120).flatMap(i -> (i % 2 == 0 ? first : second).account().info(), 120)
                    .collectList().block(Duration.ofSeconds(30));

            assertThat(all).hasSize(120);
            assertThat(stub.tooManyRequestsSent()).isZero();
            stub.verify().atMostPer(PER_SECOND + STUB_BURST, Duration.ofSeconds(1));
        }
    }

    @Test
    void aForced429WithRetryAfterPausesEveryWaitingRequest() {
        try (EndocsStub stub = EndocsStub.start().noQuota();
             EndocsClient client = Fixtures.client(stub)
                     .rateLimits(RateLimitSettings.of(RateLimit.of(5, Duration.ofSeconds(1)))).build()) {
            stub.rateLimitNext(1, Duration.ofSeconds(1));
            List<ClientInfo> all = Flux.range(0, 6).flatMap(i -> client.account().info(), 6)
                    .collectList().block(Duration.ofSeconds(30));

            assertThat(all).as("the refused request was retried after the pause").hasSize(6);
            List<RecordedRequest> journal = stub.server().journal();
            assertThat(journal).hasSize(7);
            Instant refused = journal.get(0).receivedAt();
            for (RecordedRequest later : journal.subList(1, journal.size())) {
                assertThat(Duration.between(refused, later.receivedAt()))
                        .as("no request left during the 1 s pause (without it the next would leave 200 ms later)")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
            }
        }
    }

    /**
     * One call first, so that class loading, JIT and the first connection (hundreds of ms on a cold
     * JVM, after the permit was granted) do not bunch the first requests up on their way to the
     * server; then a fresh quota and journal.
     */
    private static void warmUp(EndocsStub stub, EndocsClient client) {
        client.account().info().block(Duration.ofSeconds(10));
        stub.quota(PER_SECOND, Duration.ofSeconds(1), STUB_BURST);
        stub.server().reset();
        try {
            Thread.sleep(1000 / PER_SECOND);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
