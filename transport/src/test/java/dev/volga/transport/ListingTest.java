package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.ElementReader;
import dev.volga.api.spi.TypeRef;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Listings ({@link ApiRequest.Builder#buildList}) through the pipeline: streamed by a codec's
 * element reader, collected by {@code exchange}, read whole by a codec without one, errors and
 * retries as for any request, the size cap while a reader buffers.
 */
@ExtendWith(NoLeaks.class)
class ListingTest {

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
    void aStreamingCodecReadsTheListElementByElementAndExchangeCollectsIt() {
        stub.route("GET", "/lines", req -> StubResponse.ok("a\nb\nc\n"));
        LinesCodec codec = new LinesCodec(false);
        try (ApiClient client = Fixtures.client(stub).codec(codec).build()) {
            ApiRequest<List<String>> lines = ApiRequest.get("/lines").buildList(TypeRef.of(String.class));

            assertThat(client.exchangeMany(lines).collectList().block(WAIT)).containsExactly("a", "b", "c");
            assertThat(client.exchange(lines).block(WAIT)).containsExactly("a", "b", "c");
            assertThat(codec.readers).isEqualTo(2);
            assertThat(codec.wholeDecodes).isZero();
        }
    }

    @Test
    void anErrorStatusIsReadWholeByDecodeAndAReadIsRetried() {
        stub.enqueue(StubResponse.status(503).body("busy"));
        stub.enqueue(StubResponse.ok("x\n"));
        LinesCodec codec = new LinesCodec(false);
        try (ApiClient client = Fixtures.client(stub).codec(codec).build()) {
            ApiRequest<List<String>> lines = ApiRequest.get("/lines").buildList(TypeRef.of(String.class));

            assertThat(client.exchangeMany(lines).collectList().block(WAIT)).containsExactly("x");
            assertThat(codec.wholeDecodes).isEqualTo(1); // the 503
            stub.verify().exactly(2, "GET", "/lines");

            stub.enqueue(StubResponse.status(500).body("broken"));
            assertThatThrownBy(() -> client.exchangeMany(lines).blockLast(WAIT)).isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("broken");
        }
    }

    @Test
    void aCodecWithoutAReaderDecodesAPayloadThatIsTheListButCannotReachInsideOne() {
        stub.route("GET", "/lines", req -> StubResponse.ok("a\nb\n"));
        LinesCodec codec = new LinesCodec(false);
        codec.streams = false;
        try (ApiClient client = Fixtures.client(stub).codec(codec).build()) {
            assertThat(client.exchangeMany(ApiRequest.get("/lines").buildList(TypeRef.of(String.class))).collectList().block(WAIT))
                    .containsExactly("a", "b");
            assertThat(codec.wholeDecodes).isEqualTo(1);

            assertThatThrownBy(() -> client.exchangeMany(ApiRequest.get("/lines").buildList(TypeRef.of(String.class), "items"))
                    .blockLast(WAIT)).isInstanceOf(IllegalStateException.class).hasMessageContaining("[items]");
        }
    }

    @Test
    void theSizeCapAppliesWhileTheReaderKeepsTheBody() {
        stub.route("GET", "/lines", req -> StubResponse.ok("line\n".repeat(1000)).header("Transfer-Encoding", "chunked"));
        try (ApiClient client = Fixtures.client(stub).codec(new LinesCodec(true)).build()) {
            ApiRequest<List<String>> capped = ApiRequest.get("/lines").maxResponseSize(1000).buildList(TypeRef.of(String.class));
            assertThatThrownBy(() -> client.exchangeMany(capped).blockLast(WAIT)).isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.RESPONSE_TOO_LARGE));

            ApiRequest<List<String>> roomy = ApiRequest.get("/lines").maxResponseSize(10_000).buildList(TypeRef.of(String.class));
            assertThat(client.exchangeMany(roomy).count().block(WAIT)).isEqualTo(1000);
        }
    }

    @Test
    void aBlankListPathSegmentIsRefused() {
        assertThatThrownBy(() -> ApiRequest.get("/x").buildList(TypeRef.of(String.class), "data", " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(ApiRequest.get("/x").buildList(TypeRef.of(String.class), "a", "b").listPath()).containsExactly("a", "b");
        assertThat(ApiRequest.get("/x").build(String.class).listPath()).isNull();
    }

    /** Lines of a text body; streams them when {@code streams}, keeping the whole body when {@code keeps}. */
    private static final class LinesCodec extends TextCodec {
        private final boolean keeps;
        volatile boolean streams = true;
        volatile int readers;
        volatile int wholeDecodes;

        LinesCodec(boolean keeps) {
            this.keeps = keeps;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T decode(ApiResponse response, TypeRef<T> type) {
            wholeDecodes++;
            Object text = super.decode(response, TypeRef.of(String.class));
            return (T) Arrays.asList(((String) text).split("\n"));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <E> ElementReader<E> elementReader(ApiResponse head, TypeRef<E> element, List<String> path) {
            if (!streams) {
                return null;
            }
            readers++;
            return (ElementReader<E>) new ElementReader<String>() {
                private final ByteArrayOutputStream line = new ByteArrayOutputStream();

                @Override
                public List<String> read(ByteBuffer chunk) {
                    List<String> out = new ArrayList<>();
                    while (chunk.hasRemaining()) {
                        byte b = chunk.get();
                        if (b == '\n') {
                            out.add(line.toString(StandardCharsets.UTF_8));
                            line.reset();
                        } else {
                            line.write(b);
                        }
                    }
                    return out;
                }

                @Override
                public List<String> end() {
                    return List.of();
                }

                @Override
                public boolean buffering() {
                    return keeps;
                }
            };
        }
    }
}
