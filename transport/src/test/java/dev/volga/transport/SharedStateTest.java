package dev.volga.transport;

import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;
import dev.volga.transport.spi.RateLimiter;
import dev.volga.transport.spi.SharedState;
import dev.volga.transport.spi.TokenStore;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pipeline's use of the {@link SharedState} SPI, against a real loopback server: the limiter and
 * token store come from the shared state under the client's scope; a token another "replica" stored
 * is used without a login; a 401 invalidates exactly the token used, in the store too.
 */
@ExtendWith(NoLeaks.class)
class SharedStateTest {

    /** A store two clients share, as replicas would through Redis. */
    private static final class SharedForTest implements SharedState {
        final AtomicReference<AccessToken> stored = new AtomicReference<>();
        final List<AccessToken> invalidated = new CopyOnWriteArrayList<>();
        final List<Scope> scopes = new CopyOnWriteArrayList<>();
        final AtomicInteger acquires = new AtomicInteger();

        @Override
        public RateLimiter rateLimiter(Scope scope, RateLimitSettings settings, Scheduler scheduler) {
            scopes.add(scope);
            RateLimiter local = RateLimiter.create(scope.provider(), settings, scheduler);
            return new RateLimiter() {
                @Override
                public Mono<Void> acquire(String method, String path) {
                    acquires.incrementAndGet();
                    return local.acquire(method, path);
                }

                @Override
                public void pause(Duration duration) {
                    local.pause(duration);
                }

                @Override
                public int queued() {
                    return local.queued();
                }
            };
        }

        @Override
        public TokenStore tokenStore(Scope scope) {
            return new TokenStore() {
                @Override
                public Mono<AccessToken> token(Duration minValidity, Mono<AccessToken> login) {
                    return Mono.defer(() -> {
                        AccessToken t = stored.get();
                        return t != null ? Mono.just(t) : login.doOnNext(stored::set);
                    });
                }

                @Override
                public Mono<Void> invalidate(AccessToken used) {
                    return Mono.fromRunnable(() -> {
                        invalidated.add(used);
                        stored.compareAndSet(used, null);
                    });
                }
            };
        }
    }

    private StubServer stub;
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicReference<String> valid = new AtomicReference<>();

    private final Authenticator login = new Authenticator() {
        @Override
        public Mono<AccessToken> login(LoginContext context) {
            return context.send(ApiRequest.get("/login").build(Void.class))
                    .map(r -> new AccessToken(Secret.of(r.bodyText()), Instant.now().plus(Duration.ofMinutes(20)), null));
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
            return StubResponse.ok(token);
        });
        stub.route("GET", "/data", req -> req.header("X-Auth-Token").filter(t -> t.equals(valid.get())).isPresent()
                ? StubResponse.ok("data") : StubResponse.status(401).body("token rejected"));
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private ApiClient client(SharedState state) {
        return Fixtures.client(stub).authenticator(login)
                .rateLimits(RateLimitSettings.of(RateLimit.of(100, Duration.ofSeconds(1))))
                .sharedState(state).scope(SharedState.Scope.of("test", Secret.of("key", "the-credential")))
                .build();
    }

    private static Mono<String> data(ApiClient c) {
        return c.exchange(ApiRequest.get("/data").build(String.class));
    }

    @Test
    void aSecondReplicaUsesTheStoredTokenAndTheSharedLimiter() {
        SharedForTest shared = new SharedForTest();
        try (ApiClient first = client(shared); ApiClient second = client(shared)) {
            assertThat(data(first).block(Duration.ofSeconds(10))).isEqualTo("data");
            assertThat(data(second).block(Duration.ofSeconds(10))).isEqualTo("data");

            assertThat(logins).as("the second client took the first one's token from the store").hasValue(1);
            assertThat(shared.acquires).as("both waited on limiters of the shared state").hasValue(2);
            assertThat(shared.scopes).hasSize(2).allSatisfy(s -> {
                assertThat(s.provider()).isEqualTo("test");
                assertThat(s.credential()).hasSize(32).doesNotContain("the-credential");
                assertThat(s.toString()).doesNotContain("the-credential");
            });
            assertThat(shared.scopes.get(0)).isEqualTo(shared.scopes.get(1));
        }
    }

    @Test
    void a401InvalidatesTheUsedTokenInTheStoreAndReplaysWithANewOne() {
        SharedForTest shared = new SharedForTest();
        try (ApiClient first = client(shared); ApiClient second = client(shared)) {
            data(first).block(Duration.ofSeconds(10));
            AccessToken old = shared.stored.get();
            valid.set("revoked");
            stub.reset();

            assertThat(data(second).block(Duration.ofSeconds(10))).isEqualTo("data");

            assertThat(shared.invalidated).as("exactly the token the rejected request carried").containsExactly(old);
            assertThat(stub.journal()).extracting(RecordedRequest::path).containsExactly("/data", "/login", "/data");
            assertThat(shared.stored.get().value().reveal()).isEqualTo("tok-2");
        }
    }

    @Test
    void aSharedStateNeedsTheCredentialsScope() {
        assertThatThrownBy(() -> Fixtures.client(stub).sharedState(new SharedForTest()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("scope");
        assertThatThrownBy(() -> Fixtures.client(stub).scope(SharedState.Scope.of("other", Secret.of("k"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other");
        assertThat(SharedState.Scope.of("p", Secret.of("a"), Secret.of("b")))
                .as("parts are separated: (a, b) is not (ab)")
                .isNotEqualTo(SharedState.Scope.of("p", Secret.of("ab")));
    }
}
