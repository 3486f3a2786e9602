package dev.volga.endocs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.AuthenticationException;
import dev.volga.api.DecodingException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.RetrySettings;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.transport.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

/**
 * Every fault of the testkit's vocabulary against the EnDocs client: the typed error or the
 * recovery each should give, and no leaked connection — the client runs on a pool of ONE
 * connection, and after each test (faults cleared) a normal call must still get it within a few
 * seconds; the paranoid leak detector watches the buffers.
 */
@ExtendWith(NoLeaks.class)
class FaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String INFO = "/api/Output/GetClientInfo";
    private static final String UPSERT = "/api/Contract/AddOrUpdateContract";

    private EndocsStub stub;
    private ConnectionProvider pool;
    private Transport transport;
    private EndocsClient client;

    @BeforeEach
    void start() {
        stub = EndocsStub.start().noQuota();
        pool = ConnectionProvider.builder("endocs-faults").maxConnections(1).pendingAcquireTimeout(Duration.ofSeconds(3)).build();
        transport = Transport.builder().connectionProvider(pool).responseTimeout(Duration.ofSeconds(2)).build();
        client = client(Fixtures.FAST_RETRY);
    }

    private EndocsClient client(RetrySettings retry) {
        return Fixtures.client(stub).transport(transport).retry(retry).build();
    }

    @AfterEach
    void theOnlyConnectionIsFreeAgain() {
        try {
            stub.faults().clear();
            stub.noQuota();
            StepVerifier.create(read()).assertNext(info -> assertThat(info.blocked()).isFalse()).verifyComplete();
        } finally {
            client.close();
            transport.close();
            pool.disposeLater().block(WAIT);
            stub.close();
        }
    }

    private Mono<ClientInfo> read() {
        return client.account().info();
    }

    /** An upsert that creates (names no entity), so it is never sent twice once it may have arrived. */
    private Mono<UpsertResult<Contract>> write() {
        return client.contracts().upsert(ContractUpsert.builder().name("Договор").organization(Fixtures.org())
                .contractor(Fixtures.contractor()).build());
    }

    private <E extends Throwable> E failure(Mono<?> call, Class<E> type) {
        Throwable[] caught = new Throwable[1];
        StepVerifier.create(call).expectErrorSatisfies(e -> caught[0] = e).verify(WAIT);
        assertThat(caught[0]).isInstanceOf(type);
        StringWriter trace = new StringWriter();
        caught[0].printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).as("the token never shows").doesNotContain(stub.token());
        return type.cast(caught[0]);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private void readSucceeds() {
        StepVerifier.create(read()).assertNext(info -> assertThat(info.blocked()).isFalse()).verifyComplete();
    }

    @Test
    void latencyOnlyDelaysAndBeyondTheResponseTimeoutIsRetriedForAReadButNotForAWrite() {
        stub.faults().inject(FaultRule.latency(Duration.ofMillis(200)).on("GET", INFO).times(1));
        long start = System.nanoTime();
        readSucceeds();
        assertThat(since(start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
        stub.verify().exactlyOne("GET", INFO);

        stub.faults().inject(FaultRule.latency(Duration.ofMillis(2500), Duration.ofMillis(3000)).on("GET", INFO).times(1));
        readSucceeds();
        stub.verify().exactly(3, "GET", INFO);

        stub.faults().inject(FaultRule.latency(Duration.ofMillis(2500)).on("POST", UPSERT).times(1));
        assertThat(failure(write(), TransportException.class).kind()).isEqualTo(TransportException.Kind.TIMEOUT);
        stub.verify().exactlyOne("POST", UPSERT);
    }

    @Test
    void a429IsWaitedOutAndRetriedEvenForAWriteOrWithoutRetriesIsRateLimited() {
        stub.faults().inject(FaultRule.tooManyRequests(Duration.ofSeconds(1)).on("POST", UPSERT).times(1));
        long start = System.nanoTime();
        StepVerifier.create(write()).assertNext(r -> assertThat(r).isInstanceOf(UpsertResult.Created.class)).verifyComplete();
        assertThat(since(start)).as("Retry-After was honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        stub.verify().exactly(2, "POST", UPSERT);
        assertThat(stub.entityCount()).isOne();

        EndocsClient once = client(RetrySettings.none());
        try {
            stub.faults().inject(FaultRule.tooManyRequests(Duration.ofSeconds(9)).times(1));
            RateLimitedException e = failure(once.account().info(), RateLimitedException.class);
            assertThat(e.source()).isEqualTo(RateLimitedException.Source.SERVER);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(9));
        } finally {
            once.close();
        }
    }

    @Test
    void an401IsAnAuthenticationErrorWithErr40AndNotRepeated() {
        stub.faults().inject(FaultRule.unauthorized().times(1));

        AuthenticationException e = failure(read(), AuthenticationException.class);
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(e.errorCode()).contains("#err-40");
        stub.verify().exactlyOne("GET", INFO).noStaleToken();
    }

    @Test
    void a503IsRetriedForAReadAndAServerErrorForAWriteOrWhenItPersists() {
        stub.faults().inject(FaultRule.status(503).on("GET", INFO).times(2));
        readSucceeds();
        stub.verify().exactly(3, "GET", INFO);

        stub.faults().inject(FaultRule.status(503).on("POST", UPSERT).times(1));
        assertThat(failure(write(), ServerErrorException.class).httpStatus()).isEqualTo(503);
        stub.verify().exactlyOne("POST", UPSERT);

        stub.faults().inject(FaultRule.status(504).on("GET", INFO));
        assertThat(failure(read(), ServerErrorException.class).httpStatus()).isEqualTo(504);
        stub.verify().exactly(3 + Fixtures.FAST_RETRY.maxAttempts(), "GET", INFO);
        stub.faults().clear();

        stub.faults().inject(FaultRule.status(500).on("GET", INFO).times(1));
        assertThat(failure(read(), ServerErrorException.class).httpStatus()).isEqualTo(500);
    }

    @Test
    void aMalformedBodyIsADecodingError() {
        stub.faults().inject(FaultRule.malformedBody().on("GET", INFO).times(1));

        assertThat(failure(read(), DecodingException.class).httpStatus()).isEqualTo(200);
        stub.verify().exactlyOne("GET", INFO);
    }

    @Test
    void aTruncatedBodyIsRetriedForAReadAndAConnectionErrorForAWrite() {
        stub.faults().inject(FaultRule.truncatedBody().on("GET", INFO).times(1));
        readSucceeds();
        stub.verify().exactly(2, "GET", INFO);

        stub.faults().inject(FaultRule.truncatedBody().on("POST", UPSERT).times(1));
        TransportException e = failure(write(), TransportException.class);
        assertThat(e.kind()).isEqualTo(TransportException.Kind.CONNECTION_CLOSED);
        stub.verify().exactlyOne("POST", UPSERT);
    }

    @Test
    void aConnectionDroppedBeforeTheRequestWasReadIsRetriedForAReadAndAnErrorForAWrite() {
        stub.faults().inject(FaultRule.dropBeforeRead().on("GET", INFO).times(1));
        readSucceeds();
        stub.verify().exactly(2, "GET", INFO);

        stub.faults().inject(FaultRule.dropBeforeRead().on("POST", UPSERT).times(1));
        assertThat(failure(write(), TransportException.class).kind()).isEqualTo(TransportException.Kind.CONNECTION_CLOSED);
        stub.verify().exactlyOne("POST", UPSERT);
        assertThat(stub.entityCount()).isZero();
    }

    @Test
    void aConnectionDroppedAfterTheRequestWasReadIsNeverRepeatedForAWrite() {
        stub.faults().inject(FaultRule.dropAfterRead().on("POST", UPSERT).times(1));
        assertThat(failure(write(), TransportException.class).kind()).isEqualTo(TransportException.Kind.CONNECTION_CLOSED);
        stub.verify().exactlyOne("POST", UPSERT)
                .every("POST", UPSERT, r -> r.bodyText().contains("Договор"), "carries the contract");

        stub.faults().inject(FaultRule.dropAfterRead().on("GET", INFO).times(1));
        readSucceeds();
        stub.verify().exactly(2, "GET", INFO);
    }

    @Test
    void anOversizedHeaderIsAMalformedResponseAndNotRetried() {
        stub.faults().inject(FaultRule.oversizedHeader(200 * 1024).on("GET", INFO).times(1));
        assertThat(failure(read(), TransportException.class).kind()).isEqualTo(TransportException.Kind.MALFORMED_RESPONSE);
        stub.verify().exactlyOne("GET", INFO);
    }

    @Test
    void aSlowBodyWithinTheTimeoutArrivesWholeAndBeyondItTimesOut() {
        stub.faults().inject(FaultRule.slowBody(64, Duration.ofMillis(5)).on("GET", INFO).times(1));
        readSucceeds();

        stub.faults().inject(FaultRule.slowBody(4, Duration.ofMillis(100)).on("POST", UPSERT).times(1));
        assertThat(failure(write(), TransportException.class).kind()).isEqualTo(TransportException.Kind.TIMEOUT);
        stub.verify().exactlyOne("POST", UPSERT);
    }

    @Test
    void theStubsQuotaAnswers429PastIt() {
        EndocsClient once = client(RetrySettings.none());
        try {
            stub.quota(2, Duration.ofMinutes(1), 2);
            StepVerifier.create(once.account().info().then()).verifyComplete();
            StepVerifier.create(once.account().info().then()).verifyComplete();
            RateLimitedException e = failure(once.account().info(), RateLimitedException.class);
            assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
            assertThat(stub.tooManyRequestsSent()).isEqualTo(1);
        } finally {
            once.close();
        }
    }
}
