package dev.volga.clodo;

import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.Secret;
import dev.volga.clodo.model.Datacenter;
import dev.volga.clodo.model.NewServer;
import dev.volga.clodo.model.Server;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Login and refresh against the stub: the client's clock is virtual, the stub's clock is moved by
 * hand, so a 20-minute token expires without waiting.
 */
@ExtendWith(NoLeaks.class)
class AuthenticationTest {

    private static final Duration T = Duration.ofSeconds(30);
    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();

    @AfterEach
    void stopClock() {
        clock.dispose();
    }

    private static int managementCalls(ClodoStub stub) {
        return stub.requests("*", "/v1/**").size();
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void loginSendsUserAndKeyAndLaterCallsGoToTheManagementUrlWithTheToken(Format f) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, f).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            StepVerifier.create(clodo.servers().get(id).map(Server::name)).expectNext("main").verifyComplete();
            List<RecordedRequest> journal = stub.journal();
            assertThat(journal).extracting(RecordedRequest::method, RecordedRequest::path)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/"), org.assertj.core.groups.Tuple.tuple("GET", "/v1/servers/" + id));
            assertThat(journal.get(0).header("X-Auth-User")).contains(Fixture.USER);
            assertThat(journal.get(0).header("X-Auth-Key")).contains(Fixture.KEY);
            assertThat(journal.get(1).header("X-Auth-Token")).isPresent();
            assertThat(journal.get(1).header("X-Auth-Key")).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void theClientFollowsTheManagementUrlTheLoginHandsOut(Format f) {
        try (ClodoStub stub = Fixture.stub().managementPath("/mgmt/v1").start(); ClodoClient clodo = Fixture.client(stub, f).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            StepVerifier.create(clodo.servers().get(id).map(Server::name)).expectNext("main").verifyComplete();
            assertThat(stub.journal()).extracting(RecordedRequest::method, RecordedRequest::path)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("GET", "/"), org.assertj.core.groups.Tuple.tuple("GET", "/mgmt/v1/servers/" + id));
            assertThat(stub.requests("*", "/v1/**")).as("nothing went to the auth URL's /v1").isEmpty();
        }
    }

    @Test
    void tokenNearExpiryIsRenewedAheadOnceWithNo401() {
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, Format.JSON).scheduler(clock).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            clodo.servers().get(id).block(T);
            String first = stub.journal().get(1).header("X-Auth-Token").orElseThrow();

            // 19.5 minutes later on both clocks: inside the 1-minute refresh skew, the token is still valid on the server
            clock.advanceTimeBy(Duration.ofSeconds(19 * 60 + 30));
            stub.advanceClock(Duration.ofSeconds(19 * 60 + 30));
            clodo.servers().get(id).block(T);

            assertThat(stub.logins()).isEqualTo(2);
            assertThat(managementCalls(stub)).as("no call was refused and replayed").isEqualTo(2);
            assertThat(stub.journal().get(3).header("X-Auth-Token")).isPresent().get().isNotEqualTo(first);
        }
    }

    @Test
    void tokenExpiredOnTheServerMidRunMeansExactlyOneReloginAndNo401Surfaced() {
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, Format.XML).scheduler(clock).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            clodo.servers().get(id).block(T);
            stub.advanceClock(Duration.ofMinutes(21)); // the client's clock still says the token is fresh

            StepVerifier.create(clodo.servers().get(id).map(Server::name)).expectNext("main").verifyComplete();

            assertThat(stub.logins()).isEqualTo(2);
            assertThat(stub.journal()).extracting(RecordedRequest::path)
                    .containsExactly("/", "/v1/servers/" + id, "/v1/servers/" + id, "/", "/v1/servers/" + id);
        }
    }

    @Test
    void fiveHundredConcurrentCallsAtExpiryCauseOneLogin() {
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, Format.JSON).scheduler(clock).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            clodo.servers().get(id).block(T);
            clock.advanceTimeBy(Duration.ofMinutes(20));
            stub.advanceClock(Duration.ofMinutes(20));
            stub.http().reset();

            List<String> names = Flux.range(0, 500).flatMap(i -> clodo.servers().get(id).map(Server::name), 500)
                    .collectList().block(T);

            assertThat(names).hasSize(500).containsOnly("main");
            assertThat(stub.requests("GET", "/")).as("one login for 500 waiters").hasSize(1);
            assertThat(stub.requests("GET", "/v1/servers/*")).hasSize(500);
        }
    }

    @Test
    void fiveHundredConcurrent401sCauseOneLogin() {
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, Format.JSON).scheduler(clock).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            clodo.servers().get(id).block(T);
            stub.expireAllTokens(); // the server forgets the token; the client does not know yet
            stub.http().reset();

            List<String> names = Flux.range(0, 500).flatMap(i -> clodo.servers().get(id).map(Server::name), 500)
                    .collectList().block(T);

            assertThat(names).hasSize(500).containsOnly("main");
            assertThat(stub.requests("GET", "/")).hasSize(1);
        }
    }

    @Test
    void aTokenShorterThanTheRefreshSkewIsRenewedAtHalfLifeNotOnEveryCall() {
        try (ClodoStub stub = Fixture.stub().tokenLifetime(Duration.ofSeconds(10)).start();
             ClodoClient clodo = Fixture.client(stub, Format.JSON).scheduler(clock).build()) { // skew: the default minute
            long id = stub.addServer("main", "VirtualServer", "is_running");
            for (int i = 0; i < 5; i++) {
                clodo.servers().get(id).block(T);
            }
            assertThat(stub.logins()).isEqualTo(1);
            clock.advanceTimeBy(Duration.ofSeconds(6));
            stub.advanceClock(Duration.ofSeconds(6));
            clodo.servers().get(id).block(T);
            assertThat(stub.logins()).as("renewed after half its life, before the server refuses it").isEqualTo(2);
            assertThat(stub.requests("GET", "/v1/servers/*")).hasSize(6);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aWrongKeyIsAnAuthenticationErrorNamingTheUserWithoutTheKey(Format f) {
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, f).key(Secret.of("key", "wrong-key-0123456789")).build()) {
            StepVerifier.create(clodo.servers().list())
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(AuthenticationException.class);
                        ApiException api = (ApiException) e;
                        assertThat(api.httpStatus()).isEqualTo(401);
                        assertThat(e.getMessage()).contains("'" + Fixture.USER + "'").contains("Unauthorized")
                                .contains("Необходима авторизация")
                                .doesNotContain("wrong-key-0123456789").doesNotContain(Fixture.KEY);
                        assertThat(String.valueOf(api.error())).doesNotContain("wrong-key-0123456789");
                        assertThat(e.toString()).doesNotContain("wrong-key-0123456789");
                    })
                    .verify(T);
            assertThat(stub.requests("*", "/v1/**")).isEmpty();
            assertThat(clodo.toString()).doesNotContain("wrong-key");
        }
    }

    @Test
    void aLoginAnswerWithoutTokenOrUrlIsAClearError() {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.JSON).build()) {
            stub.http().enqueue("GET", "/", StubResponse.status(204).header("X-Server-Management-Url", stub.managementUrl()));
            StepVerifier.create(clodo.servers().list())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AuthenticationException.class)
                            .hasMessageContaining("has no X-Auth-Token header").hasMessageContaining(Fixture.USER))
                    .verify(T);
            stub.http().enqueue("GET", "/", StubResponse.status(204).header("X-Auth-Token", "tok-123456789"));
            StepVerifier.create(clodo.servers().list())
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AuthenticationException.class)
                            .hasMessageContaining("has no X-Server-Management-Url header"))
                    .verify(T);
            // the next call logs in again and works
            StepVerifier.create(clodo.servers().list()).verifyComplete();
        }
    }

    @Test
    void serverCreationGoesToTheDatacenterHostAfterLoggingInThere() {
        try (ClodoStub dc = Fixture.stub().start();
             ClodoStub main = Fixture.stub().datacenter("2", dc.authUrl().substring("http://".length()), "KIAE House").start();
             ClodoClient clodo = Fixture.client(main, Format.XML).build()) {
            Datacenter kh = clodo.user().profile().block(T).dcs().get(0);
            assertThat(kh.title()).isEqualTo("KIAE House");

            var created = clodo.servers().create(NewServer.builder().name("dc").memory(512).hdd(5).image(541).build(), kh.apihost()).block(T);

            assertThat(dc.serverIds()).containsExactly(created.id());
            assertThat(dc.logins()).isEqualTo(1);
            assertThat(dc.requests("POST", "/v1/servers")).hasSize(1);
            assertThat(main.requests("POST", "/v1/servers")).isEmpty();
            assertThat(main.logins()).isEqualTo(1);
        }
    }
}
