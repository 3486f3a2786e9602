package dev.volga.nodul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.volga.api.ClientErrorException;
import dev.volga.api.DecodingException;
import dev.volga.api.RetrySettings;
import dev.volga.api.TransportException;
import dev.volga.nodul.model.Plan;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.nodul.NodulStub;
import dev.volga.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.BaseSubscriber;
import reactor.netty.resources.ConnectionProvider;
import reactor.test.StepVerifier;

/**
 * Listings are streamed: {@code plans().list()} reads the envelope element by element as the body
 * arrives, so a listing larger than the response cap (8 MiB) or than memory goes through, the
 * socket is read only as fast as the subscriber asks, and a listing is never retried once it has
 * emitted. One connection in the pool: after each test it must be free again (cancelled or broken
 * listings close theirs); the paranoid leak detector watches the buffers.
 */
@ExtendWith(NoLeaks.class)
class StreamingListTest {

    private static final String TOKEN = "SECRET-nodul-stream-41ab";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private NodulStub stub;
    private ConnectionProvider pool;
    private Transport transport;
    private NodulClient client;

    @BeforeEach
    void start() {
        stub = NodulStub.start(TOKEN);
        pool = ConnectionProvider.builder("nodul-stream").maxConnections(1).pendingAcquireTimeout(Duration.ofSeconds(5)).build();
        transport = Transport.builder().connectionProvider(pool).responseTimeout(Duration.ofSeconds(5)).build();
        client = NodulClient.builder().baseUrl(stub.baseUrl()).token(TOKEN).transport(transport)
                .retry(RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5))).build();
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

    @Test
    void aListingFarLargerThanTheResponseCapStreamsThroughInOrder() {
        AtomicLong produced = new AtomicLong();
        stub.server().enqueue(NodulStub.planListing(120_000, produced));
        long[] seen = {0};

        Long count = client.plans().list()
                .doOnNext(p -> assertThat(p.id()).isEqualTo("g" + seen[0]++))
                .count().block(WAIT);

        assertThat(count).isEqualTo(120_000);
        assertThat(produced.get()).isGreaterThan(2L * Transport.DEFAULT_MAX_RESPONSE_SIZE);
        stub.verify().exactlyOne("GET", "/plans");
    }

    @Test
    void theSocketIsReadOnlyAsFastAsTheSubscriberAsks() throws InterruptedException {
        AtomicLong produced = new AtomicLong();
        stub.server().enqueue(NodulStub.planListing(10_000_000, produced)); // ~2.2 GB if it were all sent
        List<Plan> received = java.util.Collections.synchronizedList(new ArrayList<>());
        BaseSubscriber<Plan> slow = new BaseSubscriber<>() {
            @Override
            protected void hookOnSubscribe(org.reactivestreams.Subscription subscription) {
                request(5);
            }

            @Override
            protected void hookOnNext(Plan plan) {
                received.add(plan);
            }
        };
        client.plans().list().subscribe(slow);

        long stable = waitUntilStable(produced);
        assertThat(received).extracting(Plan::id).containsExactly("g0", "g1", "g2", "g3", "g4");
        // what the socket buffers, Netty's pending writes and one held-back piece can take: megabytes, not gigabytes
        assertThat(stable).isLessThan(64L * 1024 * 1024);

        slow.request(1000);
        for (int i = 0; i < 100 && received.size() < 1005; i++) {
            Thread.sleep(100);
        }
        slow.cancel();
        assertThat(received).hasSize(1005);
        assertThat(received.get(1004).id()).isEqualTo("g1004");
    }

    @Test
    void aListingBrokenOffAfterItsFirstElementsEndsWithAnErrorAndIsNotRepeated() {
        // a generator that dies after ~1 MiB: the stub's connection closes mid-body
        stub.server().enqueue(StubResponse.status(200).header("Content-Type", "application/json").streamedBody(() -> new Iterator<>() {
            private long bytes;
            private int next = -1;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public byte[] next() {
                if (bytes > 1024 * 1024) {
                    throw new IllegalStateException("generator broke");
                }
                StringBuilder sb = new StringBuilder();
                if (next < 0) {
                    sb.append("{\"success\":true,\"data\":{\"plans\":[");
                    next = 0;
                }
                for (int end = next + 64; next < end; next++) {
                    sb.append(next == 0 ? "" : ",").append(plan("g" + next));
                }
                byte[] piece = sb.toString().getBytes(StandardCharsets.UTF_8);
                bytes += piece.length;
                return piece;
            }
        }));
        List<Plan> received = new ArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();

        client.plans().list().doOnNext(received::add).doOnError(error::set).onErrorComplete().blockLast(WAIT);

        assertThat(error.get()).isInstanceOf(TransportException.class);
        assertThat(((TransportException) error.get()).kind()).isEqualTo(TransportException.Kind.CONNECTION_CLOSED);
        assertThat(received).isNotEmpty();
        for (int i = 0; i < received.size(); i++) {
            assertThat(received.get(i).id()).isEqualTo("g" + i); // in order, none twice
        }
        stub.verify().exactlyOne("GET", "/plans");
    }

    @Test
    void aShortBodyThatStopsInsideTheListIsADecodingErrorWithNothingEmitted() {
        stub.server().enqueue(chunked("{\"success\":true,\"request_id\":\"R7\",\"data\":{\"plans\":[",
                plan("a") + ",", plan("b")));

        List<Plan> received = new ArrayList<>();
        assertThatThrownBy(() -> client.plans().list().doOnNext(received::add).blockLast(WAIT))
                .isInstanceOf(DecodingException.class)
                .hasMessageContaining("ended inside the envelope after 2");
        // the first 256 KiB of a body are read before its elements are passed on: as if read whole
        assertThat(received).isEmpty();
    }

    /** Each envelope test runs twice: streamed (chunked) and as a short body of declared length (read in one pass). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void anEnvelopeWithDataBeforeSuccessIsReadWhole(boolean streamed) {
        this.streamed = streamed;
        stub.server().enqueue(chunked("{\"data\":{\"plans\":[", plan("a") + ",null,", plan("b"),
                "]},\"errors\":[],\"success\":true}"));
        assertThat(client.plans().list().collectList().block(WAIT)).extracting(Plan::id).containsExactly("a", "b");

        stub.server().enqueue(chunked("{\"data\":{\"plans\":[", plan("a"),
                "]},\"success\":false,\"errors\":[{\"code\":\"plan.Invalid\",\"message\":\"no plans for you\"}]}"));
        List<Plan> received = new ArrayList<>();
        assertThatThrownBy(() -> client.plans().list().doOnNext(received::add).blockLast(WAIT))
                .isInstanceOf(ClientErrorException.class).hasMessageContaining("no plans for you");
        assertThat(received).isEmpty();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void aMissingOrNullListIsEmptyAndOtherFieldsAreSkipped(boolean streamed) {
        this.streamed = streamed;
        stub.server().enqueue(chunked("{\"success\":true,\"data\":{\"other\":{\"plans\":[1,2]},\"n\":[[{}]]}}"));
        assertThat(client.plans().list().collectList().block(WAIT)).isEmpty();

        stub.server().enqueue(chunked("{\"success\":true,\"data\":{\"plans\":null}}"));
        assertThat(client.plans().list().collectList().block(WAIT)).isEmpty();

        stub.server().enqueue(chunked("{\"success\":true,\"extra\":{\"x\":[1]},\"data\":{\"skip\":[{\"plans\":[]}],\"plans\":[",
                plan("a"), "],\"after\":{\"y\":2}},\"errors\":[]}"));
        assertThat(client.plans().list().collectList().block(WAIT)).extracting(Plan::id).containsExactly("a");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void contentAfterTheEnvelopeIsADecodingError(boolean streamed) {
        this.streamed = streamed;
        stub.server().enqueue(chunked("{\"success\":true,\"data\":{\"plans\":[", plan("a"), "]}}", "{\"success\":true}"));
        assertThatThrownBy(() -> client.plans().list().collectList().block(WAIT))
                .isInstanceOf(DecodingException.class).hasMessageContaining(streamed ? "after the envelope" : "envelope");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void anElementThatDoesNotBindIsADecodingErrorNamingIt(boolean streamed) {
        this.streamed = streamed;
        stub.server().enqueue(chunked("{\"success\":true,\"request_id\":\"R9\",\"data\":{\"plans\":[", plan("a"),
                ",{\"id\":\"b\",\"created_at\":\"yesterday\"}]}}"));
        DecodingException e = (DecodingException) org.assertj.core.api.Assertions.catchThrowable(
                () -> client.plans().list().collectList().block(WAIT));
        assertThat(e.getMessage()).contains("data.plans[1]", "Plan", "yesterday");
        assertThat(e.requestId()).contains("R9");
    }

    private static String plan(String id) {
        return "{\"id\":\"" + id + "\",\"name\":\"P\",\"status\":\"plan_status_active\",\"features\":[]}";
    }

    /** Whether {@link #chunked} streams its pieces or sends them as one body with a Content-Length. */
    private boolean streamed = true;

    /** A chunked response whose pieces arrive one by one (or, when not {@link #streamed}, one short body). */
    private StubResponse chunked(String... pieces) {
        if (!streamed) {
            return StubResponse.json(200, String.join("", pieces));
        }
        return StubResponse.status(200).header("Content-Type", "application/json").streamedBody(() -> new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < pieces.length;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pieces[next++].getBytes(StandardCharsets.UTF_8);
            }
        });
    }

    /** Waits (up to 20 s) until the generator has not grown for half a second; returns what it produced. */
    private static long waitUntilStable(AtomicLong produced) throws InterruptedException {
        long last = -1;
        for (int i = 0; i < 40; i++) {
            Thread.sleep(500);
            long now = produced.get();
            if (now == last && now > 0) {
                return now;
            }
            last = now;
        }
        throw new AssertionError("the server kept writing: " + produced.get() + " bytes, the client does not hold it back");
    }
}
