package dev.volga.clodo;

import dev.volga.api.Secret;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
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

/** Neither the key nor a token shows in any log line, exception message or toString of a whole session. */
@ExtendWith(NoLeaks.class)
class SecretsInLogsTest {

    private static final Duration T = Duration.ofSeconds(10);
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (lines) {
                lines.add(record.getMessage() + (record.getThrown() == null ? "" : " " + record.getThrown()));
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

    @BeforeEach
    void listen() {
        jul.setLevel(Level.ALL);
        jul.addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(capture);
        jul.setLevel(null);
    }

    @Test
    void aWholeSessionLogsNoSecret() {
        List<String> texts = new ArrayList<>();
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.JSON).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            texts.add(String.valueOf(clodo.servers().get(id).block(T)));
            texts.add(String.valueOf(clodo.servers().create(dev.volga.clodo.model.NewServer.builder().name("x").memory(512).hdd(5).image(1).build()).block(T)));
            stub.expireAllTokens(); // a 401, a re-login and a replay
            texts.add(String.valueOf(clodo.servers().get(id).block(T)));
            String token = stub.requests("GET", "/v1/servers/*").get(2).header("X-Auth-Token").orElseThrow();
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.json(500, "{\"code\":500,\"message\":\"echo " + token + "\"}"));
            try {
                clodo.servers().get(id).block(T);
            } catch (RuntimeException e) {
                texts.add(e.toString());
            }
            try (ClodoClient wrong = Fixture.client(stub, Format.XML).key(Secret.of("key", "wrong-key-5555")).build()) {
                try {
                    wrong.servers().list().blockLast(T);
                } catch (RuntimeException e) {
                    texts.add(e.toString());
                }
            }
            texts.add(clodo.toString());
            List<String> all = new ArrayList<>(texts);
            synchronized (lines) {
                all.addAll(lines);
            }
            assertThat(lines).as("the transport did log the session").isNotEmpty();
            List<String> tokens = stub.journal().stream().flatMap(r -> r.header("X-Auth-Token").stream()).distinct().toList();
            assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
            for (String text : all) {
                assertThat(text).doesNotContain(Fixture.KEY).doesNotContain("wrong-key-5555");
                for (String t : tokens) {
                    assertThat(text).doesNotContain(t);
                }
            }
        }
    }
}
