package dev.volga.clodo.internal;

import dev.volga.api.IncompatibleDependencyException;
import org.junit.jupiter.api.Test;
import tools.jackson.core.Version;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Jackson floor: a typed exception naming the version needed, never a linkage error later. */
class JacksonVersionsTest {

    private static Version v(int major, int minor, int patch) {
        return new Version(major, minor, patch, null, "tools.jackson.core", "jackson-databind");
    }

    @Test
    void anOlderJacksonIsRefusedNamingWhatIsNeeded() {
        assertThatThrownBy(() -> JacksonVersions.check("tools.jackson.core:jackson-databind", v(3, 0, 4)))
                .isInstanceOf(IncompatibleDependencyException.class)
                .hasMessage("the Clodo client needs tools.jackson.core:jackson-databind 3.1.0 or newer, but 3.0.4 is on the class path")
                .satisfies(e -> {
                    IncompatibleDependencyException x = (IncompatibleDependencyException) e;
                    org.assertj.core.api.Assertions.assertThat(x.required()).isEqualTo("3.1.0");
                    org.assertj.core.api.Assertions.assertThat(x.found()).isEqualTo("3.0.4");
                });
    }

    @Test
    void bootsJacksonAndNewerAreTaken() {
        assertThatCode(() -> JacksonVersions.check("d", v(3, 1, 7))).doesNotThrowAnyException();
        assertThatCode(() -> JacksonVersions.check("d", v(3, 2, 2))).doesNotThrowAnyException();
        assertThatCode(() -> JacksonVersions.check("d", v(4, 0, 0))).doesNotThrowAnyException();
        assertThatCode(() -> JacksonVersions.check("d", Version.unknownVersion())).doesNotThrowAnyException();
        assertThatCode(() -> JacksonVersions.check(true)).as("the Jackson this test runs on").doesNotThrowAnyException();
    }
}
