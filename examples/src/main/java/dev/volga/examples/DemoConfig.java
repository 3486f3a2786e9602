package dev.volga.examples;

import dev.volga.api.Secret;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the demo runs against, decided from the environment and the command line only (so it is
 * testable with a plain map): each provider runs against its embedded testkit stub unless its
 * credentials are in the environment, then against the real API, read-only unless
 * {@code --allow-writes} is given.
 *
 * <ul>
 *   <li>Nodul: {@code NODUL_TOKEN}, optional {@code NODUL_URL}</li>
 *   <li>EnDocs: {@code ENDOCS_TOKEN}, optional {@code ENDOCS_URL}</li>
 *   <li>Clodo: {@code CLODO_USER} and {@code CLODO_KEY} (both), optional {@code CLODO_URL}</li>
 * </ul>
 *
 * <p>Secrets are held as {@link Secret}s: {@link #toString()} and {@link Target#describe()} never show them.
 *
 * @param nodul where the Nodul tour runs
 * @param endocs where the EnDocs tour runs
 * @param clodo where the Clodo tour runs
 * @param allowWrites whether tours against real APIs may create, change or delete anything
 * @param burstRequests how many requests the EnDocs burst sends against the stub
 * @param burstPerSecond the EnDocs quota the stub enforces (and the client keeps to) for the burst
 */
public record DemoConfig(Target nodul, Target endocs, Target clodo, boolean allowWrites, int burstRequests, int burstPerSecond) {

    /** The flag that lets tours against real APIs write. */
    public static final String ALLOW_WRITES = "--allow-writes";
    /** Default size of the EnDocs burst: ~3 s at the default rate. */
    public static final int DEFAULT_BURST_REQUESTS = 60;
    /** Default EnDocs quota for the burst (the real one is 300/minute). */
    public static final int DEFAULT_BURST_PER_SECOND = 20;

    /** Validates. */
    public DemoConfig {
        Objects.requireNonNull(nodul, "nodul");
        Objects.requireNonNull(endocs, "endocs");
        Objects.requireNonNull(clodo, "clodo");
        if (burstRequests < 1 || burstPerSecond < 1) {
            throw new IllegalArgumentException("the burst needs at least one request and one per second");
        }
    }

    /**
     * Reads the configuration.
     *
     * @param env the environment, e.g. {@code System.getenv()}
     * @param args the command line
     * @return the configuration
     * @throws IllegalArgumentException for an unknown argument or half-given Clodo credentials,
     *     with a message for the user
     */
    public static DemoConfig from(Map<String, String> env, List<String> args) {
        boolean allowWrites = false;
        int requests = DEFAULT_BURST_REQUESTS;
        int perSecond = DEFAULT_BURST_PER_SECOND;
        for (String arg : args) {
            if (arg.equals(ALLOW_WRITES)) {
                allowWrites = true;
            } else if (arg.startsWith("--burst=")) {
                requests = positive(arg, arg.substring("--burst=".length()));
            } else if (arg.startsWith("--rate=")) {
                perSecond = positive(arg, arg.substring("--rate=".length()));
            } else {
                throw new IllegalArgumentException("unknown argument " + arg + "\n" + usage());
            }
        }
        Target nodul = value(env, "NODUL_TOKEN")
                .map(t -> Target.real(value(env, "NODUL_URL").orElse(null), null, Secret.of("NODUL_TOKEN", t)))
                .orElse(Target.STUB);
        Target endocs = value(env, "ENDOCS_TOKEN")
                .map(t -> Target.real(value(env, "ENDOCS_URL").orElse(null), null, Secret.of("ENDOCS_TOKEN", t)))
                .orElse(Target.STUB);
        Optional<String> user = value(env, "CLODO_USER");
        Optional<String> key = value(env, "CLODO_KEY");
        if (user.isPresent() != key.isPresent()) {
            throw new IllegalArgumentException("Clodo needs both CLODO_USER and CLODO_KEY (only "
                    + (user.isPresent() ? "CLODO_USER" : "CLODO_KEY") + " is set); unset both to use the stub");
        }
        Target clodo = user.map(u -> Target.real(value(env, "CLODO_URL").orElse(null), u, Secret.of("CLODO_KEY", key.get())))
                .orElse(Target.STUB);
        return new DemoConfig(nodul, endocs, clodo, allowWrites, requests, perSecond);
    }

    /** @return the command line help */
    public static String usage() {
        return """
                usage: Demo [--allow-writes] [--burst=N] [--rate=N]
                  Without credentials every provider runs against its embedded testkit stub (no account, no network).
                  NODUL_TOKEN [NODUL_URL], ENDOCS_TOKEN [ENDOCS_URL], CLODO_USER + CLODO_KEY [CLODO_URL]
                  switch that provider to its real API, read-only unless --allow-writes.
                  --burst=N / --rate=N: the EnDocs burst against the stub (default 60 requests at 20/second).""";
    }

    /** @return one line per provider saying where it runs */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("nodul:  " + nodul.describe(allowWrites));
        lines.add("endocs: " + endocs.describe(allowWrites));
        lines.add("clodo:  " + clodo.describe(allowWrites));
        return lines;
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int positive(String arg, String number) {
        try {
            int n = Integer.parseInt(number);
            if (n >= 1) {
                return n;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException(arg + ": expected a positive number\n" + usage());
    }

    /**
     * Where one provider's tour runs.
     *
     * @param real true for the real API, false for the embedded stub
     * @param url the real API's URL, or null for the client's default (always null for the stub)
     * @param user the Clodo login, or null
     * @param secret the token or key, or null for the stub
     */
    public record Target(boolean real, String url, String user, Secret secret) {

        /** The embedded testkit stub. */
        public static final Target STUB = new Target(false, null, null, null);

        static Target real(String url, String user, Secret secret) {
            return new Target(true, url, user, Objects.requireNonNull(secret, "secret"));
        }

        /**
         * @param allowWrites whether writes are allowed against real APIs
         * @return e.g. {@code REAL API https://api.nodul.ru/… (read-only)}, never the secret
         */
        public String describe(boolean allowWrites) {
            if (!real) {
                return "STUB (embedded testkit server on loopback, no account, no network)";
            }
            return "REAL API " + (url == null ? "(default URL)" : url) + (user == null ? "" : " as " + user)
                    + (allowWrites ? " (writes ALLOWED by " + ALLOW_WRITES + ")" : " (read-only; " + ALLOW_WRITES + " to write)");
        }

        @Override
        public String toString() {
            return "Target[" + (real ? "real " + (url == null ? "default URL" : url) : "stub") + "]";
        }
    }
}
