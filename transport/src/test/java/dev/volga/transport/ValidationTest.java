package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;
import dev.volga.transport.spi.RateLimiter;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad input fails at once, naming the parameter, and nothing reaches the network. */
@ExtendWith(NoLeaks.class)
class ValidationTest {

    @Test
    void badBuilderInputNamesTheParameterBeforeAnyIo() {
        try (StubServer stub = StubServer.start()) {
            assertThatThrownBy(() -> ApiClient.builder(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("provider");
            assertThatThrownBy(() -> ApiClient.builder(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("provider");
            assertThatThrownBy(() -> Fixtures.client(stub).baseUrl("ftp://example.org")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("baseUrl");
            assertThatThrownBy(() -> Fixtures.client(stub).baseUrl(stub.baseUrl() + "?AUTH_TOKEN=x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
            assertThatThrownBy(() -> ApiClient.builder("test").codec(new TextCodec()).build())
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("baseUrl");
            assertThatThrownBy(() -> Fixtures.client(stub).refreshSkew(Duration.ofSeconds(-1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("refreshSkew");
            assertThatThrownBy(() -> Authenticator.bearer(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("token");
            assertThatThrownBy(() -> Authenticator.queryParameter("AUTH_TOKEN", Secret.of("token", "")))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("token");
            assertThatThrownBy(() -> Transport.builder().responseTimeout(Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responseTimeout");
            assertThatThrownBy(() -> Transport.builder().connectTimeout(null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("connectTimeout");
            assertThatThrownBy(() -> Transport.builder().maxResponseSize(0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResponseSize");
            assertThatThrownBy(() -> RateLimiter.create(null, RateLimitSettings.unlimited()))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("provider");
            assertThatThrownBy(() -> ApiRequest.get("plans")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("path");
            assertThatThrownBy(() -> ApiRequest.get("/plans").query("q", (Secret) null))
                    .isInstanceOf(NullPointerException.class).hasMessageContaining("q");
            assertThat(stub.requestCount()).as("nothing was sent").isZero();
        }
    }

    @Test
    void aBodyTheCodecCannotEncodeFailsTheCallWithoutIo() {
        try (StubServer stub = StubServer.start();
             ApiClient client = Fixtures.client(stub).codec(new TextCodec() {
                 @Override
                 public dev.volga.api.spi.EncodedBody encode(Object value) {
                     throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName());
                 }
             }).build()) {
            assertThatThrownBy(() -> client.exchange(ApiRequest.post("/x").body(new Object()).build(String.class)).block())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot encode");
            assertThat(stub.requestCount()).isZero();
        }
    }
}
