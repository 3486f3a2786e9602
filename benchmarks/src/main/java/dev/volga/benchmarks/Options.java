package dev.volga.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code key=value} command-line options of the harnesses. */
final class Options {

    private Options() {
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected key=value, got " + a);
            }
            map.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return map;
    }

    /**
     * The closed-loop settings the timing harnesses share.
     *
     * @param warmup seconds of warm-up per contender
     * @param seconds seconds per measured round
     * @param rounds rounds per cell
     * @param callers the concurrencies, one table row group each
     */
    record Loop(double warmup, double seconds, int rounds, int[] callers) {
    }

    /** @return {@code warmup}, {@code seconds}, {@code rounds} (default 2) and {@code callers} (default 1,16,256) */
    static Loop loop(Map<String, String> opts, double warmup, double seconds) {
        return new Loop(Double.parseDouble(opts.getOrDefault("warmup", Double.toString(warmup))),
                Double.parseDouble(opts.getOrDefault("seconds", Double.toString(seconds))),
                Integer.parseInt(opts.getOrDefault("rounds", "2")),
                ints(opts.getOrDefault("callers", "1,16,256")));
    }

    static int[] ints(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(s -> Integer.parseInt(s.trim())).toArray();
    }
}
