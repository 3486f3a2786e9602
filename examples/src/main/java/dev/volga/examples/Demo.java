package dev.volga.examples;

import dev.volga.transport.Transport;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The README's "run it": walks through Nodul, EnDocs Cloud and Clodo with the Volga clients,
 * printing short lines. By default every provider runs against its embedded testkit stub (no
 * account, no network); credentials in the environment switch a provider to its real API
 * (see {@link DemoConfig}). Exits 0 on success, 1 with a message naming the failed provider, 2 for
 * a bad command line.
 *
 * <pre>
 * java --module-path examples/target/modules:examples/target/volga-examples-0.1.0-SNAPSHOT.jar \
 *      -m dev.volga.examples/dev.volga.examples.Demo [--allow-writes]
 * </pre>
 */
public final class Demo {

    private Demo() {
    }

    /**
     * @param args {@code --allow-writes}, {@code --burst=N}, {@code --rate=N}, {@code --help}
     */
    public static void main(String[] args) {
        System.exit(run(System.getenv(), Arrays.asList(args), System.out, System.err));
    }

    /**
     * Runs the demo.
     *
     * @param env the environment (credentials)
     * @param args the command line
     * @param out where the walk-through goes
     * @param err where errors go
     * @return the exit code: 0 success, 1 a tour failed, 2 a bad command line
     */
    public static int run(Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
        if (args.contains("--help") || args.contains("-h")) {
            out.println(DemoConfig.usage());
            return 0;
        }
        DemoConfig config;
        try {
            config = DemoConfig.from(env, args);
        } catch (IllegalArgumentException e) {
            err.println("demo: " + e.getMessage());
            return 2;
        }
        Console c = new Console(out);
        out.println("Volga demo: three Russian HTTP APIs, one reactive transport, on the "
                + (Demo.class.getModule().isNamed() ? "module path (" + Demo.class.getModule().getName() + ")" : "class path"));
        config.describe().forEach(line -> out.println("  " + line));
        long started = System.nanoTime();
        String step = "start";
        // one Transport (connection pools, event loops) serves all three clients
        try (Transport transport = Transport.builder().responseTimeout(Duration.ofSeconds(20)).build()) {
            step = "Nodul";
            c.title("Nodul White Label API — " + mode(config.nodul()));
            NodulTour.run(c, config.nodul(), config.allowWrites(), transport);
            step = "EnDocs";
            c.title("EnDocs Cloud — " + mode(config.endocs()));
            EndocsTour.run(c, config.endocs(), config, transport);
            step = "Clodo";
            c.title("Clodo — " + mode(config.clodo()));
            ClodoTour.run(c, config.clodo(), config.allowWrites(), transport);
        } catch (RuntimeException | Error e) {
            out.flush();
            err.println();
            err.println("demo: FAILED in " + step + ": " + e);
            Throwable cause = e.getCause();
            while (cause != null) {
                err.println("  caused by " + cause);
                cause = cause.getCause();
            }
            return 1;
        }
        out.println();
        out.println(String.format("demo: ok — Nodul, EnDocs and Clodo in %.1f s", (System.nanoTime() - started) / 1e9));
        return 0;
    }

    private static String mode(DemoConfig.Target target) {
        return target.real() ? "REAL API" : "stub";
    }
}
