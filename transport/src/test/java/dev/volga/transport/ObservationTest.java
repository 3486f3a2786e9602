package dev.volga.transport;

import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;

import dev.volga.api.AuthenticationException;
import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RateLimitedException;
import dev.volga.api.Secret;
import dev.volga.api.ServerErrorException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observations and remembered outcomes against a real loopback stub: one observation per call with
 * its keys, permits, retries, 429 events, logins; meters through Micrometer's default handler; and a
 * scan of every key value and tag ever recorded for secrets and high-cardinality values.
 */
@ExtendWith(NoLeaks.class)
class ObservationTest {

    private static final String TOKEN = "tok-SECRET-123456";
    private static final String LOGIN_KEY = "login-key-SECRET";

    private StubServer stub;
    /** Validates the lifecycle (no stop without start, no double stop) and offers the assertions. */
    private TestObservationRegistry registry;
    private SimpleMeterRegistry meters;
    private final ConcurrentLinkedQueue<Observation.Context> stopped = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean loginWorks = new AtomicBoolean(true);
    private final AtomicInteger logins = new AtomicInteger();
    private volatile Duration lifetime = Duration.ofMinutes(20);

    private final Authenticator login = new Authenticator() {
        @Override
        public Mono<AccessToken> login(LoginContext context) {
            return context.send(ApiRequest.get("/login").operation("auth.login")
                            .header("X-Auth-Key", Secret.of("key", LOGIN_KEY)).build(Void.class))
                    .map(this::token);
        }

        private AccessToken token(ApiResponse r) {
            if (r.status() != 200) {
                throw new AuthenticationException(dev.volga.api.ApiError.builder("test").httpStatus(r.status())
                        .message("login refused").build(), null);
            }
            return new AccessToken(Secret.of(r.bodyText()), Instant.now().plus(lifetime), null);
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
            logins.incrementAndGet();
            return loginWorks.get() ? StubResponse.ok(TOKEN) : StubResponse.status(403).body("no");
        });
        stub.route("*", "/data", req -> StubResponse.ok("data"));
        stub.route("GET", "/items/*", req -> StubResponse.ok("item"));
        registry = TestObservationRegistry.create();
        meters = new SimpleMeterRegistry();
        registry.observationConfig()
                .observationHandler(new DefaultMeterObservationHandler(meters))
                .observationHandler(new ObservationHandler<>() {
                    @Override
                    public void onStop(Observation.Context context) {
                        stopped.add(context);
                    }

                    @Override
                    public boolean supportsContext(Observation.Context context) {
                        return true;
                    }
                });
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    private ApiClient.Builder client() {
        return Fixtures.client(stub).observationRegistry(registry);
    }

    private List<Observation.Context> named(String name) {
        return stopped.stream().filter(c -> c.getName().equals(name)).collect(Collectors.toList());
    }

    private static String low(Observation.Context c, String key) {
        KeyValue kv = c.getLowCardinalityKeyValue(key);
        return kv == null ? null : kv.getValue();
    }

    @Test
    void aCallIsOneObservationWithItsKeysAndAPermitWaitInside() {
        try (ApiClient client = client().build()) {
            StepVerifier.create(client.exchange(ApiRequest.get("/items/4711").operation("items.get").build(String.class)))
                    .expectNext("item").verifyComplete();
        }
        assertThat(registry).hasObservationWithNameEqualTo(ClientObservations.REQUESTS).that()
                .hasLowCardinalityKeyValue("provider", "test")
                .hasLowCardinalityKeyValue("operation", "items.get")
                .hasLowCardinalityKeyValue("method", "GET")
                .hasLowCardinalityKeyValue("status", "200")
                .hasLowCardinalityKeyValue("outcome", "SUCCESS")
                .hasLowCardinalityKeyValue("exception", "none")
                .hasLowCardinalityKeyValue("attempts", "1")
                .hasHighCardinalityKeyValueWithKey(ClientObservations.PERMIT_WAIT_MS)
                .hasBeenStarted().hasBeenStopped();
        Observation.Context call = named(ClientObservations.REQUESTS).get(0);
        Observation.Context permit = named(ClientObservations.PERMITS).get(0);
        assertThat(low(permit, "outcome")).isEqualTo("granted");
        assertThat(permit.getParentObservation().getContextView()).as("the permit wait is inside the call").isSameAs(call);
        assertThat(meters.get(ClientObservations.REQUESTS).tag("operation", "items.get").tag("status", "200").timer().count())
                .isEqualTo(1);
        assertThat(meters.get(ClientObservations.PERMITS).tag("provider", "test").tag("outcome", "granted").timer().count())
                .isEqualTo(1);
    }

    @Test
    void retriesAreChildrenOfTheCallWithTheirReasonAndA429IsCounted() {
        stub.enqueue("GET", "/data", StubResponse.status(503));
        stub.enqueue("GET", "/data", StubResponse.status(429).header("Retry-After", "0"));
        try (ApiClient client = client().build()) {
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectNext("data").verifyComplete();
        }
        Observation.Context call = named(ClientObservations.REQUESTS).get(0);
        assertThat(low(call, "attempts")).isEqualTo("3");
        assertThat(low(call, "status")).isEqualTo("200");
        List<Observation.Context> retries = named(ClientObservations.RETRIES);
        assertThat(retries).extracting(c -> low(c, "reason")).containsExactly("http_503", "http_429");
        assertThat(retries).allSatisfy(r -> assertThat(r.getParentObservation().getContextView()).isSameAs(call));
        assertThat(named(ClientObservations.PERMITS)).hasSize(3);
        assertThat(meters.get(ClientObservations.RETRIES).tag("reason", "http_503").timer().count()).isEqualTo(1);
        assertThat(meters.get(ClientObservations.REQUESTS + "." + ClientObservations.RATE_LIMITED_EVENT)
                .tag("provider", "test").counter().count()).isEqualTo(1);
    }

    @Test
    void aFinalFailureSetsStatusOutcomeAndExceptionAndTheStatusRemembersIt() {
        for (int i = 0; i < 3; i++) {
            stub.enqueue("GET", "/data", StubResponse.status(503));
        }
        try (ApiClient client = client().build()) {
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectError(ServerErrorException.class).verify(Duration.ofSeconds(10));
            assertThat(registry).hasObservationWithNameEqualTo(ClientObservations.REQUESTS).that()
                    .hasLowCardinalityKeyValue("status", "503")
                    .hasLowCardinalityKeyValue("outcome", "SERVER_ERROR")
                    .hasLowCardinalityKeyValue("exception", "ServerErrorException")
                    .hasLowCardinalityKeyValue("attempts", "3")
                    .assertThatError().isInstanceOf(ServerErrorException.class);
            ClientStatus status = client.status();
            assertThat(status.lastFailure()).hasValueSatisfying(f -> {
                assertThat(f.operation()).isEqualTo("data.get");
                assertThat(f.httpStatus()).isEqualTo(503);
                assertThat(f.severe()).isTrue();
            });
            assertThat(status.lastCallFailedHard()).isTrue();

            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectNext("data").verifyComplete();
            assertThat(client.status().lastSuccess()).isPresent();
            assertThat(client.status().lastCallFailedHard()).as("a success after the failure").isFalse();
        }
    }

    @Test
    void aFullQueueIsADeniedPermitAndACancelledWaiterACancelledCall() {
        try (ApiClient client = client().rateLimits(RateLimitSettings.of(RateLimit.of(1, Duration.ofMinutes(1))).maxQueue(1))
                .build()) {
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectNext("data").verifyComplete();
            CompletableFuture<String> waiting = client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class))
                    .toFuture();
            Fixtures.await(() -> client.rateLimiter().queued() == 1, "one waiter");
            assertThat(client.status().queued()).isEqualTo(1);
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectError(RateLimitedException.class).verify(Duration.ofSeconds(5));
            waiting.cancel(true);
            Fixtures.await(() -> client.rateLimiter().queued() == 0, "the cancelled waiter left the queue");
            assertThat(client.status().lastCallFailedHard()).as("a full queue says nothing about the provider").isFalse();
        }
        assertThat(named(ClientObservations.PERMITS)).extracting(c -> low(c, "outcome"))
                .containsExactlyInAnyOrder("granted", "denied", "cancelled");
        assertThat(named(ClientObservations.REQUESTS)).extracting(c -> low(c, "outcome"))
                .containsExactlyInAnyOrder("SUCCESS", "UNKNOWN", "CANCELLED");
        assertThat(meters.get(ClientObservations.PERMITS).tag("outcome", "denied").timer().count()).isEqualTo(1);
    }

    @Test
    void loginsAreObservedWithTheirReasonAndOutcome() {
        // a refresh skew longer than the lifetime: every token is due for refresh as soon as it arrives
        try (ApiClient client = client().authenticator(login).refreshSkew(Duration.ofMinutes(30)).build()) {
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectNext("data").verifyComplete();
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectNext("data").verifyComplete();
            assertThat(client.status().lastLogin()).isPresent();
            loginWorks.set(false);
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectError(AuthenticationException.class).verify(Duration.ofSeconds(5));
            assertThat(client.status().lastLoginFailed()).isTrue();
            assertThat(client.status().lastLoginFailure()).hasValueSatisfying(f -> assertThat(f.operation()).isEqualTo("auth.login"));
        }
        assertThat(named(ClientObservations.LOGINS)).extracting(c -> low(c, "reason") + "/" + low(c, "outcome"))
                .containsExactly("initial/success", "expiring/success", "expiring/failure");
        assertThat(meters.get(ClientObservations.LOGINS).tag("reason", "expiring").tag("outcome", "success").timer().count())
                .as("token refreshes ahead of expiry").isEqualTo(1);
        assertThat(logins).hasValue(3);
    }

    @Test
    void aStaticTokenIsNoLogin() {
        try (ApiClient client = client().authenticator(Authenticator.bearer(Secret.of("token", "static-token-1"))).build()) {
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class)))
                    .expectNext("data").verifyComplete();
            assertThat(client.status().lastLogin()).as("no login happened").isEmpty();
        }
        assertThat(named(ClientObservations.LOGINS)).isEmpty();
        assertThat(named(ClientObservations.REQUESTS)).hasSize(1);
    }

    @Test
    void theCallerObservationFromTheReactorContextIsTheParent() {
        Observation outer = Observation.start("caller", registry);
        try (ApiClient client = client().build()) {
            StepVerifier.create(client.exchange(ApiRequest.get("/data").operation("data.get").build(String.class))
                            .contextWrite(c -> c.put(dev.volga.transport.internal.CallContext.OBSERVATION_KEY, outer)))
                    .expectNext("data").verifyComplete();
        }
        outer.stop();
        assertThat(named(ClientObservations.REQUESTS).get(0).getParentObservation()).isSameAs(outer);
    }

    @Test
    void withoutARegistryNothingIsObservedButOutcomesAreRemembered() {
        ObservationRegistry empty = ObservationRegistry.create(); // no handler: a no-op too
        try (ApiClient client = Fixtures.client(stub).build(); ApiClient client2 = Fixtures.client(stub).observationRegistry(empty).build()) {
            StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class))).expectNext("data").verifyComplete();
            StepVerifier.create(client2.exchange(ApiRequest.get("/data").build(String.class))).expectNext("data").verifyComplete();
            assertThat(client.status().lastSuccess()).isPresent();
            assertThat(client.status().lastFailure()).isEmpty();
            assertThat(client2.status().lastSuccess()).isPresent();
        }
        assertThat(stopped).isEmpty();
    }

    /** Every key value and meter tag recorded while calls with ids, secret query parameters and tokens go out. */
    @Test
    void noSecretAndNoHighCardinalityValueInAnyKeyOrTag() {
        stub.enqueue("GET", "/items/*", StubResponse.status(503));
        stub.enqueue("GET", "/items/*", StubResponse.status(429).header("Retry-After", "0"));
        stub.enqueue("GET", "/items/*", StubResponse.status(404).body("no item 99 for " + TOKEN));
        try (ApiClient client = client().authenticator(login).build()) {
            for (int id = 1000; id < 1050; id++) {
                client.exchange(ApiRequest.get("/items/" + id).operation("items.get")
                                .query("filter", "name-" + id).query("sig", Secret.of("sig", "sig-SECRET-" + id))
                                .header("X-Trace", "trace-" + id).build(String.class))
                        .onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(10));
            }
            client.exchange(ApiRequest.post("/data").operation("data.create").body("{\"password\":\"pw-SECRET\"}").build(String.class))
                    .block(Duration.ofSeconds(10));
            // a request without an operation name must not leak its path either
            client.exchange(ApiRequest.get("/items/777777").build(String.class)).block(Duration.ofSeconds(10));
        }
        assertThat(stopped).isNotEmpty();
        Map<String, Set<String>> allowed = Map.of(
                "provider", Set.of("test"),
                "operation", Set.of("items.get", "data.create", "GET", "auth.login"),
                "method", Set.of("GET", "POST"),
                "status", Set.of("200", "404", "429", "503", "NONE"),
                "outcome", Set.of("SUCCESS", "CLIENT_ERROR", "SERVER_ERROR", "granted", "success"),
                "exception", Set.of("none", "NotFoundException", "ClientErrorException"),
                "attempts", Set.of("1", "2", "3"),
                "reason", Set.of("http_503", "http_429", "initial"),
                "error", Set.of("none", "NotFoundException", "ClientErrorException"));
        Pattern suspicious = Pattern.compile("(?i).*(secret|tok-|sig-|trace-|/|\\?|=|\\d{3,}[^\\d]|\\d{4,}).*");
        for (Observation.Context c : stopped) {
            for (KeyValue kv : c.getLowCardinalityKeyValues()) {
                assertThat(allowed).as("known low-cardinality key in %s", c.getName()).containsKey(kv.getKey());
                assertThat(allowed.get(kv.getKey())).as("%s=%s in %s", kv.getKey(), kv.getValue(), c.getName())
                        .contains(kv.getValue());
            }
            for (KeyValue kv : c.getHighCardinalityKeyValues()) {
                assertThat(kv.getKey()).isEqualTo(ClientObservations.PERMIT_WAIT_MS);
                assertThat(kv.getValue()).matches("\\d{1,6}");
            }
            assertThat(String.valueOf(c.getContextualName())).doesNotMatch(suspicious);
        }
        for (Meter meter : meters.getMeters()) {
            assertThat(meter.getId().getName()).startsWith("volga.client.");
            for (Tag tag : meter.getId().getTags()) {
                assertThat(allowed).containsKey(tag.getKey());
                assertThat(allowed.get(tag.getKey())).as("tag %s=%s on %s", tag.getKey(), tag.getValue(), meter.getId())
                        .contains(tag.getValue());
            }
        }
        long requestSeries = meters.getMeters().stream().filter(m -> m.getId().getName().equals(ClientObservations.REQUESTS)).count();
        assertThat(requestSeries).as("50 ids make no new series").isLessThan(10);
    }
}
