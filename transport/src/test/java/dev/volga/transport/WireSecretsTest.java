package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.Secret;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What Reactor Netty and Netty log below the transport, at DEBUG and with a wiretap on, shows no
 * secret: Reactor Netty logs each request's full URI (Nodul's {@code AUTH_TOKEN} included) and its
 * wiretap dumps the raw bytes (every credential header), so the transport gives Reactor Netty a URI
 * with placeholders and replaces a wiretap by its own masked wire log. The build routes Reactor's
 * logging to java.util.logging ({@code -Dreactor.logging.fallback=JDK}); this test captures it.
 */
@ExtendWith(NoLeaks.class)
class WireSecretsTest {

    private static final Secret QUERY_TOKEN = Secret.of("token", "WIRE-QUERY-TOKEN-7a6b5c4d");
    private static final Secret BEARER = Secret.of("token", "WIRE-BEARER-TOKEN-1f2e3d4c");

    private final List<LogRecord> records = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (records) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final List<Logger> loggers = List.of(Logger.getLogger("reactor.netty"), Logger.getLogger("io.netty"),
            Logger.getLogger("dev.volga.transport"));
    private StubServer stub;

    @BeforeEach
    void listen() {
        for (Logger l : loggers) {
            l.setLevel(Level.ALL);
            l.addHandler(capture);
        }
        stub = StubServer.start();
        // a hostile server that echoes the token it was sent
        stub.route("GET", "/echo", req -> StubResponse.ok("you sent " + req.queryParam("AUTH_TOKEN").orElse("nothing")));
    }

    @AfterEach
    void stopListening() {
        for (Logger l : loggers) {
            l.removeHandler(capture);
            l.setLevel(null);
        }
        stub.close();
    }

    @Test
    void reactorNettyLogsTheRequestUriWithAPlaceholderAndTheServerStillGetsTheToken() {
        try (ApiClient client = Fixtures.client(stub).authenticator(Authenticator.queryParameter("AUTH_TOKEN", QUERY_TOKEN))
                .build()) {
            String answer = client.exchange(ApiRequest.get("/echo").query("page", 2).build(String.class))
                    .block(Duration.ofSeconds(10));
            assertThat(answer).as("a value is data, returned as the server sent it").startsWith("you sent WIRE-");
        }

        assertThat(stub.journal()).singleElement().satisfies(r -> {
            assertThat(r.queryParam("AUTH_TOKEN")).as("the real token went out").contains(QUERY_TOKEN.reveal());
            assertThat(r.queryParam("page")).contains("2");
        });
        String log = text("reactor.netty");
        assertThat(log).as("Reactor Netty's DEBUG log is captured (run with -Dreactor.logging.fallback=JDK)")
                .contains("Handler is being applied: {uri=" + stub.baseUrl() + "/echo?page=2&AUTH_TOKEN=***0, method=GET}");
        assertThat(text("")).doesNotContain(QUERY_TOKEN.reveal());
    }

    @Test
    void aWiretapTurnedOnThroughTheCustomizerBecomesTheMaskedWireLog() {
        Transport transport = Transport.builder().customize(http -> http.wiretap(true)).build();
        try (ApiClient client = Fixtures.client(stub).transport(transport)
                .authenticator(Authenticator.queryParameter("AUTH_TOKEN", QUERY_TOKEN)).build();
             ApiClient bearer = Fixtures.client(stub).transport(transport).authenticator(Authenticator.bearer(BEARER)).build()) {
            client.exchange(ApiRequest.get("/echo").build(String.class)).block(Duration.ofSeconds(10));
            bearer.exchange(ApiRequest.get("/echo").build(String.class)).block(Duration.ofSeconds(10));
        } finally {
            transport.close();
        }

        assertThat(stub.journal()).extracting(r -> r.header("Authorization").orElse("-"))
                .containsExactly("-", "Bearer " + BEARER.reveal());
        String wire = text("dev.volga.transport.wire");
        assertThat(wire).as("the wire log shows both exchanges")
                .contains("→ GET /echo?AUTH_TOKEN=***0 HTTP/1.1", "Authorization: ***", "← HTTP/1.1 200 OK", "you sent ***");
        assertThat(text("reactor.netty.http.client.HttpClient")).as("no raw hex dump").doesNotContain("+--------+");
        assertThat(text("dev.volga.transport")).contains("HttpClient.wiretap(true) replaced by Volga's wire log");
        String all = text("");
        assertThat(all).doesNotContain(QUERY_TOKEN.reveal()).doesNotContain(BEARER.reveal());
    }

    @Test
    void theBuildersWiretapLogsTheWireMaskedToo() {
        Transport transport = Transport.builder().wiretap(true).build();
        try (ApiClient bearer = Fixtures.client(stub).transport(transport).authenticator(Authenticator.bearer(BEARER)).build()) {
            bearer.exchange(ApiRequest.get("/echo").build(String.class)).block(Duration.ofSeconds(10));
        } finally {
            transport.close();
        }
        assertThat(text("dev.volga.transport.wire")).contains("→ GET /echo HTTP/1.1", "Authorization: ***")
                .doesNotContain(BEARER.reveal());
    }

    @Test
    void placeholdersGoBackExactlyWhereTheyWere() {
        var redactor = new dev.volga.transport.internal.Redactor();
        redactor.remember("s3cr3t+/=token");
        String url = "http://h/p?a=1&AUTH_TOKEN=s3cr3t%2B%2F%3Dtoken&b=&c&d=s3cr3t%2B%2F%3Dtoken";
        var safe = dev.volga.transport.internal.SecretQuery.of(url, redactor::scrub);
        assertThat(safe.url()).isEqualTo("http://h/p?a=1&AUTH_TOKEN=***0&b=&c&d=***1");
        assertThat(safe.toString()).doesNotContain("s3cr3t");
        assertThat(dev.volga.transport.internal.SecretQuery.of("http://h/p?a=1", redactor::scrub).url()).isEqualTo("http://h/p?a=1");
        // declared secrets come as placeholders already: kept, and an undeclared one is numbered after them
        var mixed = dev.volga.transport.internal.SecretQuery.of("http://h/p?AUTH_TOKEN=***0&d=s3cr3t%2B%2F%3Dtoken",
                java.util.Map.of("***0", "k3y"), redactor::scrub);
        assertThat(mixed.url()).isEqualTo("http://h/p?AUTH_TOKEN=***0&d=***1");
        assertThat(mixed.secrets()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of("***0", "k3y", "***1", "s3cr3t%2B%2F%3Dtoken"));
    }

    /** The formatted messages of the records of a logger and its children ("" for all), one per line. */
    private String text(String loggerPrefix) {
        synchronized (records) {
            return records.stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith(loggerPrefix))
                    .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)
                            + (r.getThrown() == null ? "" : " " + r.getThrown()))
                    .collect(Collectors.joining("\n"));
        }
    }
}
