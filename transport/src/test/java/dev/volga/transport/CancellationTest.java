package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.TypeRef;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cancelling a call gives back what it held: the pooled connection of a request in flight and the
 * place in the limiter's queue of a request still waiting for its permit. The pool has ONE connection,
 * so the call after a cancelled one succeeds only if the connection came back.
 */
@ExtendWith(NoLeaks.class)
class CancellationTest {

    /** Lines of a text body as a list, so that {@code exchangeMany} has something to stream. */
    private static final TypeRef<List<String>> LINES = new TypeRef<>() { };

    private StubServer stub;
    private ConnectionProvider oneConnection;
    private Transport transport;

    @BeforeEach
    void start() {
        stub = StubServer.start();
        stub.route("GET", "/data", req -> StubResponse.ok("data"));
        stub.route("GET", "/slow", req -> StubResponse.ok("late").delay(Duration.ofSeconds(30)));
        stub.route("GET", "/slow-list", req -> StubResponse.ok("item\n".repeat(50_000)).slowBody(1024, Duration.ofMillis(20)));
        stub.route("GET", "/big-list", req -> StubResponse.ok("item\n".repeat(100_000)));
        oneConnection = ConnectionProvider.builder("one").maxConnections(1)
                .pendingAcquireTimeout(Duration.ofSeconds(5)).build();
        transport = Transport.builder().connectionProvider(oneConnection).build();
    }

    @AfterEach
    void stop() {
        transport.close();
        oneConnection.disposeLater().block(Duration.ofSeconds(5));
        stub.close();
    }

    @Test
    void cancellingAMonoInFlightReleasesTheConnection() {
        ApiClient client = Fixtures.client(stub).transport(transport).retry(RetrySettings.none()).build();
        try {
            for (int round = 0; round < 3; round++) {
                int before = stub.requests("GET", "/slow").size();
                Disposable call = client.exchange(ApiRequest.get("/slow").build(String.class)).subscribe();
                Fixtures.await(() -> stub.requests("GET", "/slow").size() == before + 1, "the slow request reached the stub");
                call.dispose();
                // one connection: this only succeeds if the cancelled exchange gave it back
                StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class)))
                        .expectNext("data").expectComplete().verify(Duration.ofSeconds(10));
            }
        } finally {
            client.close();
        }
    }

    @Test
    void cancellingAFluxWhileTheListArrivesReleasesTheConnection() {
        ApiClient client = Fixtures.client(stub).transport(transport).codec(new LinesCodec())
                .retry(RetrySettings.none()).build();
        try {
            Disposable listing = client.exchangeMany(ApiRequest.get("/slow-list").build(LINES)).subscribe();
            Fixtures.await(() -> stub.requests("GET", "/slow-list").size() == 1, "the listing reached the stub");
            listing.dispose();
            StepVerifier.create(client.exchange(ApiRequest.get("/data").build(LINES)))
                    .expectNext(List.of("data")).expectComplete().verify(Duration.ofSeconds(10));
        } finally {
            client.close();
        }
    }

    @Test
    void cancellingAFluxMidListingStopsTheStreamAndReleasesTheConnection() {
        ApiClient client = Fixtures.client(stub).transport(transport).codec(new LinesCodec())
                .retry(RetrySettings.none()).build();
        try {
            AtomicInteger seen = new AtomicInteger();
            StepVerifier.create(client.exchangeMany(ApiRequest.get("/big-list").build(LINES))
                            .doOnNext(x -> seen.incrementAndGet()), 10)
                    .expectNextCount(10)
                    .thenCancel()
                    .verify(Duration.ofSeconds(10));
            assertThat(seen.get()).as("no element after the cancel was requested").isEqualTo(10);
            StepVerifier.create(client.exchange(ApiRequest.get("/data").build(LINES)))
                    .expectNext(List.of("data")).expectComplete().verify(Duration.ofSeconds(10));
            StepVerifier.create(client.exchangeMany(ApiRequest.get("/big-list").build(LINES)).count())
                    .expectNext(100_000L).expectComplete().verify(Duration.ofSeconds(10));
        } finally {
            client.close();
        }
    }

    @Test
    void cancellingACallWaitingInTheLimiterLeavesTheQueueAndTheNextWaiterGoes() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        RateLimit perMinute = RateLimit.of(1, Duration.ofMinutes(1));
        ApiClient limited = Fixtures.client(stub).transport(transport).scheduler(time).retry(RetrySettings.none())
                .rateLimits(RateLimitSettings.of(perMinute).maxQueue(2))
                .build();
        try {
            StepVerifier.create(limited.exchange(ApiRequest.get("/data").build(String.class)))
                    .expectNext("data").expectComplete().verify(Duration.ofSeconds(10));
            CompletableFuture<String> cancelled = limited.exchange(ApiRequest.get("/data").build(String.class)).toFuture();
            CompletableFuture<String> next = limited.exchange(ApiRequest.get("/data").build(String.class)).toFuture();
            Fixtures.await(() -> limited.rateLimiter().queued() == 2, "both wait for a permit");

            cancelled.cancel(true);
            Fixtures.await(() -> limited.rateLimiter().queued() == 1, "the cancelled waiter left the queue");

            time.advanceTimeBy(perMinute.window()); // a minute and its margin
            assertThat(next.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join())
                    .as("the permit the cancelled call would have had goes to the next waiter").isEqualTo("data");
            assertThat(limited.rateLimiter().queued()).isZero();
            assertThat(stub.requests("GET", "/data")).as("the cancelled call never left").hasSize(2);

            // and a cancelled waiter took no permit: the next minute's token is still there
            time.advanceTimeBy(perMinute.window()); // a minute and its margin
            StepVerifier.create(limited.exchange(ApiRequest.get("/data").build(String.class)))
                    .expectNext("data").expectComplete().verify(Duration.ofSeconds(10));
        } finally {
            limited.close();
            time.dispose();
        }
    }

    @Test
    void cancellingAfterThePermitReleasesTheConnectionToo() {
        // a fast real-time limit (one token a millisecond): the call holds a permit, then the connection
        ApiClient limited = Fixtures.client(stub).transport(transport).retry(RetrySettings.none())
                .rateLimits(RateLimitSettings.of(RateLimit.of(1000, Duration.ofSeconds(1))))
                .build();
        try {
            Disposable call = limited.exchange(ApiRequest.get("/slow").build(String.class)).subscribe();
            Fixtures.await(() -> stub.requests("GET", "/slow").size() == 1, "the slow request reached the stub");
            call.dispose();
            assertThat(limited.rateLimiter().queued()).isZero();
            StepVerifier.create(limited.exchange(ApiRequest.get("/data").build(String.class)))
                    .expectNext("data").expectComplete().verify(Duration.ofSeconds(10));
        } finally {
            limited.close();
        }
    }

    /** Text bodies as a list of lines. */
    private static final class LinesCodec extends TextCodec {
        @Override
        @SuppressWarnings("unchecked")
        public <T> T decode(ApiResponse response, TypeRef<T> type) {
            String text = super.decode(response, TypeRef.of(String.class));
            return (T) Arrays.asList(text.split("\n"));
        }
    }
}
