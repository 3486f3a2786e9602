package dev.volga.hardening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the hardening tests leave their tables: the module's {@code target} folder. */
final class Reports {

    private Reports() {
    }

    /** Writes a Markdown report to {@code target/<name>}. */
    static void write(String name, String markdown) {
        try {
            Path out = Path.of("target", name);
            Files.createDirectories(out.getParent());
            Files.writeString(out, markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
