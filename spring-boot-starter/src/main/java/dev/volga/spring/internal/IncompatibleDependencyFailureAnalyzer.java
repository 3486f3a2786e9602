package dev.volga.spring.internal;

import dev.volga.api.IncompatibleDependencyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Start-up failed because a client's library is too old (for example the Jackson a Spring Boot
 * BOM manages): says which library, which version was found and which one is needed, and how to
 * get it, instead of a stack trace.
 */
public final class IncompatibleDependencyFailureAnalyzer extends AbstractFailureAnalyzer<IncompatibleDependencyException> {

    /** Creates it; Spring Boot calls this. */
    public IncompatibleDependencyFailureAnalyzer() {
    }

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, IncompatibleDependencyException cause) {
        String artifact = cause.dependency();
        String group = artifact.substring(0, Math.max(0, artifact.indexOf(':')));
        String bom = group.startsWith("tools.jackson") ? "tools.jackson:jackson-bom" : group + " BOM";
        return new FailureAnalysis("Volga: " + cause.getMessage() + ".",
                "Use " + artifact + " " + cause.required() + " or newer: import " + bom + " at " + cause.required()
                        + " or newer in <dependencyManagement> before spring-boot-dependencies (or set the version property"
                        + " your Spring Boot build uses for it), or move to a Spring Boot version that manages it.",
                cause);
    }
}
