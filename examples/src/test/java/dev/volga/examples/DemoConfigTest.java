package dev.volga.examples;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Mode selection from an environment map and the command line: no I/O. */
class DemoConfigTest {

    @Test
    void withoutCredentialsEveryProviderUsesItsStub() {
        DemoConfig config = DemoConfig.from(Map.of("PATH", "/usr/bin", "NODUL_TOKEN", "  "), List.of());

        assertThat(List.of(config.nodul(), config.endocs(), config.clodo())).containsOnly(DemoConfig.Target.STUB);
        assertThat(config.allowWrites()).isFalse();
        assertThat(config.describe()).allMatch(line -> line.contains("STUB"));
        assertThat(config.burstRequests()).isEqualTo(60);
        assertThat(config.burstPerSecond()).isEqualTo(20);
    }

    @Test
    void credentialsSwitchOnlyTheirProviderToTheRealApiReadOnly() {
        DemoConfig config = DemoConfig.from(Map.of("ENDOCS_TOKEN", "endocs-secret-1", "ENDOCS_URL", "https://endocs.example"), List.of());

        assertThat(config.nodul().real()).isFalse();
        assertThat(config.clodo().real()).isFalse();
        assertThat(config.endocs().real()).isTrue();
        assertThat(config.endocs().url()).isEqualTo("https://endocs.example");
        assertThat(config.endocs().secret().reveal()).isEqualTo("endocs-secret-1");
        assertThat(config.describe().get(1)).startsWith("endocs: REAL API https://endocs.example").contains("read-only");
    }

    @Test
    void clodoNeedsUserAndKeyAndWritesNeedTheFlag() {
        Map<String, String> env = Map.of("CLODO_USER", "jdoe", "CLODO_KEY", "clodo-secret-2", "NODUL_TOKEN", "nodul-secret-3");
        DemoConfig config = DemoConfig.from(env, List.of(DemoConfig.ALLOW_WRITES, "--burst=10", "--rate=50"));

        assertThat(config.clodo()).extracting(DemoConfig.Target::real, DemoConfig.Target::user, DemoConfig.Target::url)
                .containsExactly(true, "jdoe", null);
        assertThat(config.nodul().real()).isTrue();
        assertThat(config.allowWrites()).isTrue();
        assertThat(config.burstRequests()).isEqualTo(10);
        assertThat(config.burstPerSecond()).isEqualTo(50);
        assertThat(String.join("\n", config.describe()) + config).contains("as jdoe", "writes ALLOWED")
                .doesNotContain("clodo-secret-2", "nodul-secret-3");

        assertThatThrownBy(() -> DemoConfig.from(Map.of("CLODO_USER", "jdoe"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CLODO_KEY");
        assertThatThrownBy(() -> DemoConfig.from(Map.of(), List.of("--alow-writes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown argument --alow-writes");
        assertThatThrownBy(() -> DemoConfig.from(Map.of(), List.of("--rate=0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
    }
}
