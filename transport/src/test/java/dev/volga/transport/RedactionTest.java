package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;
import dev.volga.transport.spi.Authenticator;

import dev.volga.api.ApiException;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** No secret in any log line, exception message or toString the transport produces. */
@ExtendWith(NoLeaks.class)
class RedactionTest {

    private static final Secret QUERY_TOKEN = Secret.of("token", "QUERY-TOKEN-0123456789");
    private static final Secret HEADER_KEY = Secret.of("key", "HEADER-KEY-abcdefghij");

    private final List<String> logLines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logLines) {
                logLines.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private final Logger jul = Logger.getLogger("dev.volga.transport");
    private StubServer stub;

    @BeforeEach
    void start() {
        jul.setLevel(Level.ALL);
        jul.addHandler(capture);
        stub = StubServer.start();
        // a hostile server that echoes what it received, secrets included
        stub.route("*", "/echo", req -> StubResponse.status(500)
                .body("you sent " + req.rawQuery() + " with key " + req.header("X-Api-Key").orElse("")));
    }

    @AfterEach
    void stop() {
        jul.removeHandler(capture);
        jul.setLevel(null);
        stub.close();
    }

    @Test
    void secretsInHeadersAndQueryNeverShowInLogsExceptionsOrToString() {
        List<String> texts = new ArrayList<>();
        ApiRequest<String> request = ApiRequest.get("/echo").query("page", 2).header("X-Api-Key", HEADER_KEY).build(String.class);
        texts.add(request.toString());

        try (ApiClient client = Fixtures.client(stub)
                .authenticator(Authenticator.queryParameter("AUTH_TOKEN", QUERY_TOKEN)).build()) {
            texts.add(client.toString());
            texts.add(failureText(client, request));
        }
        // the same request to a closed port: the URL (with its AUTH_TOKEN) appears in a transport error
        int port = stub.port();
        stub.close();
        try (ApiClient dead = ApiClient.builder("test").baseUrl("http://127.0.0.1:" + port).codec(new TextCodec())
                .retry(RetrySettings.none()).authenticator(Authenticator.queryParameter("AUTH_TOKEN", QUERY_TOKEN)).build()) {
            texts.add(failureText(dead, request));
        } finally {
            stub = StubServer.start();
        }
        synchronized (logLines) {
            texts.addAll(logLines);
        }

        assertThat(String.join("\n", logLines)).as("DEBUG logging was captured").contains("AUTH_TOKEN=***");
        assertThat(texts).as("the server echoed the secrets, and they were masked").anySatisfy(t -> assertThat(t).contains("***"));
        for (String text : texts) {
            assertThat(text).doesNotContain(QUERY_TOKEN.reveal()).doesNotContain(HEADER_KEY.reveal());
        }
        assertThat(QUERY_TOKEN.toString()).isEqualTo("Secret[***]");
    }

    /** Message, toString and full stack trace (causes included) of the failure of one call. */
    private static String failureText(ApiClient client, ApiRequest<String> request) {
        try {
            client.exchange(request).block(Duration.ofSeconds(20));
            throw new AssertionError("expected a failure");
        } catch (ApiException e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return e.getMessage() + "\n" + e + "\n" + trace;
        }
    }
}
