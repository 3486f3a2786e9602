package dev.volga.api;

import java.util.Objects;

/**
 * A library a client needs is on the class path at a version without what the client uses. A
 * client's {@code build()} throws it before anything runs, naming the library, the version found
 * and the oldest version that works, instead of a linkage error ({@code NoSuchFieldError},
 * {@code NoSuchMethodError}) at some later call. Not an {@link ApiException}: no request was made.
 */
public final class IncompatibleDependencyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** The library's Maven coordinates, {@code groupId:artifactId}. */
    private final String dependency;
    /** The version on the class path. */
    private final String found;
    /** The oldest version that works. */
    private final String required;

    /**
     * @param dependency the library's Maven coordinates, {@code groupId:artifactId}
     * @param found the version on the class path
     * @param required the oldest version that works
     * @param feature what needs it, e.g. {@code "the Clodo client"}
     */
    public IncompatibleDependencyException(String dependency, String found, String required, String feature) {
        super(Objects.requireNonNull(feature, "feature") + " needs " + Objects.requireNonNull(dependency, "dependency") + " "
                + Objects.requireNonNull(required, "required") + " or newer, but " + Objects.requireNonNull(found, "found")
                + " is on the class path");
        this.dependency = dependency;
        this.found = found;
        this.required = required;
    }

    /** @return the library's Maven coordinates, {@code groupId:artifactId} */
    public String dependency() {
        return dependency;
    }

    /** @return the version on the class path */
    public String found() {
        return found;
    }

    /** @return the oldest version that works */
    public String required() {
        return required;
    }
}
