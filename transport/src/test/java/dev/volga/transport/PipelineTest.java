package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;

import dev.volga.api.RateLimitedException;
import dev.volga.api.RetrySettings;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.testkit.Fault;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** The pipeline against a real loopback stub: retries, server pauses, bodies, size cap. */
@ExtendWith(NoLeaks.class)
class PipelineTest {

    private StubServer stub;
    private ApiClient client;

    @BeforeEach
    void start() {
        stub = StubServer.start();
        stub.route("*", "/data", req -> StubResponse.ok("data"));
        stub.route("*", "/echo", req -> StubResponse.ok(req.method() + ":" + req.bodyText()));
        client = Fixtures.client(stub).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void nettyLeakDetectionIsParanoidAndOurs() {
        assertThat(io.netty.util.ResourceLeakDetector.getLevel()).isEqualTo(io.netty.util.ResourceLeakDetector.Level.PARANOID);
        assertThat(dev.volga.testkit.LeakDetection.isActive()).as("leaks are recorded and fail the test class").isTrue();
    }

    @Test
    void postIsNotRetriedOnA503() {
        stub.enqueue("POST", "/data", StubResponse.status(503).body("busy"));

        StepVerifier.create(client.exchange(ApiRequest.post("/data").body("x").build(String.class)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(ServerErrorException.class)
                        .extracting(x -> ((ServerErrorException) x).httpStatus()).isEqualTo(503))
                .verify(Duration.ofSeconds(10));
        assertThat(stub.requests("POST", "/data")).hasSize(1);
    }

    @Test
    void getIsRetriedOn503WithinTheCap() {
        stub.enqueue("GET", "/data", StubResponse.status(503));
        stub.enqueue("GET", "/data", StubResponse.status(502));
        StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class)))
                .expectNext("data").verifyComplete();
        assertThat(stub.requests("GET", "/data")).hasSize(3);

        stub.reset();
        for (int i = 0; i < 5; i++) {
            stub.enqueue("GET", "/data", StubResponse.status(503));
        }
        StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class)))
                .expectError(ServerErrorException.class).verify(Duration.ofSeconds(10));
        assertThat(stub.requests("GET", "/data")).as("maxAttempts of the default retry settings")
                .hasSize(RetrySettings.defaults().maxAttempts());
    }

    @Test
    void a500IsNotRetriedEvenForGet() {
        stub.enqueue("GET", "/data", StubResponse.status(500));
        StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class)))
                .expectError(ServerErrorException.class).verify(Duration.ofSeconds(10));
        assertThat(stub.requests("GET", "/data")).hasSize(1);
    }

    @Test
    void aDroppedConnectionIsRetriedForGetButNeverForAWrittenPost() {
        stub.enqueue("GET", "/data", StubResponse.status(200).fault(Fault.DROP_AFTER_READ));
        StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class)))
                .expectNext("data").verifyComplete();
        assertThat(stub.requests("GET", "/data")).hasSize(2);

        stub.enqueue("POST", "/data", StubResponse.status(200).fault(Fault.DROP_AFTER_READ));
        StepVerifier.create(client.exchange(ApiRequest.post("/data").body("once").build(String.class)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(TransportException.class);
                    TransportException t = (TransportException) e;
                    assertThat(t.kind()).isEqualTo(TransportException.Kind.CONNECTION_CLOSED);
                    assertThat(t.requestSent()).isTrue();
                })
                .verify(Duration.ofSeconds(10));
        assertThat(stub.requests("POST", "/data")).as("a written POST is never sent twice").hasSize(1);
    }

    @Test
    void aServer429CarriesRetryAfterEvenWhenTheCodecDidNotReadIt() {
        ApiClient once = Fixtures.client(stub).retry(RetrySettings.none()).build();
        try {
            stub.enqueue("GET", "/data", StubResponse.status(429).header("Retry-After", "7"));
            StepVerifier.create(once.exchange(ApiRequest.get("/data").build(String.class)))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(RateLimitedException.class);
                        assertThat(((RateLimitedException) e).retryAfter()).contains(Duration.ofSeconds(7));
                    })
                    .verify(Duration.ofSeconds(10));
        } finally {
            once.close();
        }
    }

    @Test
    void anyMethodIsRetriedOn429() {
        stub.enqueue("POST", "/data", StubResponse.status(429).header("Retry-After", "0"));
        StepVerifier.create(client.exchange(ApiRequest.post("/data").body("x").build(String.class)))
                .expectNext("data").verifyComplete();
        assertThat(stub.requests("POST", "/data")).hasSize(2);
    }

    @Test
    void aRefusedConnectionIsATransportErrorThatSaysNothingWasSent() throws java.io.IOException {
        int port;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free now, and nobody listens once the probe is closed
        }
        ApiClient dead = ApiClient.builder("test").baseUrl("http://127.0.0.1:" + port).codec(new TextCodec())
                .retry(RetrySettings.none()).build();
        try {
            StepVerifier.create(dead.exchange(ApiRequest.post("/data").body("x").build(String.class)))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(TransportException.class);
                        assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.CONNECT);
                        assertThat(((TransportException) e).requestSent()).isFalse();
                    })
                    .verify(Duration.ofSeconds(20));
        } finally {
            dead.close();
        }
    }

    @Test
    void a429WithRetryAfterHoldsEveryRequestOfTheKeyForTwoSeconds() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        ApiClient timed = Fixtures.client(stub).scheduler(time).build();
        try {
            stub.enqueue("GET", "/data", StubResponse.status(429).header("Retry-After", "2"));

            CompletableFuture<String> first = timed.exchange(ApiRequest.get("/data").build(String.class)).toFuture();
            Fixtures.await(() -> stub.requestCount() == 1, "the first request reached the stub");
            sleep(300); // let the client read the 429 (nothing observable changes: it only pauses)
            CompletableFuture<String> second = timed.exchange(ApiRequest.get("/echo").build(String.class)).toFuture();
            Fixtures.await(() -> timed.rateLimiter().queued() == 1, "the second request waits for the pause");

            time.advanceTimeBy(Duration.ofMillis(1999));
            sleep(200);
            assertThat(stub.requestCount()).as("nothing leaves before Retry-After").isEqualTo(1);
            assertThat(first).isNotDone();
            assertThat(second).isNotDone();

            time.advanceTimeBy(Duration.ofMillis(1));
            assertThat(first.join()).isEqualTo("data");
            assertThat(second.join()).isEqualTo("GET:");
            assertThat(stub.journal()).extracting(RecordedRequest::path).containsExactlyInAnyOrder("/data", "/data", "/echo");
        } finally {
            timed.close();
            time.dispose();
        }
    }

    @Test
    void getAndDeleteAreSentWithTheirBody() {
        StepVerifier.create(client.exchange(ApiRequest.get("/echo").body("filter=1").build(String.class)))
                .expectNext("GET:filter=1").verifyComplete();
        StepVerifier.create(client.exchange(ApiRequest.delete("/echo").body("{\"id\":7}").build(String.class)))
                .expectNext("DELETE:{\"id\":7}").verifyComplete();
        assertThat(stub.journal()).extracting(RecordedRequest::bodyText).containsExactly("filter=1", "{\"id\":7}");
        assertThat(stub.journal().get(0).header("Content-Type")).contains("text/plain; charset=UTF-8");
        assertThat(stub.journal()).allSatisfy(r -> {
            assertThat(r.header("User-Agent")).hasValueSatisfying(ua -> assertThat(ua).startsWith("volga/"));
            assertThat(r.headers().get("Accept")).as("the codec's Accept replaces the default */*").containsExactly("text/plain");
        });
    }

    @Test
    void aResponseBeyondTheTimeoutIsATimeoutRetriedOnlyWhenIdempotent() {
        Transport quick = Transport.builder().responseTimeout(Duration.ofMillis(300)).build();
        ApiClient impatient = Fixtures.client(stub).transport(quick).build();
        try {
            stub.route("*", "/slow", req -> StubResponse.ok("late").delay(Duration.ofSeconds(3)));
            StepVerifier.create(impatient.exchange(ApiRequest.get("/slow").build(String.class)))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(TransportException.class);
                        assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.TIMEOUT);
                        assertThat(e.getMessage()).contains("GET").contains("/slow");
                    })
                    .verify(Duration.ofSeconds(20));
            assertThat(stub.requests("GET", "/slow")).hasSize(RetrySettings.defaults().maxAttempts());
            StepVerifier.create(impatient.exchange(ApiRequest.post("/slow").body("x").build(String.class)))
                    .expectError(TransportException.class)
                    .verify(Duration.ofSeconds(20));
            assertThat(stub.requests("POST", "/slow")).as("a POST that may have been processed is not repeated").hasSize(1);
        } finally {
            impatient.close();
            quick.close();
        }
    }

    @Test
    void aResponseLargerThanTheCapFailsClearlyAndReleasesTheConnection() {
        ConnectionProvider oneConnection = ConnectionProvider.builder("one").maxConnections(1)
                .pendingAcquireTimeout(Duration.ofSeconds(5)).build();
        Transport small = Transport.builder().maxResponseSize(1024).connectionProvider(oneConnection).build();
        ApiClient capped = Fixtures.client(stub).transport(small).build();
        try {
            stub.route("GET", "/big", req -> StubResponse.ok("x".repeat(4096)));
            stub.route("GET", "/big-chunked", req -> StubResponse.ok("y".repeat(4096)).slowBody(512, Duration.ofMillis(1)));
            for (String path : new String[] {"/big", "/big-chunked"}) {
                StepVerifier.create(capped.exchange(ApiRequest.get(path).build(String.class)))
                        .expectErrorSatisfies(e -> {
                            assertThat(e).isInstanceOf(TransportException.class);
                            assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.RESPONSE_TOO_LARGE);
                            assertThat(e.getMessage()).contains("too large").contains("1024");
                        })
                        .verify(Duration.ofSeconds(10));
                // the pool has one connection: this succeeds only if the failed exchange gave it back
                StepVerifier.create(capped.exchange(ApiRequest.get("/data").build(String.class)))
                        .expectNext("data").verifyComplete();
            }
            assertThat(stub.requests("GET", "/big")).as("too large is never retried").hasSize(1);
        } finally {
            capped.close();
            small.close();
            oneConnection.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void aRequestCanRaiseTheCapForItselfOnly() {
        Transport small = Transport.builder().maxResponseSize(1024).build();
        ApiClient capped = Fixtures.client(stub).transport(small).build();
        try {
            stub.route("GET", "/big", req -> StubResponse.ok("x".repeat(4096)));
            StepVerifier.create(capped.exchange(ApiRequest.get("/big").maxResponseSize(8192).build(String.class)))
                    .assertNext(s -> assertThat(s).hasSize(4096)).verifyComplete();
            StepVerifier.create(capped.exchange(ApiRequest.get("/big").build(String.class)))
                    .expectError(TransportException.class).verify(Duration.ofSeconds(10));
        } finally {
            capped.close();
            small.close();
        }
    }

    @Test
    void aStreamingBodyIsSentChunkByChunkWithItsLengthAndAFreshSourcePerAttempt() {
        java.util.concurrent.atomic.AtomicInteger sources = new java.util.concurrent.atomic.AtomicInteger();
        byte[] chunk = "0123456789".repeat(100).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        dev.volga.api.spi.StreamingBody body = new dev.volga.api.spi.StreamingBody("application/octet-stream", 50L * chunk.length,
                () -> {
                    sources.incrementAndGet();
                    return reactor.adapter.JdkFlowAdapter.publisherToFlowPublisher(
                            reactor.core.publisher.Flux.range(0, 50).map(i -> java.nio.ByteBuffer.wrap(chunk)));
                });
        stub.enqueue("PUT", "/echo", StubResponse.status(503));
        StepVerifier.create(client.exchange(ApiRequest.put("/echo").body(body).build(String.class)))
                .assertNext(s -> assertThat(s).hasSize("PUT:".length() + 50 * chunk.length)).verifyComplete();
        assertThat(sources.get()).as("the 503 attempt and the retry each got their own source").isEqualTo(2);
        assertThat(stub.requests("PUT", "/echo")).allSatisfy(r -> {
            assertThat(r.body()).hasSize(50 * chunk.length);
            assertThat(r.header("Content-Length")).contains(Integer.toString(50 * chunk.length));
        });
    }

    @Test
    void clientsSharingATransportDoNotCloseIt() {
        Transport shared = Transport.create();
        ApiClient a = Fixtures.client(stub).transport(shared).build();
        ApiClient b = Fixtures.client(stub).transport(shared).build();
        a.close();
        StepVerifier.create(b.exchange(ApiRequest.get("/data").build(String.class))).expectNext("data").verifyComplete();
        b.close();
        shared.close();
    }

    @Test
    void closingATransportLeavesAGivenPoolOpenAndClosesItsOwn() {
        ConnectionProvider given = ConnectionProvider.create("given", 4);
        Transport borrowing = Transport.builder().connectionProvider(given).build();
        ApiClient a = Fixtures.client(stub).transport(borrowing).build();
        StepVerifier.create(a.exchange(ApiRequest.get("/data").build(String.class))).expectNext("data").verifyComplete();
        a.close();
        borrowing.close();
        assertThat(given.isDisposed()).as("a pool given to the transport belongs to the caller").isFalse();
        Transport second = Transport.builder().connectionProvider(given).build();
        ApiClient b = Fixtures.client(stub).transport(second).build();
        StepVerifier.create(b.exchange(ApiRequest.get("/data").build(String.class))).expectNext("data").verifyComplete();
        b.close();
        given.disposeLater().block(Duration.ofSeconds(5));

        Transport owning = Transport.create();
        owning.close();
        ApiClient c = Fixtures.client(stub).transport(owning).retry(RetrySettings.none()).build();
        StepVerifier.create(c.exchange(ApiRequest.get("/data").build(String.class)))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed"))
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aServerErrorKeepsTheRequestIdAndShowsAnExcerpt() {
        stub.enqueue("GET", "/data", StubResponse.status(400).header("X-Request-Id", "req-42").body("bad filter"));
        StepVerifier.create(client.exchange(ApiRequest.get("/data").build(String.class)))
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(dev.volga.api.ClientErrorException.class);
                    assertThat(((dev.volga.api.ApiException) e).requestId()).contains("req-42");
                    assertThat(e.getMessage()).contains("bad filter").contains("400");
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aFullLimiterQueueIsRefusedAtOnceWithoutIo() {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        ApiClient limited = Fixtures.client(stub).scheduler(time)
                .rateLimits(dev.volga.api.RateLimitSettings.of(dev.volga.api.RateLimit.of(1, Duration.ofMinutes(1))).maxQueue(1))
                .build();
        try {
            StepVerifier.create(limited.exchange(ApiRequest.get("/data").build(String.class))).expectNext("data").verifyComplete();
            CompletableFuture<String> waiting = limited.exchange(ApiRequest.get("/data").build(String.class)).toFuture();
            StepVerifier.create(limited.exchange(ApiRequest.get("/data").build(String.class)))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(RateLimitedException.class);
                        assertThat(((RateLimitedException) e).source()).isEqualTo(RateLimitedException.Source.CLIENT_QUEUE_FULL);
                    })
                    .verify(Duration.ofSeconds(5));
            assertThat(stub.requestCount()).isEqualTo(1);
            waiting.cancel(true);
            Fixtures.await(() -> limited.rateLimiter().queued() == 0, "the cancelled waiter left the queue");
        } finally {
            limited.close();
            time.dispose();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
