package dev.volga.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/** The spec's example bodies (Nodul {@code /plans} and {@code /quotas}, Clodo's server list), kept as resources. */
public final class Fixtures {

    private Fixtures() {
    }

    /**
     * @param name a resource beside this class, e.g. {@code nodul-plans.json}
     * @return its bytes
     */
    public static byte[] bytes(String name) {
        try (InputStream in = Objects.requireNonNull(Fixtures.class.getResourceAsStream(name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
