package dev.volga.transport;

import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;

import dev.volga.api.AuthenticationException;
import dev.volga.api.Secret;
import dev.volga.api.spi.ApiResponse;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubHandler;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Token refresh through a real loopback login: single flight, failure, 401 replay. */
@ExtendWith(NoLeaks.class)
class AuthenticationTest {

    private StubServer stub;
    private ApiClient client;
    /** The one token the stub accepts now. */
    private final AtomicReference<String> valid = new AtomicReference<>();
    private final AtomicInteger logins = new AtomicInteger();
    /** When set and answering, replaces the normal /data answer (null: the normal one). */
    private volatile StubHandler dataOverride;
    /** Lifetime of the tokens the stub hands out. */
    private volatile Duration lifetime = Duration.ofMinutes(20);

    /** Logs in with GET /login; the stub answers the token in the body and its expiry (epoch ms) in a header. */
    private final Authenticator login = new Authenticator() {
        @Override
        public Mono<AccessToken> login(LoginContext context) {
            return context.send(ApiRequest.get("/login").header("X-Auth-Key", Secret.of("key", "login-key-SECRET")).build(Void.class))
                    .map(this::token);
        }

        private AccessToken token(ApiResponse r) {
            if (r.status() != 200) {
                throw new AuthenticationException(dev.volga.api.ApiError.builder("test").httpStatus(r.status())
                        .message("login refused").build(), null);
            }
            Instant expires = Instant.ofEpochMilli(Long.parseLong(r.header("X-Expires").orElseThrow()));
            return new AccessToken(Secret.of(r.bodyText()), expires, null);
        }

        @Override
        public void apply(AccessToken token, OutgoingRequest request) {
            request.secretHeader("X-Auth-Token", token.value().reveal());
        }
    };

    @BeforeEach
    void start() {
        stub = StubServer.start();
        stub.route("GET", "/login", req -> {
            String token = "tok-" + logins.incrementAndGet();
            valid.set(token);
            return StubResponse.ok(token)
                    .header("X-Expires", Long.toString(Instant.now().plus(lifetime).toEpochMilli()))
                    .delay(Duration.ofMillis(30));
        });
        stub.route("GET", "/data", req -> {
            StubResponse override = dataOverride == null ? null : dataOverride.handle(req);
            if (override != null) {
                return override;
            }
            return req.header("X-Auth-Token").filter(t -> t.equals(valid.get())).isPresent()
                    ? StubResponse.ok("data") : StubResponse.status(401).body("token rejected");
        });
        client = Fixtures.client(stub).authenticator(login).refreshSkew(Duration.ZERO).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private Mono<String> data() {
        return client.exchange(ApiRequest.get("/data").build(String.class));
    }

    @Test
    void thousandConcurrentRequestsWithAnExpiredTokenCauseExactlyOneLogin() {
        lifetime = Duration.ofMillis(-1); // the first token is born expired
        StepVerifier.create(data()).expectNext("data").verifyComplete();
        assertThat(logins.get()).isEqualTo(1);
        lifetime = Duration.ofMinutes(20);

        List<String> results = Flux.range(0, 1000)
                .flatMap(i -> data(), 1000)
                .collectList()
                .block(Duration.ofSeconds(60));

        assertThat(results).hasSize(1000).containsOnly("data");
        assertThat(logins.get()).as("one login for the expired token, none per request").isEqualTo(2);
        assertThat(stub.requests("GET", "/login")).hasSize(2);
        assertThat(stub.requests("GET", "/data")).hasSize(1001)
                .allSatisfy(r -> assertThat(r.header("X-Auth-Token")).isPresent());
    }

    @Test
    void aFailedLoginFailsItsWaitersAndTheNextCallLogsInAgain() {
        stub.enqueue("GET", "/login", StubResponse.status(500).body("login backend down").delay(Duration.ofMillis(50)));

        List<Throwable> errors = Flux.range(0, 20)
                .flatMap(i -> data().map(s -> (Throwable) null).onErrorResume(e -> Mono.just(e)), 20)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(errors).hasSize(20).allSatisfy(e -> assertThat(e).isInstanceOf(AuthenticationException.class));
        assertThat(stub.requests("GET", "/login")).as("the 20 waiters shared one failed login").hasSize(1);
        assertThat(stub.requests("GET", "/data")).isEmpty();

        StepVerifier.create(data()).expectNext("data").verifyComplete();
        assertThat(stub.requests("GET", "/login")).hasSize(2);
    }

    @Test
    void a401LogsInOnceAndReplaysOnce() {
        StepVerifier.create(data()).expectNext("data").verifyComplete();
        valid.set("revoked-by-server"); // the server forgets our token
        stub.reset();

        StepVerifier.create(data()).expectNext("data").verifyComplete();

        List<RecordedRequest> journal = stub.journal();
        assertThat(journal).extracting(RecordedRequest::path).containsExactly("/data", "/login", "/data");
        assertThat(journal.get(0).header("X-Auth-Token")).contains("tok-1");
        assertThat(journal.get(2).header("X-Auth-Token")).contains("tok-2");
    }

    @Test
    void aSecond401SurfacesAsAnAuthenticationErrorWithoutLooping() {
        StepVerifier.create(data()).expectNext("data").verifyComplete();
        stub.reset();
        stub.enqueue("GET", "/data", StubResponse.status(401).body("rejected"));
        stub.enqueue("GET", "/data", StubResponse.status(401).body("rejected again"));

        StepVerifier.create(data())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(AuthenticationException.class)
                        .satisfies(a -> assertThat(((AuthenticationException) a).httpStatus()).isEqualTo(401)))
                .verify(Duration.ofSeconds(10));
        assertThat(stub.journal()).extracting(RecordedRequest::path).containsExactly("/data", "/login", "/data");
    }

    @Test
    void a401InvalidatesOnlyTheTokenThatWasUsed() {
        StepVerifier.create(data()).expectNext("data").verifyComplete();
        // two requests carry tok-1; the first is rejected at once and fetches tok-2, the second is
        // rejected only after tok-2 is cached: its 401 must not throw tok-2 away. The answers go by
        // token, not by arrival: on a busy machine the first one's replay (tok-2) can reach the stub
        // before the second request does, and must then be served, not refused
        AtomicInteger refused = new AtomicInteger();
        dataOverride = req -> req.header("X-Auth-Token").filter("tok-1"::equals).isPresent()
                ? StubResponse.status(401).body("stale").delay(refused.getAndIncrement() == 0 ? Duration.ZERO : Duration.ofMillis(400))
                : null;

        StepVerifier.create(Flux.merge(data(), data()).collectList())
                .assertNext(l -> assertThat(l).containsExactly("data", "data"))
                .verifyComplete();

        assertThat(stub.requests("GET", "/login")).as("one re-login serves both rejected requests").hasSize(2);
        assertThat(stub.requests("GET", "/data")).hasSize(5)
                .extracting(r -> r.header("X-Auth-Token").orElseThrow())
                .containsExactlyInAnyOrder("tok-1", "tok-1", "tok-1", "tok-2", "tok-2");
    }
}
