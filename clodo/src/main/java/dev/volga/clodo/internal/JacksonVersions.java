package dev.volga.clodo.internal;

import dev.volga.api.IncompatibleDependencyException;
import tools.jackson.core.Version;

/**
 * The oldest Jackson the Clodo client runs on, checked when a client is built: a class path with
 * an older one gets an {@link IncompatibleDependencyException} naming the version needed, never a
 * linkage error later. 3.1 is the oldest the build tests (the Jackson Spring Boot 4.1 manages; the
 * Clodo suite runs on it besides the project's own 3.2).
 */
final class JacksonVersions {

    /** The oldest Jackson 3 minor release the client is tested on. */
    static final int MIN_MAJOR = 3;
    /** The oldest Jackson 3 minor release the client is tested on. */
    static final int MIN_MINOR = 1;

    private JacksonVersions() {
    }

    /** Checks the Jackson on the class path (jackson-databind and, when XML is used, jackson-dataformat-xml). */
    static void check(boolean xml) {
        check("tools.jackson.core:jackson-databind", tools.jackson.databind.cfg.PackageVersion.VERSION);
        if (xml) {
            check("tools.jackson.dataformat:jackson-dataformat-xml", tools.jackson.dataformat.xml.PackageVersion.VERSION);
        }
    }

    /**
     * @param dependency the artifact's coordinates
     * @param found its version on the class path
     * @throws IncompatibleDependencyException if it is older than {@value #MIN_MAJOR}.{@value #MIN_MINOR}
     */
    static void check(String dependency, Version found) {
        if (found == null || found.isUnknownVersion()) {
            return; // a repackaged jar without version information: nothing to go by
        }
        if (found.getMajorVersion() < MIN_MAJOR || (found.getMajorVersion() == MIN_MAJOR && found.getMinorVersion() < MIN_MINOR)) {
            throw new IncompatibleDependencyException(dependency, found.toString(), MIN_MAJOR + "." + MIN_MINOR + ".0",
                    "the Clodo client");
        }
    }
}
