package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.TransportException;
import dev.volga.api.spi.TypeRef;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * Issue 21 item 6: a call's whole deadline. The client's {@code callTimeout} bounds the permit
 * wait, {@link Volga#callTimeout} overrides it for one call and bounds retries with their backoff
 * (both on virtual time), and a listing whose server drips its body within the response timeout
 * ends at the {@code listingCallTimeout} (a raw socket server, real time).
 */
@ExtendWith(NoLeaks.class)
class CallTimeoutTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private StubServer stub;

    @BeforeEach
    void start() {
        stub = StubServer.start();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void theClientsCallTimeoutBoundsTheWaitForAPermitAndGivesTheSlotBack() throws Exception {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        try (ApiClient client = Fixtures.client(stub).scheduler(time)
                .rateLimits(RateLimitSettings.of(RateLimit.of(1, Duration.ofHours(1))))
                .callTimeout(Duration.ofSeconds(5)).build()) {
            stub.route("GET", "/data", req -> StubResponse.ok("x"));
            assertThat(client.exchange(ApiRequest.get("/data").build(String.class)).block(WAIT)).isEqualTo("x");

            CompletableFuture<String> second = client.exchange(ApiRequest.get("/data").build(String.class)).toFuture();
            Fixtures.await(() -> client.rateLimiter().queued() == 1, "the second call waits for a permit");
            time.advanceTimeBy(Duration.ofMillis(4999));
            assertThat(second).isNotDone();
            time.advanceTimeBy(Duration.ofMillis(1));

            assertThat(second).isCompletedExceptionally();
            TransportException e = failure(second);
            assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT);
            assertThat(e.requestSent()).isFalse();
            assertThat(e.getMessage()).contains("call timeout").contains("PT5S").doesNotContain("no complete response");
            assertThat(client.rateLimiter().queued()).as("the timed-out waiter left the queue").isZero();
            assertThat(stub.requestCount()).isEqualTo(1);
        }
    }

    @Test
    void aPerCallOverrideInTheContextBoundsRetriesAndTheirBackoff() throws Exception {
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        Backoffs clock = new Backoffs(time, Duration.ofSeconds(10));
        stub.route("GET", "/busy", req -> StubResponse.status(503).body("busy"));
        RetrySettings patient = new RetrySettings(10, Duration.ofSeconds(10), Duration.ofSeconds(10), 0);
        try (ApiClient client = Fixtures.client(stub).scheduler(clock).retry(patient).build()) {
            CompletableFuture<String> call = client.exchange(ApiRequest.get("/busy").build(String.class))
                    .contextWrite(Volga.callTimeout(Duration.ofSeconds(15)))
                    .toFuture();
            Fixtures.await(() -> clock.backoffs.get() == 1, "the first attempt failed and its backoff began");
            time.advanceTimeBy(Duration.ofSeconds(10));
            Fixtures.await(() -> clock.backoffs.get() == 2, "the second attempt failed and its backoff began");
            assertThat(call).isNotDone();
            time.advanceTimeBy(Duration.ofMillis(4999));
            assertThat(call).isNotDone();
            time.advanceTimeBy(Duration.ofMillis(1));

            Fixtures.await(call::isDone, "the call ended at its deadline");
            TransportException e = failure(call);
            assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT);
            assertThat(e.requestSent()).isTrue();
            assertThat(e.getMessage()).contains("call timeout").contains("PT15S");
            assertThat(stub.requestCount()).as("attempts within 15 s of 10 s backoffs").isEqualTo(2);
        }
    }

    @Test
    void aDrippingListingEndsAtTheListingCallTimeout() {
        int lines = 300 * 1024 / 5; // "item\n": 300 KiB of valid elements
        AtomicInteger drips = new AtomicInteger();
        RawServer.Answer drip = (n, out) -> {
            chunkedLines(out, lines);
            // then one byte every 100 ms (well within the 1 s response timeout), for 10 s at most
            for (int i = 0; i < 100; i++) {
                RawServer.pause(Duration.ofMillis(100));
                out.write("1\r\nx\r\n".getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                drips.incrementAndGet();
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        };
        try (RawServer server = RawServer.start(drip);
             ApiClient client = ApiClient.builder("test").baseUrl(server.baseUrl()).codec(new MalformedResponseTest.Lines())
                     .responseTimeout(Duration.ofSeconds(1)).listingCallTimeout(Duration.ofMillis(1500)).build()) {
            listingTimesOut(server, client, lines, Duration.ofSeconds(30),
                    message -> assertThat(message).contains("call timeout").contains("PT1.5S"));
            assertThat(drips.get()).as("the drip was cut off long before its end").isLessThan(100);
        }
    }

    /** Writes a chunked {@code text/plain} head and one chunk of {@code lines} lines of {@code item}, flushed. */
    private static void chunkedLines(java.io.OutputStream out, int lines) throws java.io.IOException {
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        byte[] body = "item\n".repeat(lines).getBytes(StandardCharsets.ISO_8859_1);
        out.write((Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /**
     * Runs the {@code /lines} listing to its end, a {@code TIMEOUT} whose message {@code says} what
     * timed out: the elements before it were passed on, and the listing was sent once (never
     * retried after an element).
     */
    private static void listingTimesOut(RawServer server, ApiClient client, int elements, Duration wait,
                                        java.util.function.Consumer<String> says) {
        AtomicInteger received = new AtomicInteger();
        assertThatThrownBy(() -> client.exchangeMany(ApiRequest.get("/lines").buildList(TypeRef.of(String.class)))
                .doOnNext(v -> received.incrementAndGet()).blockLast(wait))
                .isInstanceOfSatisfying(TransportException.class, e -> {
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.TIMEOUT);
                    says.accept(e.getMessage());
                });
        assertThat(received.get()).as("the elements before the timeout were passed on").isEqualTo(elements);
        assertThat(server.requests()).as("an element was emitted: never retried").isEqualTo(1);
    }

    @Test
    void aLongListingWhoseBodyStopsForLongerThanTheResponseTimeoutEndsWithATimeout() {
        int lines = 300 * 1024 / 5; // past the 256 KiB held back: the elements are passed on, then the body stops
        RawServer.Answer stall = (n, out) -> {
            chunkedLines(out, lines);
            RawServer.pause(Duration.ofSeconds(20)); // far past the response timeout, well within the listing's
        };
        try (RawServer server = RawServer.start(stall);
             ApiClient client = ApiClient.builder("test").baseUrl(server.baseUrl()).codec(new MalformedResponseTest.Lines())
                     .responseTimeout(Duration.ofMillis(500)).listingCallTimeout(Duration.ofSeconds(60)).build()) {
            listingTimesOut(server, client, lines, Duration.ofSeconds(15),
                    message -> assertThat(message).contains("no response data for PT0.5S").doesNotContain("call timeout"));
        }
    }

    @Test
    void aLongListingsReadTimeoutEndsWithItsResponseAndSparesTheIdleConnection() throws InterruptedException {
        int lines = 300 * 1024 / 5;
        byte[] body = "item\n".repeat(lines).getBytes(StandardCharsets.ISO_8859_1);
        RawServer.Answer whole = (n, out) -> {
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
        };
        try (RawServer server = RawServer.start(whole, true);
             ApiClient client = ApiClient.builder("test").baseUrl(server.baseUrl()).codec(new MalformedResponseTest.Lines())
                     .responseTimeout(Duration.ofMillis(300)).build()) {
            ApiRequest<List<String>> listing = ApiRequest.get("/lines").buildList(TypeRef.of(String.class));
            assertThat(client.exchangeMany(listing).count().block(WAIT)).isEqualTo(lines);
            int requests = server.requests();
            int connections = server.connections();
            // idle in the pool for longer than the response timeout: a read timeout left behind would close it
            Thread.sleep(800);
            assertThat(client.exchangeMany(listing).count().block(WAIT)).isEqualTo(lines);
            assertThat(server.requests()).as("one request, not retried").isEqualTo(requests + 1);
            assertThat(server.connections()).as("the second listing reused the idle connection").isEqualTo(connections);
        }
    }

    @Test
    void aNonPositiveCallTimeoutIsRefusedNamingIt() {
        assertThatThrownBy(() -> Fixtures.client(stub).callTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> Fixtures.client(stub).listingCallTimeout(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("listingCallTimeout");
        assertThatThrownBy(() -> Volga.callTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThat(ClientBuilder.DEFAULT_LISTING_CALL_TIMEOUT).isGreaterThan(ClientBuilder.DEFAULT_CALL_TIMEOUT);
    }

    /** The test's clock: virtual time, counting the timers of one length (the backoffs). */
    private static final class Backoffs implements reactor.core.scheduler.Scheduler {
        final VirtualTimeScheduler time;
        final long backoffNanos;
        final AtomicInteger backoffs = new AtomicInteger();

        Backoffs(VirtualTimeScheduler time, Duration backoff) {
            this.time = time;
            this.backoffNanos = backoff.toNanos();
        }

        @Override
        public reactor.core.Disposable schedule(Runnable task) {
            return time.schedule(task);
        }

        @Override
        public reactor.core.Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            if (unit.toNanos(delay) == backoffNanos) {
                backoffs.incrementAndGet();
            }
            return time.schedule(task, delay, unit);
        }

        @Override
        public long now(TimeUnit unit) {
            return time.now(unit);
        }

        @Override
        public Worker createWorker() {
            return time.createWorker();
        }
    }

    private static TransportException failure(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(0, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(TransportException.class);
            return (TransportException) e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("not done", e);
        }
        throw new AssertionError("no failure");
    }
}
