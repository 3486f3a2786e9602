package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.volga.testkit.Standalone.Options;
import dev.volga.testkit.Standalone.Provider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The command line: argument parsing, and the same entry serving real requests on loopback. */
@ExtendWith(NoLeaks.class)
class StandaloneTest {

    @Test
    void defaultsServeAllThreeOnFreePortsWithPrintedTestCredentials() {
        Options o = Options.parse();
        assertThat(o.providers()).containsExactly(Provider.NODUL, Provider.ENDOCS, Provider.CLODO);
        assertThat(o.ports()).containsOnly(Map.entry(Provider.NODUL, 0), Map.entry(Provider.ENDOCS, 0),
                Map.entry(Provider.CLODO, 0));
        assertThat(o.nodulToken()).isEqualTo(Standalone.DEFAULT_NODUL_TOKEN);
        assertThat(o.clodoUser()).isEqualTo(Standalone.DEFAULT_CLODO_USER);
        assertThat(o.clodoKey()).isEqualTo(Standalone.DEFAULT_CLODO_KEY);
        assertThat(o.help()).isFalse();
        assertThat(o.stopOnEof()).isFalse();
    }

    @Test
    void oneProviderOnOnePort() {
        Options o = Options.parse("--provider", "clodo", "--port", "8080", "--clodo-user", "u", "--clodo-key=k");
        assertThat(o.providers()).containsExactly(Provider.CLODO);
        assertThat(o.ports()).isEqualTo(Map.of(Provider.CLODO, 8080));
        assertThat(o.clodoUser()).isEqualTo("u");
        assertThat(o.clodoKey()).isEqualTo("k");
    }

    @Test
    void allOnConsecutivePortsUnlessGivenPerProvider() {
        assertThat(Options.parse("--provider", "all", "--port", "8080").ports())
                .isEqualTo(Map.of(Provider.NODUL, 8080, Provider.ENDOCS, 8081, Provider.CLODO, 8082));
        assertThat(Options.parse("--port", "8080", "--endocs-port", "9000").ports())
                .isEqualTo(Map.of(Provider.NODUL, 8080, Provider.ENDOCS, 9000, Provider.CLODO, 8081));
        Options some = Options.parse("--provider", "nodul,clodo", "--port=7000", "--stop-on-eof", "--endocs-no-quota");
        assertThat(some.providers()).containsExactly(Provider.NODUL, Provider.CLODO);
        assertThat(some.ports()).isEqualTo(Map.of(Provider.NODUL, 7000, Provider.CLODO, 7001));
        assertThat(some.stopOnEof()).isTrue();
        assertThat(some.endocsNoQuota()).isTrue();
        assertThat(Options.parse("--provider", "endocs", "--provider", "NODUL").providers())
                .containsExactly(Provider.NODUL, Provider.ENDOCS);
        assertThat(Options.parse("--help").help()).isTrue();
    }

    @Test
    void wrongArgumentsSayWhatIsWrong() {
        List<Map.Entry<String[], String>> cases = List.of(
                Map.entry(new String[] {"--bogus"}, "unknown option --bogus"),
                Map.entry(new String[] {"stray"}, "unexpected argument stray"),
                Map.entry(new String[] {"--provider"}, "--provider needs a value"),
                Map.entry(new String[] {"--provider", "--port", "1"}, "--provider needs a value"),
                Map.entry(new String[] {"--provider", "aws"}, "unknown provider 'aws'"),
                Map.entry(new String[] {"--port", "eighty"}, "--port needs a number, not 'eighty'"),
                Map.entry(new String[] {"--port", "70000"}, "--port out of range"),
                Map.entry(new String[] {"--port", "-1"}, "--port out of range"),
                Map.entry(new String[] {"--port", "65535"}, "leaves no port for endocs"),
                Map.entry(new String[] {"--provider", "nodul", "--clodo-port", "1"}, "--clodo-port given, but clodo is not served"),
                Map.entry(new String[] {"--nodul-port", "9000", "--endocs-port", "9000"}, "port 9000 given to two providers"),
                Map.entry(new String[] {"--nodul-token", " "}, "--nodul-token must not be blank"),
                Map.entry(new String[] {"--help=yes"}, "--help takes no value"));
        for (Map.Entry<String[], String> c : cases) {
            assertThatThrownBy(() -> Options.parse(c.getKey())).as(String.join(" ", c.getKey()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(c.getValue());
        }
        assertThatThrownBy(() -> Standalone.start("--help")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Standalone.usage()).contains("--provider P", "--port N", "--clodo-key K", "--stop-on-eof");
    }

    @Test
    void startServesEveryProviderOnLoopbackAndCloseStopsThem() {
        ConnectionProvider pool = ConnectionProvider.create("standalone-test", 4);
        HttpClient http = HttpClient.create(pool).disableRetry(true);
        Standalone running = Standalone.start("--provider", "all", "--nodul-token", "tok-n", "--clodo-user", "u",
                "--clodo-key", "k");
        String clodoLogin = running.clodo().orElseThrow().authUrl() + "/";
        try {
            Map<Provider, String> urls = running.baseUrls();
            assertThat(urls).containsOnlyKeys(Provider.NODUL, Provider.ENDOCS, Provider.CLODO);

            assertThat(status(http.get().uri(urls.get(Provider.NODUL) + "/quotas?AUTH_TOKEN=tok-n"))).isEqualTo(200);
            assertThat(status(http.headers(h -> h.add("Authorization", "Bearer " + running.endocs().orElseThrow().token()))
                    .get().uri(urls.get(Provider.ENDOCS) + "/api/output/getclientinfo"))).isEqualTo(200);
            assertThat(status(http.headers(h -> h.add("X-Auth-User", "u").add("X-Auth-Key", "k"))
                    .get().uri(urls.get(Provider.CLODO) + "/"))).isEqualTo(204);
            assertThat(running.clodo().orElseThrow().logins()).isEqualTo(1);

            String printed = running.describe();
            assertThat(printed).contains(urls.get(Provider.NODUL), "AUTH_TOKEN=tok-n", urls.get(Provider.ENDOCS),
                    "Bearer " + running.endocs().orElseThrow().token(), urls.get(Provider.CLODO),
                    "X-Auth-User: u", "X-Auth-Key: k", "curl",
                    "quota token bucket: 300 per 1 minute (5 per second), burst 10 per token");
            // the banner reads the stub's quota, so it says what is enforced now
            running.endocs().orElseThrow().quota(Quota.slidingWindow(10, Duration.ofSeconds(1)));
            assertThat(running.describe()).contains("quota sliding window: 10 per 1 second per token")
                    .doesNotContain("token bucket", "300 per 1 minute"); // not "300": a port may hold those digits
            running.endocs().orElseThrow().noQuota();
            assertThat(running.describe()).contains("(API under /api, no quota)");
            running.close();
            running.close();
            running.awaitClose();
            // not a port check: another process may take the freed port at once; it will not log in a Clodo user
            assertThat(statusOrMinusOne(http.headers(h -> h.add("X-Auth-User", "u").add("X-Auth-Key", "k"))
                    .get().uri(clodoLogin))).as("closed stubs no longer answer").isNotEqualTo(204);
        } finally {
            running.close();
            pool.disposeLater().block(Duration.ofSeconds(5));
        }
    }

    @Test
    void aGivenPortIsUsedAndABusyPortFailsWithoutLeavingStubsBehind() throws IOException {
        int free;
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress("127.0.0.1", 0));
            free = probe.getLocalPort();
        }
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            // nodul starts on the free port, endocs cannot bind the busy one: nodul must be closed again
            assertThatThrownBy(() -> Standalone.start("--provider", "nodul,endocs", "--nodul-port", Integer.toString(free),
                    "--endocs-port", Integer.toString(busy.getLocalPort()))).isInstanceOf(RuntimeException.class);
        }
        try (Standalone running = Standalone.start("--provider", "nodul", "--port", Integer.toString(free))) {
            assertThat(running.baseUrls().get(Provider.NODUL)).startsWith("http://127.0.0.1:" + free + "/");
            assertThat(running.endocs()).isEmpty();
            assertThat(running.clodo()).isEmpty();
        }
    }

    private static int statusOrMinusOne(HttpClient.ResponseReceiver<?> request) {
        return request.responseSingle((res, body) -> body.asString().defaultIfEmpty("").thenReturn(res.status().code()))
                .onErrorReturn(-1)
                .defaultIfEmpty(-1)
                .block(Duration.ofSeconds(10));
    }

    private static int status(HttpClient.ResponseReceiver<?> request) {
        return request.responseSingle((res, body) -> body.asString().defaultIfEmpty("").thenReturn(res.status().code()))
                .switchIfEmpty(Mono.error(new AssertionError("no response")))
                .block(Duration.ofSeconds(10));
    }

    @Test
    void seedFileCallsTheAdminApiAtStartAndARefusedCallFailsTheStart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws IOException {
        java.nio.file.Path good = dir.resolve("seed.json");
        java.nio.file.Files.writeString(good, """
                [{"provider": "endocs", "method": "PUT", "path": "/quota",
                  "body": {"model": "fixed-window", "permits": 7, "periodMs": 60000}},
                 {"provider": "nodul", "method": "POST", "path": "/faults", "body": {"kind": "status", "status": 502}}]
                """);
        try (Standalone running = Standalone.start("--provider", "nodul,endocs", "--seed", good.toString())) {
            assertThat(running.endocs().orElseThrow().server().quota().orElseThrow())
                    .satisfies(q -> assertThat(q.mode()).isEqualTo(Quota.Mode.FIXED_WINDOW))
                    .satisfies(q -> assertThat(q.permits()).isEqualTo(7));
            assertThat(running.nodul().orElseThrow().faults().active()).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(502));
        }
        java.nio.file.Path bad = dir.resolve("bad.json");
        java.nio.file.Files.writeString(bad, """
                [{"provider": "nodul", "method": "POST", "path": "/faults", "body": {"kind": "status"}}]
                """);
        assertThatThrownBy(() -> Standalone.start("--provider", "nodul", "--seed", bad.toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("call 1").hasMessageContaining("field status is required");
        java.nio.file.Path notServed = dir.resolve("other.json");
        java.nio.file.Files.writeString(notServed, "[{\"provider\": \"clodo\", \"method\": \"POST\", \"path\": \"/reset\"}]");
        assertThatThrownBy(() -> Standalone.start("--provider", "nodul", "--seed", notServed.toString()))
                .hasMessageContaining("clodo is not served");
        assertThatThrownBy(() -> Standalone.start("--seed", dir.resolve("none.json").toString()))
                .hasMessageContaining("cannot read");
        assertThatThrownBy(() -> Standalone.start("--provider", "nodul", "--clodo-error-style", "flat"))
                .hasMessageContaining("clodo is not served");
        assertThatThrownBy(() -> Standalone.start("--clodo-error-style", "loud")).hasMessageContaining("wrapped, flat");
    }

    @Test
    void clodoOptionsReachTheStub() {
        try (Standalone running = Standalone.start("--provider", "clodo", "--clodo-management-path", "/mgmt/v1",
                "--clodo-error-style", "FLAT", "--clodo-token-lifetime", "90")) {
            dev.volga.testkit.clodo.ClodoStub clodo = running.clodo().orElseThrow();
            assertThat(clodo.managementUrl()).isEqualTo(clodo.authUrl() + "/mgmt/v1");
            assertThat(running.describe()).contains("/mgmt/v1");
        }
        assertThatThrownBy(() -> Standalone.start("--provider", "clodo", "--clodo-management-path", "/__admin/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
