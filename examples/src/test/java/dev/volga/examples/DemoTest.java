package dev.volga.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole demo against the stubs (a short burst), and its exit codes. */
class DemoTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        return Demo.run(env, List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void againstTheStubsEveryTourSucceeds() {
        int code = run(Map.of(), "--burst=10", "--rate=50");

        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(text + err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).contains("code=subscription.AlreadyCancelled, request_id=",
                "burst done: 10 answers", "0 × 429 from the stub",
                "AccountBlockedException", "Accept: application/xml", "1 re-login (GET /)", "demo: ok");
    }

    @Test
    void aBadCommandLineExitsWithTwoAndTheUsage() {
        assertThat(run(Map.of(), "--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument --bogus", "usage:");
    }

    @Test
    void anUnreachableRealApiFailsWithOneNamingTheProviderWithoutTheSecret() {
        int code = run(Map.of("NODUL_TOKEN", "nodul-secret-token-42", "NODUL_URL", "http://127.0.0.1:1/latenode/v1/whitelabel"));

        String all = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(all).isEqualTo(1);
        assertThat(all).contains("nodul:  REAL API http://127.0.0.1:1", "demo: FAILED in Nodul")
                .doesNotContain("nodul-secret-token-42");
    }
}
