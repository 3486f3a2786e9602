package dev.volga.nodul;

import dev.volga.api.Secret;
import dev.volga.api.TransportException;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.nodul.NodulStub;
import dev.volga.transport.Transport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Builder options: token, base URL, timeouts, a shared transport. */
@ExtendWith(NoLeaks.class)
class NodulClientTest {

    @Test
    void tokenIsRequiredAndNeverPrinted() {
        assertThatThrownBy(() -> NodulClient.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("token");
        assertThatThrownBy(() -> NodulClient.builder().token(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("token must not be blank");
        assertThatThrownBy(() -> NodulClient.builder().token((Secret) null)).isInstanceOf(NullPointerException.class);
        try (NodulClient client = NodulClient.builder().token("PRINT-ME-NOT-123").build()) {
            assertThat(client.toString()).isEqualTo("NodulClient[" + NodulClient.DEFAULT_BASE_URL + "]");
        }
    }

    @Test
    void theMapperCustomisationIsAppliedAfterNodulsSettings() {
        java.util.List<Boolean> seen = new java.util.ArrayList<>();
        try (NodulStub stub = NodulStub.start();
             NodulClient client = NodulClient.builder().baseUrl(stub.baseUrl()).token(stub.token())
                     .mapper(b -> {
                         seen.add(b.isEnabled(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
                         return b;
                     })
                     .build()) {
            assertThat(seen).as("called once, on a builder that already ignores unknown fields").containsExactly(false);
            assertThat(client.quotas().list().collectList().block(Duration.ofSeconds(10))).isNotNull();
        }
        assertThatThrownBy(() -> NodulClient.builder().mapper(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("mapper");
    }

    @Test
    void baseUrlMustBeAbsoluteHttp() {
        assertThatThrownBy(() -> NodulClient.builder().token("t").baseUrl("api.nodul.ru/latenode").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseUrl");
        assertThatThrownBy(() -> NodulClient.builder().token("t").baseUrl("https://x/?AUTH_TOKEN=t").build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void connectTimeoutBelongsToTheOwnTransport() {
        try (Transport shared = Transport.create()) {
            assertThatThrownBy(() -> NodulClient.builder().token("t").transport(shared)
                    .connectTimeout(Duration.ofSeconds(1)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("connectTimeout");
        }
        assertThatThrownBy(() -> NodulClient.builder().responseTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("responseTimeout");
    }

    @Test
    void responseTimeoutAppliesWithOwnAndSharedTransport() {
        try (NodulStub stub = NodulStub.start(); Transport shared = Transport.create()) {
            stub.server().enqueue(StubResponse.json(200, "{}").delay(Duration.ofSeconds(3)));
            stub.server().enqueue(StubResponse.json(200, "{}").delay(Duration.ofSeconds(3)));
            try (NodulClient own = NodulClient.builder().baseUrl(stub.baseUrl()).token(stub.token())
                    .responseTimeout(Duration.ofMillis(200)).retry(dev.volga.api.RetrySettings.none()).build();
                 NodulClient onShared = NodulClient.builder().baseUrl(stub.baseUrl()).token(stub.token()).transport(shared)
                         .responseTimeout(Duration.ofMillis(200)).retry(dev.volga.api.RetrySettings.none()).build()) {
                assertThatThrownBy(() -> own.plans().list().blockLast(Duration.ofSeconds(5)))
                        .isInstanceOf(TransportException.class).hasMessageNotContaining(stub.token());
                assertThatThrownBy(() -> onShared.plans().list().blockLast(Duration.ofSeconds(5)))
                        .isInstanceOf(TransportException.class).hasMessageNotContaining(stub.token());
            }
        }
    }

    @Test
    void aSharedTransportOutlivesTheClient() {
        try (NodulStub stub = NodulStub.start(); Transport shared = Transport.create()) {
            NodulClient first = NodulClient.builder().baseUrl(stub.baseUrl()).token(stub.token()).transport(shared).build();
            first.plans().list().collectList().block(Duration.ofSeconds(10));
            first.close();
            try (NodulClient second = NodulClient.builder().baseUrl(stub.baseUrl()).token(stub.token()).transport(shared)
                    .rateLimiter(first.rateLimiter()).build()) {
                assertThat(second.plans().list().collectList().block(Duration.ofSeconds(10))).isEmpty();
            }
        }
    }

    @Test
    void theTokenIsMaskedInDebugLogs() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                synchronized (lines) {
                    lines.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger jul = Logger.getLogger("dev.volga.transport");
        jul.setLevel(Level.ALL);
        jul.addHandler(capture);
        try (NodulStub stub = NodulStub.start("LOGGED-token-never-1234");
             NodulClient client = NodulClient.builder().baseUrl(stub.baseUrl()).token(stub.token())
                     .retry(dev.volga.api.RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(2))).build()) {
            stub.server().enqueue(StubResponse.status(503).body("busy"));
            client.plans().list().collectList().block(Duration.ofSeconds(10));
            stub.failNext(1, 500, "internal.Error", "boom");
            assertThatThrownBy(() -> client.quotas().list().blockLast(Duration.ofSeconds(10)))
                    .hasMessageNotContaining(stub.token());
        } finally {
            jul.removeHandler(capture);
            jul.setLevel(null);
        }
        synchronized (lines) {
            assertThat(String.join("\n", lines)).contains("AUTH_TOKEN=***").doesNotContain("LOGGED-token-never-1234");
        }
    }
}
