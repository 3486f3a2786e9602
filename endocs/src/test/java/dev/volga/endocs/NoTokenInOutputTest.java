package dev.volga.endocs;

import dev.volga.api.ApiException;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** The token never appears in any output: log lines at every level, messages, toStrings, stderr. */
@ExtendWith(NoLeaks.class)
class NoTokenInOutputTest {

    @Test
    void aSessionWithFailuresNeverPrintsTheToken() throws Exception {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                lines.add(r.getLoggerName() + " " + r.getMessage() + " " + r.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        Logger.getLogger("dev.volga.transport").setLevel(Level.ALL);
        Logger.getLogger("dev.volga.endocs").setLevel(Level.ALL);
        PrintStream err = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        String token = EndocsStub.DEFAULT_TOKEN;
        List<Object> printed = new ArrayList<>();
        try (EndocsStub stub = EndocsStub.start().noQuota();
             EndocsClient client = Fixtures.client(stub).retry(RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(2)))
                     .build()) {
            printed.add(client);
            printed.add(Secret.of("token", token));
            client.account().info().block(Duration.ofSeconds(10));
            stub.failNext(1, 503, "proxy says: Authorization: Bearer " + token);
            client.feeds().newInvoices().pull(0).block(Duration.ofSeconds(10));
            stub.server().enqueue(StubResponse.status(400).header("Content-Type", "text/html")
                    .body("<html>Bearer " + token + "</html>"));
            stub.failNext(1, 400, "bad token " + token + " ( #err-30)");
            stub.expireToken();
            for (int i = 0; i < 4; i++) {
                try {
                    client.account().info().block(Duration.ofSeconds(10));
                } catch (ApiException e) {
                    printed.add(e);
                    printed.add(e.error());
                }
            }
            client.feeds().newContracts().watch(0, Duration.ofMillis(10)).take(Duration.ofMillis(100))
                    .onErrorResume(e -> {
                        printed.add(e);
                        return reactor.core.publisher.Flux.empty();
                    }).blockLast(Duration.ofSeconds(10));
        } finally {
            System.setErr(err);
            root.removeHandler(capture);
            root.setLevel(before);
        }
        assertThat(lines).as("the transport logged the calls").isNotEmpty();
        assertThat(printed).hasSizeGreaterThan(4);
        for (String line : lines) {
            assertThat(line).doesNotContain(token);
        }
        for (Object o : printed) {
            assertThat(String.valueOf(o)).doesNotContain(token);
        }
        assertThat(stderr.toString(StandardCharsets.UTF_8)).doesNotContain(token);
    }
}
