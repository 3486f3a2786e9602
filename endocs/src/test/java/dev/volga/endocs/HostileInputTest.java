package dev.volga.endocs;

import dev.volga.api.DecodingException;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.endocs.EndocsStub;
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

    private EndocsStub stub;
    private EndocsClient client;

    @BeforeEach
    void start() {
        stub = EndocsStub.start().noQuota();
        client = Fixtures.client(stub).retry(RetrySettings.none()).rateLimits(RateLimitSettings.unlimited()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void deeplyNestedJsonIsADecodingErrorNotAStackOverflow() {
        stub.server().enqueue(StubResponse.json(200, "[".repeat(100_000)));
        StepVerifier.create(client.account().info())
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DecodingException.class)
                        .satisfies(x -> assertThat(x.getMessage()).hasSizeLessThan(1000)))
                .verify(T);
        stub.server().enqueue(StubResponse.json(200, "{\"a\":".repeat(100_000)));
        StepVerifier.create(client.account().info())
                .expectError(DecodingException.class)
                .verify(T);
    }

    @Test
    void invalidUtf8IsADecodingError() {
        byte[] head = "{\"Name\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 4];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28;
        body[head.length + 2] = '"';
        body[head.length + 3] = '}';
        stub.server().enqueue(StubResponse.status(200).header("Content-Type", "application/json").body(body));
        StepVerifier.create(client.account().info())
                .expectError(DecodingException.class)
                .verify(T);
    }

    @Test
    void aProxys502PageIsARetryableServerErrorWithAShortExcerpt() {
        String html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1>"
                + "<!-- padding -->".repeat(500) + "</body></html>";
        stub.server().enqueue(StubResponse.status(502).header("Content-Type", "text/html").body(html));
        StepVerifier.create(client.account().info())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(ServerErrorException.class).hasMessageContaining("502 Bad Gateway");
                    assertThat(e.getMessage()).hasSizeLessThan(1000).doesNotContain(EndocsStub.DEFAULT_TOKEN);
                })
                .verify(T);
    }

    @Test
    void aWrongContentTypeIsADecodingError() {
        stub.server().enqueue(StubResponse.status(200).header("Content-Type", "application/xml").body("<info><id>1</id></info>"));
        StepVerifier.create(client.account().info())
                .expectError(DecodingException.class)
                .verify(T);
    }

    @Test
    void aHugeBodyIsRefusedByTheSizeCap() {
        stub.server().enqueue(StubResponse.json(200, "{\"x\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}"));
        StepVerifier.create(client.account().info())
                .expectErrorSatisfies(e -> {
                    assertThat(e).isInstanceOf(TransportException.class);
                    assertThat(((TransportException) e).kind()).isEqualTo(TransportException.Kind.RESPONSE_TOO_LARGE);
                })
                .verify(T);
    }
}
