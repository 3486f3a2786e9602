package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.volga.api.TransportException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.ElementReader;
import dev.volga.api.spi.TypeRef;
import dev.volga.testkit.NoLeaks;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 21 item 3: a response Netty's HTTP decoder cannot read (a head too long, a bad chunk, an
 * unknown version) reaches the caller as a typed {@link TransportException} of kind
 * {@code MALFORMED_RESPONSE}, never as a raw Netty exception, for single calls and listings; it is
 * not retried, as a body that cannot be read is not.
 */
@ExtendWith(NoLeaks.class)
class MalformedResponseTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Each way a raw server breaks HTTP/1.1 framing. */
    enum Malformed {
        HUGE_HEADER("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nX-Big: " + "x".repeat(200 * 1024)
                + "\r\nContent-Length: 2\r\n\r\na\n"),
        HUGE_STATUS_LINE("HTTP/1.1 200 " + "O".repeat(20 * 1024) + "\r\nContent-Length: 2\r\n\r\na\n"),
        BAD_CHUNK("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\na\nb\n\r\nzz-not-hex\r\nc\n\r\n0\r\n\r\n"),
        INVALID_VERSION("HTXP/7.3 200 OK\r\nContent-Length: 2\r\n\r\na\n"),
        BAD_CONTENT_LENGTH("HTTP/1.1 200 OK\r\nContent-Length: banana\r\n\r\na\n");

        final String response;

        Malformed(String response) {
            this.response = response;
        }
    }

    @ParameterizedTest
    @EnumSource(Malformed.class)
    void aResponseTheDecoderRefusesIsATypedMalformedResponseAndIsNotRetried(Malformed m) {
        try (RawServer server = RawServer.start(RawServer.bytes(m.response));
             ApiClient client = ApiClient.builder("test").baseUrl(server.baseUrl()).codec(new TextCodec())
                     .retry(Fixtures.FAST_RETRY).build()) {
            assertThatThrownBy(() -> client.exchange(ApiRequest.get("/data").build(String.class)).block(WAIT))
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TransportException.Kind.MALFORMED_RESPONSE);
                        assertThat(e.requestSent()).isTrue();
                        assertThat(e.getMessage()).contains("GET http://127.0.0.1").contains("malformed response");
                    });
            assertThat(server.requests()).as("an unreadable response is not asked for again").isEqualTo(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Malformed.class)
    void aListingEndsTheSameWay(Malformed m) {
        try (RawServer server = RawServer.start(RawServer.bytes(m.response));
             ApiClient client = ApiClient.builder("test").baseUrl(server.baseUrl()).codec(new Lines())
                     .retry(Fixtures.FAST_RETRY).build()) {
            assertThatThrownBy(() -> client.exchangeMany(ApiRequest.get("/lines").buildList(TypeRef.of(String.class)))
                    .collectList().block(WAIT))
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.MALFORMED_RESPONSE));
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    /** Lines of text, streamed. */
    static final class Lines extends TextCodec {
        @Override
        @SuppressWarnings("unchecked")
        public <E> ElementReader<E> elementReader(ApiResponse head, TypeRef<E> element, List<String> path) {
            return (ElementReader<E>) new ElementReader<String>() {
                private final StringBuilder line = new StringBuilder();

                @Override
                public List<String> read(ByteBuffer chunk) {
                    List<String> out = new ArrayList<>();
                    for (char c : StandardCharsets.ISO_8859_1.decode(chunk).toString().toCharArray()) {
                        if (c == '\n') {
                            out.add(line.toString());
                            line.setLength(0);
                        } else {
                            line.append(c);
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
                    return false;
                }
            };
        }
    }
}
