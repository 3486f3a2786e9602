package dev.volga.examples;

import java.io.PrintStream;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/** The demo's output: short lines, one provider prefix each, and progress lines for the long parts. */
final class Console {

    private final PrintStream out;

    Console(PrintStream out) {
        this.out = Objects.requireNonNull(out, "out");
    }

    void title(String text) {
        out.println();
        out.println("== " + text);
    }

    void line(String provider, String text) {
        out.println(String.format("%-8s%s", provider + ":", text));
    }

    void skip(String provider, String what, String why) {
        line(provider, "skipped " + what + " (" + why + ")");
    }

    /**
     * A progress counter printing a line at each quarter of {@code total}.
     *
     * @param provider the prefix
     * @param what what is counted
     * @param total how many there will be
     * @return call {@link Progress#step()} once per item
     */
    Progress progress(String provider, String what, int total) {
        return new Progress(provider, what, total);
    }

    final class Progress {
        private final String provider;
        private final String what;
        private final int total;
        private final AtomicInteger done = new AtomicInteger();
        private final long started = System.nanoTime();

        private Progress(String provider, String what, int total) {
            this.provider = provider;
            this.what = what;
            this.total = total;
        }

        void step() {
            int n = done.incrementAndGet();
            int quarter = Math.max(1, total / 4);
            if (n % quarter == 0 || n == total) {
                int width = 20;
                int filled = (int) ((long) n * width / total);
                line(provider, String.format("  [%s%s] %d/%d %s, %.1f s", "#".repeat(filled), ".".repeat(width - filled),
                        n, total, what, (System.nanoTime() - started) / 1e9));
            }
        }
    }
}
