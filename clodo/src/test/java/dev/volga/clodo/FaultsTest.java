package dev.volga.clodo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.AuthenticationException;
import dev.volga.api.DecodingException;
import dev.volga.api.RetrySettings;
import dev.volga.clodo.model.NewTicket;
import dev.volga.clodo.model.Server;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.transport.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

/**
 * The faults whose handling is Clodo's own, beyond the testkit's conformance base (which
 * {@link ClodoConformanceTest} runs: every fault kind against a read and a write): a 401 makes the
 * client log in again and replay once, a login that fails on the way, the XML format, the
 * helpdesk's bodiless 204. No leaked
 * connection — the client runs on a pool of ONE connection, and after each test (faults cleared) a
 * normal call must still get it within a few seconds; the paranoid leak detector watches the
 * buffers.
 */
@ExtendWith(NoLeaks.class)
class FaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SERVERS = "/v1/servers/**";
    private static final String HELPDESK = "/v1/helpdesk/**";
    private static final RetrySettings FAST_RETRY = RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private ClodoStub stub;
    private ConnectionProvider pool;
    private Transport transport;
    private ClodoClient client;

    @BeforeEach
    void start() {
        stub = Fixture.stub().start();
        stub.addServer("main", "VirtualServer", "is_running");
        pool = ConnectionProvider.builder("clodo-faults").maxConnections(1).pendingAcquireTimeout(Duration.ofSeconds(3)).build();
        transport = Transport.builder().connectionProvider(pool).responseTimeout(Duration.ofSeconds(2)).build();
        client = client(Format.JSON, FAST_RETRY);
    }

    private ClodoClient client(Format format, RetrySettings retry) {
        return Fixture.client(stub, format).transport(transport).retry(retry).build();
    }

    @AfterEach
    void theOnlyConnectionIsFreeAgain() {
        try {
            stub.faults().clear();
            stub.noQuota();
            readSucceeds();
        } finally {
            client.close();
            transport.close();
            pool.disposeLater().block(WAIT);
            stub.close();
        }
    }

    private Mono<List<Server>> read() {
        return client.servers().list().collectList();
    }

    private Mono<Void> write() {
        return client.helpdesk().open(new NewTicket(1, "Сервер не отвечает", "Проверьте, пожалуйста", 0, 0));
    }

    private void readSucceeds() {
        StepVerifier.create(read()).assertNext(s -> assertThat(s).extracting(Server::name).contains("main"))
                .verifyComplete();
    }

    private <E extends Throwable> E failure(Mono<?> call, Class<E> type) {
        Throwable[] caught = new Throwable[1];
        StepVerifier.create(call).expectErrorSatisfies(e -> caught[0] = e).verify(WAIT);
        assertThat(caught[0]).isInstanceOf(type);
        StringWriter trace = new StringWriter();
        caught[0].printStackTrace(new PrintWriter(trace));
        assertThat(trace.toString()).as("the key never shows").doesNotContain(Fixture.KEY);
        return type.cast(caught[0]);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    @Test
    void anInjected401MakesTheClientLogInAgainAndReplayOnce() {
        readSucceeds();
        stub.faults().inject(FaultRule.unauthorized().on("GET", SERVERS).times(1));

        readSucceeds();

        stub.verify().logins(2).exactly(3, "GET", SERVERS).noStaleToken();
        List<String> tokens = stub.requests("GET", SERVERS).stream().map(r -> r.header("X-Auth-Token").orElseThrow()).toList();
        assertThat(tokens.get(1)).as("the refused request carried the first token").isEqualTo(tokens.get(0));
        assertThat(tokens.get(2)).as("the replay carries a fresh one").isNotEqualTo(tokens.get(1));
    }

    @Test
    void a401ThatPersistsAfterTheReloginIsAnAuthenticationError() {
        stub.faults().inject(FaultRule.unauthorized().on("GET", SERVERS));

        AuthenticationException e = failure(read(), AuthenticationException.class);

        assertThat(e.httpStatus()).isEqualTo(401);
        stub.verify().logins(2).exactly(2, "GET", SERVERS).noStaleToken();
    }

    @Test
    void aFailedLoginIsAnAuthenticationError() {
        stub.faults().inject(FaultRule.unauthorized().on("GET", "/").times(1));

        failure(read(), AuthenticationException.class);
        stub.verify().none("GET", SERVERS);
    }

    @Test
    void aLoginThatFailsOnTheWayIsTriedAgainInsteadOfFailingEveryWaitingRequest() {
        // the login is an idempotent GET: a dropped connection and a 503 are tried again, and the
        // twenty requests waiting for the token never see them
        stub.faults().inject(FaultRule.dropAfterRead().on("GET", "/").times(1));
        stub.faults().inject(FaultRule.status(503).on("GET", "/").times(1));

        // on its own transport: twenty at once would overflow the one-connection pool of the others
        try (ClodoClient twenty = Fixture.client(stub, Format.JSON).retry(FAST_RETRY).build()) {
            StepVerifier.create(Flux.range(0, 20).flatMap(i -> twenty.servers().list().collectList()).count())
                    .expectNext(20L).expectComplete().verify(WAIT);
        }

        stub.verify().exactly(3, "GET", "/").exactly(20, "GET", "/v1/servers");
        assertThat(stub.logins()).as("one login got through").isOne();
    }

    @Test
    void aLoginAnswered429WaitsForRetryAfterAndALoginThatKeepsFailingGivesUpAfterTheAttempts() {
        stub.faults().inject(FaultRule.tooManyRequests(Duration.ofSeconds(1)).on("GET", "/").times(1));
        long start = System.nanoTime();
        readSucceeds();
        assertThat(since(start)).as("Retry-After was honoured").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        stub.verify().exactly(2, "GET", "/");
        assertThat(stub.logins()).isOne();

        stub.clearJournalAndFaults();
        stub.faults().inject(FaultRule.status(503).on("GET", "/"));
        ClodoClient fresh = client(Format.JSON, FAST_RETRY);
        try {
            AuthenticationException e = failure(fresh.servers().list().collectList(), AuthenticationException.class);
            assertThat(e.httpStatus()).isEqualTo(503);
            stub.verify().exactly(FAST_RETRY.maxAttempts(), "GET", "/").none("GET", SERVERS);
        } finally {
            fresh.close();
        }
    }




    @Test
    void aMalformedBodyIsADecodingErrorInXml() {
        // JSON: ClodoConformanceTest (the testkit's conformance base)
        ClodoClient xml = client(Format.XML, FAST_RETRY);
        try {
            stub.faults().inject(FaultRule.malformedBody().on("GET", SERVERS).times(1));
            assertThat(failure(xml.servers().list().collectList(), DecodingException.class).httpStatus()).isEqualTo(200);
        } finally {
            xml.close();
        }
        stub.verify().exactlyOne("GET", SERVERS);
    }

    @Test
    void aTruncatedBodyOnTheHelpdesksBodiless204IsComplete() {
        // the 204 has no body to cut, so the client rightly takes it as complete (a write with a
        // body to cut: ClodoConformanceTest)
        stub.faults().inject(FaultRule.truncatedBody().on("POST", HELPDESK).times(1));
        StepVerifier.create(write()).verifyComplete();
        stub.verify().exactlyOne("POST", HELPDESK);
    }





}
