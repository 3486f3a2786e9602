package dev.volga.nodul;

import dev.volga.api.DecodingException;
import dev.volga.api.RetrySettings;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.nodul.NodulStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Hostile bodies end in typed errors with a short excerpt: deep nesting, invalid UTF-8, a proxy page, a huge body. */
@ExtendWith(NoLeaks.class)
class HostileInputTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final String TOKEN = "SECRET-nodul-token-hostile-1234";

    private NodulStub stub;
    private NodulClient client;

    @BeforeEach
    void start() {
        stub = NodulStub.start(TOKEN);
        client = NodulClient.builder().baseUrl(stub.baseUrl()).token(TOKEN).retry(RetrySettings.none()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void deeplyNestedJsonIsADecodingErrorNotAStackOverflow() {
        stub.server().enqueue(StubResponse.json(200, "[".repeat(100_000)));
        StepVerifier.create(client.plans().list().collectList())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DecodingException.class)
                        .satisfies(x -> assertThat(x.getMessage()).hasSizeLessThan(1000)))
                .verify(T);
        stub.server().enqueue(StubResponse.json(200, "{\"success\":true,\"request_id\":\"r\",\"data\":"
                + "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000) + "}"));
        StepVerifier.create(client.plans().list().collectList())
                .expectError(DecodingException.class)
                .verify(T);
    }

    @Test
    void invalidUtf8IsADecodingError() {
        byte[] head = "{\"success\":true,\"request_id\":\"r\",\"data\":{\"plans\":[{\"name\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "\"}]},\"errors\":[]}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 2 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28;
        System.arraycopy(tail, 0, body, head.length + 2, tail.length);
        stub.server().enqueue(StubResponse.status(200).header("Content-Type", "application/json").body(body));
        StepVerifier.create(client.plans().list().collectList())
                .expectError(DecodingException.class)
                .verify(T);
    }

    @Test
    void aProxys502PageIsARetryableServerErrorWithAShortExcerpt() {
        String html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
                + "<!-- padding -->".repeat(500) + "</body></html>";
        stub.server().enqueue(StubResponse.status(502).header("Content-Type", "text/html").body(html));
        StepVerifier.create(client.plans().list().collectList())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ServerErrorException.class).hasMessageContaining("502 Bad Gateway");
                    assertThat(e.getMessage()).hasSizeLessThan(1000).doesNotContain(TOKEN);
                })
                .verify(T);
    }

    @Test
    void aWrongContentTypeIsADecodingError() {
        stub.server().enqueue(StubResponse.status(200).header("Content-Type", "application/xml").body("<plans><plan/></plans>"));
        StepVerifier.create(client.plans().list().collectList())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DecodingException.class).hasMessageContaining("<plans>"))
                .verify(T);
    }

    @Test
    void aHugeBodyIsRefusedByTheSizeCap() {
        stub.server().enqueue(StubResponse.json(200, "{\"x\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}"));
        StepVerifier.create(client.plans().list().collectList())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(TransportException.class);
                    assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.RESPONSE_TOO_LARGE);
                })
                .verify(T);
    }
}
