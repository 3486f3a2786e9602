package dev.volga.spring;

import dev.volga.api.IncompatibleDependencyException;
import dev.volga.spring.internal.IncompatibleDependencyFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/** A too-old library at start-up: Boot's failure report names it, the version found and the version needed. */
class IncompatibleDependencyFailureAnalyzerTest {

    @Test
    void saysWhatIsNeededAndHowToGetIt() {
        BeanCreationException startUp = new BeanCreationException("clodoClient", "Failed to instantiate",
                new IncompatibleDependencyException("tools.jackson.core:jackson-databind", "3.0.4", "3.1.0", "the Clodo client"));
        FailureAnalysis analysis = new IncompatibleDependencyFailureAnalyzer().analyze(startUp);
        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("the Clodo client needs tools.jackson.core:jackson-databind 3.1.0 or newer")
                .contains("3.0.4");
        assertThat(analysis.getAction()).contains("tools.jackson:jackson-bom at 3.1.0");
    }

    @Test
    void bootFindsIt() throws Exception {
        boolean listed = false;
        var resources = getClass().getClassLoader().getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION);
        while (resources.hasMoreElements()) {
            java.util.Properties factories = new java.util.Properties();
            try (var in = resources.nextElement().openStream()) {
                factories.load(in);
            }
            listed |= java.util.Arrays.stream(factories.getProperty(FailureAnalyzer.class.getName(), "").split(","))
                    .map(String::strip).anyMatch(IncompatibleDependencyFailureAnalyzer.class.getName()::equals);
        }
        assertThat(listed).as("listed under FailureAnalyzer in a META-INF/spring.factories").isTrue();
    }
}
