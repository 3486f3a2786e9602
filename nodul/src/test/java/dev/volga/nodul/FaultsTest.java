package dev.volga.nodul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.AuthenticationException;
import dev.volga.api.DecodingException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.RetrySettings;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.nodul.model.Feature;
import dev.volga.nodul.model.FeatureAlias;
import dev.volga.nodul.model.Plan;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.nodul.NodulStub;
import dev.volga.transport.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

/**
 * Every fault of the testkit's vocabulary against the Nodul client: the typed error or the
 * recovery each should give, and no leaked connection — the client runs on a pool of ONE
 * connection, and after each test (faults cleared) a normal call must still get it within a few
 * seconds; the paranoid leak detector watches the buffers.
 */
@ExtendWith(NoLeaks.class)
class FaultsTest {

    private static final String TOKEN = "SECRET-nodul-faults-7c1d";
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);
    private static final RetrySettings FAST_RETRY = RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private NodulStub stub;
    private ConnectionProvider pool;
    private Transport transport;
    private NodulClient client;

    @BeforeEach
    void start() {
        stub = NodulStub.start(TOKEN);
        pool = ConnectionProvider.builder("nodul-faults").maxConnections(1).pendingAcquireTimeout(Duration.ofSeconds(3)).build();
        transport = Transport.builder().connectionProvider(pool).responseTimeout(RESPONSE_TIMEOUT).build();
        client = client(FAST_RETRY);
    }

    private NodulClient client(RetrySettings retry) {
        return NodulClient.builder().baseUrl(stub.baseUrl()).token(TOKEN).transport(transport).retry(retry).build();
    }

    @AfterEach
    void theOnlyConnectionIsFreeAgain() {
        try {
            stub.faults().clear();
            StepVerifier.create(client.quotas().list().collectList())
                    .assertNext(features -> assertThat(features).isNotEmpty())
                    .verifyComplete();
        } finally {
            client.close();
            transport.close();
            pool.disposeLater().block(WAIT);
            stub.close();
        }
    }

    private Mono<List<Feature>> read() {
        return client.quotas().list().collectList();
    }

    private Mono<Plan> write() {
        return client.plans().create("Basic", List.of(Feature.of(FeatureAlias.REGULAR_MICROCREDITS, 10_000_000L)));
    }

    private <E extends Throwable> E failure(Mono<?> call, Class<E> type) {
        Throwable[] caught = new Throwable[1];
        StepVerifier.create(call).expectErrorSatisfies(e -> caught[0] = e).verify(WAIT);
        assertThat(caught[0]).isInstanceOf(type);
        StringWriter trace = new StringWriter();
        caught[0].printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).as("the token never shows").doesNotContain(TOKEN);
        return type.cast(caught[0]);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Test
    void fixedLatencyOnlyDelays() {
        stub.faults().inject(FaultRule.latency(Duration.ofMillis(200)).on("GET", "/quotas").times(1));

        long start = System.nanoTime();
        StepVerifier.create(read()).assertNext(f -> assertThat(f).isNotEmpty()).verifyComplete();
        assertThat(since(start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        stub.verify().exactlyOne("GET", "/quotas");
    }

    @Test
    void latencyBeyondTheResponseTimeoutIsRetriedForAReadButNotForAWrite() {
        stub.faults().inject(FaultRule.latency(Duration.ofMillis(2500), Duration.ofMillis(3000)).on("GET", "/quotas").times(1));
        StepVerifier.create(read()).assertNext(f -> assertThat(f).isNotEmpty()).verifyComplete();
        stub.verify().exactly(2, "GET", "/quotas");

        stub.faults().inject(FaultRule.latency(Duration.ofMillis(2500)).on("POST", "/plans").times(1));
        TransportException timeout = failure(write(), TransportException.class);
        assertThat(timeout.kind()).isEqualTo(TransportException.Kind.TIMEOUT);
        stub.verify().exactlyOne("POST", "/plans");
    }

    @Test
    void a429WithRetryAfterIsWaitedOutAndRetriedEvenForAWrite() {
        stub.faults().inject(FaultRule.tooManyRequests(Duration.ofSeconds(1)).on("POST", "/plans").times(1));

        long start = System.nanoTime();
        StepVerifier.create(write()).assertNext(p -> assertThat(p.name()).isEqualTo("Basic")).verifyComplete();
        assertThat(since(start)).as("Retry-After was honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        stub.verify().exactly(2, "POST", "/plans");
        assertThat(stub.plans()).hasSize(1);
    }

    @Test
    void withoutRetriesA429IsARateLimitedExceptionCarryingRetryAfter() {
        NodulClient once = client(RetrySettings.none());
        try {
            stub.faults().inject(FaultRule.tooManyRequests(Duration.ofSeconds(7)).times(1));
            RateLimitedException e = failure(once.quotas().list().collectList(), RateLimitedException.class);
            assertThat(e.source()).isEqualTo(RateLimitedException.Source.SERVER);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
            assertThat(e.httpStatus()).isEqualTo(429);
        } finally {
            once.close();
        }
    }

    @Test
    void an401IsAnAuthenticationErrorAndNotRepeated() {
        stub.faults().inject(FaultRule.unauthorized().on("GET", "/quotas").times(1));

        AuthenticationException e = failure(read(), AuthenticationException.class);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.errorCode()).contains("auth.Unauthorized");
        stub.verify().exactlyOne("GET", "/quotas").noStaleToken();
    }

    @Test
    void a503IsRetriedForAReadUntilItRecovers() {
        stub.faults().inject(FaultRule.status(503).on("GET", "/quotas").times(2));

        StepVerifier.create(read()).assertNext(f -> assertThat(f).isNotEmpty()).verifyComplete();
        stub.verify().exactly(3, "GET", "/quotas");
    }

    @Test
    void a5xxThatPersistsOrHitsAWriteIsAServerError() {
        stub.faults().inject(FaultRule.status(502).on("GET", "/quotas"));
        ServerErrorException persistent = failure(read(), ServerErrorException.class);
        assertThat(persistent.httpStatus()).isEqualTo(502);
        stub.verify().exactly(FAST_RETRY.maxAttempts(), "GET", "/quotas");

        stub.faults().inject(FaultRule.status(503).on("POST", "/plans").times(1));
        assertThat(failure(write(), ServerErrorException.class).httpStatus()).isEqualTo(503);
        stub.verify().exactlyOne("POST", "/plans");

        stub.faults().inject(FaultRule.status(500).on("GET", "/plans").times(1));
        assertThat(failure(client.plans().list().collectList(), ServerErrorException.class).httpStatus()).isEqualTo(500);
        stub.verify().exactlyOne("GET", "/plans");
    }

    @Test
    void aMalformedBodyIsADecodingError() {
        stub.faults().inject(FaultRule.malformedBody().on("GET", "/quotas").times(1));

        DecodingException e = failure(read(), DecodingException.class);
        assertThat(e.httpStatus()).isEqualTo(200);
        stub.verify().exactlyOne("GET", "/quotas");
    }

    @Test
    void aTruncatedBodyIsRetriedForAReadAndAConnectionErrorForAWrite() {
        stub.faults().inject(FaultRule.truncatedBody().on("GET", "/quotas").times(1));
        StepVerifier.create(read()).assertNext(f -> assertThat(f).isNotEmpty()).verifyComplete();
        stub.verify().exactly(2, "GET", "/quotas");

        stub.faults().inject(FaultRule.truncatedBody().on("POST", "/plans").times(1));
        TransportException e = failure(write(), TransportException.class);
        assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION_CLOSED);
        assertThat(e.requestSent()).isTrue();
        stub.verify().exactlyOne("POST", "/plans");
    }

    @Test
    void aConnectionDroppedBeforeTheRequestWasReadIsRetriedForAReadAndAnErrorForAWrite() {
        stub.faults().inject(FaultRule.dropBeforeRead().on("GET", "/quotas").times(1));
        StepVerifier.create(read()).assertNext(f -> assertThat(f).isNotEmpty()).verifyComplete();
        stub.verify().exactly(2, "GET", "/quotas");

        stub.faults().inject(FaultRule.dropBeforeRead().on("POST", "/plans").times(1));
        TransportException e = failure(write(), TransportException.class);
        assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION_CLOSED);
        stub.verify().exactlyOne("POST", "/plans");
        assertThat(stub.plans()).isEmpty();
    }

    @Test
    void aConnectionDroppedAfterTheRequestWasReadIsNeverRepeatedForAWrite() {
        stub.faults().inject(FaultRule.dropAfterRead().on("POST", "/plans").times(1));
        TransportException e = failure(write(), TransportException.class);
        assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION_CLOSED);
        stub.verify().exactlyOne("POST", "/plans")
                .bodiesSent("POST", "/plans",
                        "{\"name\":\"Basic\",\"features\":[{\"alias\":\"regular_microcredits\",\"value\":{\"int64\":\"10000000\",\"bool\":false}}]}");

        stub.faults().inject(FaultRule.dropAfterRead().on("GET", "/quotas").times(1));
        StepVerifier.create(read()).assertNext(f -> assertThat(f).isNotEmpty()).verifyComplete();
        stub.verify().exactly(2, "GET", "/quotas");
    }

    @Test
    void anOversizedHeaderIsAMalformedResponseAndNotRetried() {
        stub.faults().inject(FaultRule.oversizedHeader(200 * 1024).on("GET", "/quotas").times(1));
        assertThat(failure(read(), TransportException.class).kind()).isEqualTo(TransportException.Kind.MALFORMED_RESPONSE);
        stub.verify().exactlyOne("GET", "/quotas");
    }

    @Test
    void aSlowBodyWithinTheTimeoutArrivesWholeAndBeyondItTimesOut() {
        stub.faults().inject(FaultRule.slowBody(64, Duration.ofMillis(5)).on("GET", "/quotas").times(1));
        StepVerifier.create(read()).assertNext(f -> assertThat(f).hasSize(NodulStub.FEATURE_ALIASES.size())).verifyComplete();
        stub.verify().exactlyOne("GET", "/quotas");

        stub.faults().inject(FaultRule.slowBody(4, Duration.ofMillis(100)).on("POST", "/plans").times(1));
        TransportException e = failure(write(), TransportException.class);
        assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT);
        stub.verify().exactlyOne("POST", "/plans");
    }

    @Test
    void theStubsQuotaAnswers429PastItWithRetryAfter() {
        NodulClient once = client(RetrySettings.none());
        try {
            stub.quota(2, Duration.ofMinutes(1), 2);
            StepVerifier.create(once.quotas().list().then()).verifyComplete();
            StepVerifier.create(once.quotas().list().then()).verifyComplete();
            RateLimitedException e = failure(once.quotas().list().collectList(), RateLimitedException.class);
            assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
            assertThat(stub.tooManyRequestsSent()).isEqualTo(1);
        } finally {
            once.close();
            stub.noQuota();
        }
    }

    @Test
    void aNewFaultKindNeedsItsTestHere() {
        // the ten kinds, each tested above against this client
        assertThat(FaultRule.Kind.values()).hasSize(10);
    }
}
