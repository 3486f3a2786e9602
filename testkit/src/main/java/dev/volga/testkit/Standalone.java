package dev.volga.testkit;

import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.nodul.NodulStub;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Serves the provider stubs from the command line, for teams in other languages and for
 * {@code curl}:
 *
 * <pre>
 * java -p &lt;module path&gt; -m dev.volga.testkit/dev.volga.testkit.Standalone --provider clodo --port 8080
 * java -p &lt;module path&gt; -m dev.volga.testkit/dev.volga.testkit.Standalone --provider all --port 8080
 * </pre>
 *
 * <p>It prints where each stub listens and which credentials it accepts, and stops cleanly on
 * Ctrl-C (a shutdown hook closes the stubs) or, with {@code --stop-on-eof}, when its standard input
 * ends. Wrong arguments print the usage to standard error and exit with status 2; a port that
 * cannot be bound exits with status 1. Run with {@code --help} for the options.
 *
 * <p>{@link #start(String...)} is the same entry for code: it returns the running stubs.
 */
public final class Standalone implements AutoCloseable {

    /** The default Nodul token. */
    public static final String DEFAULT_NODUL_TOKEN = "nodul-test-token";
    /** The default Clodo login. */
    public static final String DEFAULT_CLODO_USER = "user";
    /** The default Clodo API key. */
    public static final String DEFAULT_CLODO_KEY = "clodo-test-key";

    /** A provider served by the stubs. */
    public enum Provider {
        /** Nodul (Latenode White Label API). */
        NODUL,
        /** EnDocs Cloud. */
        ENDOCS,
        /** ClodoAPI 1.0. */
        CLODO;

        String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final String OPTIONS = String.join("\n",
            "Serves in-process stubs of the Nodul, EnDocs and Clodo APIs on 127.0.0.1 until Ctrl-C. Each stub",
            "also answers its admin API (JSON over HTTP) under /__admin: seeding, faults, quota, tokens, the",
            "journal and reset; see docs/testkit-admin.md.",
            "",
            "  --provider P        nodul, endocs, clodo or all (default all); repeat or separate by commas",
            "  --port N            port of the first provider, the others on the following ports",
            "                      (default 0: free ports, printed at start)",
            "  --nodul-port N      port of the Nodul stub (overrides --port)",
            "  --endocs-port N     port of the EnDocs stub",
            "  --clodo-port N      port of the Clodo stub",
            "  --nodul-token T     AUTH_TOKEN the Nodul stub accepts (default " + DEFAULT_NODUL_TOKEN + ")",
            "  --endocs-token T    bearer token the EnDocs stub accepts (default " + EndocsStub.DEFAULT_TOKEN + ")",
            "  --endocs-no-quota   switch off the EnDocs stub's quota (" + EndocsStub.DEFAULT_QUOTA.describe() + " per token)",
            "  --clodo-user U      login the Clodo stub accepts (default " + DEFAULT_CLODO_USER + ")",
            "  --clodo-key K       API key of that login (default " + DEFAULT_CLODO_KEY + ")",
            "  --clodo-token-lifetime S",
            "                      lifetime of the Clodo stub's tokens in seconds (default 1200, as Clodo's)",
            "  --clodo-management-path P",
            "                      serve Clodo's management API under P (default /v1), so that a client",
            "                      that ignores the login's X-Server-Management-Url fails",
            "  --clodo-error-style STYLE",
            "                      how the Clodo stub writes errors: " + errorStyles(),
            "  --seed FILE         admin calls to make at start, a JSON array of",
            "                      {\"provider\": \"clodo\", \"method\": \"POST\", \"path\": \"/servers\", \"body\": {...}}",
            "                      (path below /__admin); the start fails if one is refused",
            "  --stop-on-eof       also stop when standard input ends",
            "  --help              print this text");

    private final Options options;
    private final Map<Provider, AutoCloseable> stubs;
    private final CountDownLatch closed = new CountDownLatch(1);

    private Standalone(Options options, Map<Provider, AutoCloseable> stubs) {
        this.options = options;
        this.stubs = stubs;
    }

    /**
     * Runs the stubs until Ctrl-C (or the end of standard input with {@code --stop-on-eof}).
     *
     * @param args the command line, see {@link #usage()}
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println();
            System.err.println(usage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(usage());
            return;
        }
        Standalone running;
        try {
            running = start(options);
        } catch (RuntimeException e) {
            System.err.println("error: could not start the stubs: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "volga-stubs-shutdown"));
        System.out.println(running.describe());
        System.out.flush();
        if (options.stopOnEof()) {
            running.closeAtEndOf(System.in);
        }
        running.awaitClose();
    }

    /**
     * Starts the stubs as the command line would, without printing or waiting.
     *
     * @param args the command line options, see {@link #usage()}
     * @return the running stubs; close them when done
     * @throws IllegalArgumentException if the options are wrong (the message says which)
     */
    public static Standalone start(String... args) {
        Options options = Options.parse(args);
        if (options.help()) {
            throw new IllegalArgumentException("--help starts nothing");
        }
        return start(options);
    }

    static Standalone start(Options o) {
        Map<Provider, AutoCloseable> started = new LinkedHashMap<>();
        try {
            for (Provider p : o.providers()) {
                int port = o.ports().get(p);
                switch (p) {
                    case NODUL -> started.put(p, NodulStub.start(o.nodulToken(), port));
                    case ENDOCS -> {
                        EndocsStub endocs = EndocsStub.start(o.endocsToken(), port);
                        if (o.endocsNoQuota()) {
                            endocs.noQuota();
                        }
                        started.put(p, endocs);
                    }
                    case CLODO -> {
                        ClodoStub.Builder builder = ClodoStub.builder().user(o.clodoUser(), o.clodoKey()).port(port);
                        if (o.clodoManagementPath() != null) {
                            builder.managementPath(o.clodoManagementPath());
                        }
                        ClodoStub clodo = builder.start();
                        started.put(p, clodo);
                        if (o.clodoTokenLifetime() != null) {
                            clodo.tokenLifetime(o.clodoTokenLifetime());
                        }
                        if (o.clodoErrorStyle() != null) {
                            clodo.errorStyle(o.clodoErrorStyle());
                        }
                    }
                }
            }
            Standalone running = new Standalone(o, started);
            if (o.seed() != null) {
                running.seed(o.seed());
            }
            return running;
        } catch (RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * Makes the admin calls of a seed file, in order, failing on the first refused one.
     *
     * @param file a JSON array of {@code {"provider", "method", "path", "body"}}
     */
    private void seed(java.nio.file.Path file) {
        List<Map<String, Object>> calls;
        try {
            calls = SEED_JSON.readValue(java.nio.file.Files.readAllBytes(file),
                    new tools.jackson.core.type.TypeReference<List<Map<String, Object>>>() { });
        } catch (IOException | tools.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("--seed " + file + ": not a JSON array of calls: " + e.getMessage());
        }
        int n = 0;
        for (Map<String, Object> call : calls) {
            n++;
            String where = "--seed " + file + ", call " + n;
            Object provider = call.get("provider");
            Set<Provider> named = provider instanceof String text ? Options.provider(text) : Set.of();
            Provider p = named.size() == 1 ? named.iterator().next() : null;
            if (p == null || !(call.get("method") instanceof String method) || !(call.get("path") instanceof String path)
                    || !path.startsWith("/")) {
                throw new IllegalArgumentException(where + ": needs provider, method and a path starting with /");
            }
            StubServer server = serverOf(p);
            if (server == null) {
                throw new IllegalArgumentException(where + ": " + p.id() + " is not served");
            }
            Object body = call.get("body");
            StubResponse answer = server.adminCall(method, path,
                    body == null ? new byte[0] : SEED_JSON.writeValueAsBytes(body));
            if (answer.status() >= 400) {
                throw new IllegalArgumentException(where + " (" + method + " " + path + ") refused: " + answer.status()
                        + " " + answer.bodyText());
            }
        }
    }

    private static final tools.jackson.databind.json.JsonMapper SEED_JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    private StubServer serverOf(Provider p) {
        return switch (p) {
            case NODUL -> nodul().map(NodulStub::server).orElse(null);
            case ENDOCS -> endocs().map(EndocsStub::server).orElse(null);
            case CLODO -> clodo().map(ClodoStub::http).orElse(null);
        };
    }

    /**
     * The usage text.
     *
     * @return the text {@code --help} prints
     */
    public static String usage() {
        String jar = jarName();
        String first = jar != null
                ? "usage: java -jar " + jar + " [options]\n   or: java -p <module path> -m " + MAIN + " [options]"
                : "usage: java -jar volga-testkit-<version>-standalone.jar [options]\n   or: java -p <module path> -m "
                        + MAIN + " [options]   (the module path holds the testkit's jar and its dependencies)";
        return first + "\n\n" + OPTIONS;
    }

    private static final String MAIN = "dev.volga.testkit/dev.volga.testkit.Standalone";

    /** The file name of the jar this class was loaded from, or null (classes directory, unknown). */
    private static String jarName() {
        try {
            java.security.CodeSource source = Standalone.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return null;
            }
            String path = source.getLocation().getPath();
            String name = path.substring(path.lastIndexOf('/') + 1);
            return name.endsWith(".jar") ? name : null;
        } catch (SecurityException e) {
            return null;
        }
    }

    private static String errorStyles() {
        List<String> names = new ArrayList<>();
        for (ClodoStub.ErrorStyle style : ClodoStub.ErrorStyle.values()) {
            names.add(style.name().toLowerCase(Locale.ROOT));
        }
        return String.join(", ", names);
    }

    /**
     * The running Nodul stub.
     *
     * @return the stub, empty if not served
     */
    public Optional<NodulStub> nodul() {
        return Optional.ofNullable((NodulStub) stubs.get(Provider.NODUL));
    }

    /**
     * The running EnDocs stub.
     *
     * @return the stub, empty if not served
     */
    public Optional<EndocsStub> endocs() {
        return Optional.ofNullable((EndocsStub) stubs.get(Provider.ENDOCS));
    }

    /**
     * The running Clodo stub.
     *
     * @return the stub, empty if not served
     */
    public Optional<ClodoStub> clodo() {
        return Optional.ofNullable((ClodoStub) stubs.get(Provider.CLODO));
    }

    /**
     * The base URL a client of each served provider is given (Nodul's with its base path, EnDocs'
     * without {@code /api}, Clodo's auth URL).
     *
     * @return provider to base URL, in the order served
     */
    public Map<Provider, String> baseUrls() {
        Map<Provider, String> urls = new LinkedHashMap<>();
        nodul().ifPresent(s -> urls.put(Provider.NODUL, s.baseUrl()));
        endocs().ifPresent(s -> urls.put(Provider.ENDOCS, s.baseUrl()));
        clodo().ifPresent(s -> urls.put(Provider.CLODO, s.authUrl()));
        return Map.copyOf(urls);
    }

    /**
     * What the command line prints at start: for each stub where it listens, the credentials it
     * accepts (test credentials, chosen on the command line) and a {@code curl} to try.
     *
     * @return the text
     */
    public String describe() {
        StringBuilder sb = new StringBuilder("Volga stubs running on 127.0.0.1 (Ctrl-C to stop):\n");
        nodul().ifPresent(s -> sb.append("\n  nodul   ").append(s.baseUrl())
                .append("\n          accepts AUTH_TOKEN=").append(s.token())
                .append("\n          try     curl '").append(s.baseUrl()).append("/quotas?AUTH_TOKEN=")
                .append(s.token()).append("'")
                .append("\n          admin   ").append(adminUrl(s.baseUrl())).append("\n"));
        endocs().ifPresent(s -> sb.append("\n  endocs  ").append(s.baseUrl()).append("  (API under /api")
                .append(s.quota().map(q -> ", quota " + q.describe() + " per token)").orElse(", no quota)"))
                .append("\n          accepts Authorization: Bearer ").append(s.token())
                .append("\n          try     curl -H 'Authorization: Bearer ").append(s.token()).append("' ")
                .append(s.baseUrl()).append("/api/output/getclientinfo")
                .append("\n          admin   ").append(adminUrl(s.baseUrl())).append("\n"));
        clodo().ifPresent(s -> sb.append("\n  clodo   ").append(s.authUrl()).append("  (login; management API at ")
                .append(s.managementUrl()).append(")")
                .append("\n          accepts X-Auth-User: ").append(options.clodoUser()).append("  X-Auth-Key: ")
                .append(options.clodoKey())
                .append("\n          try     curl -i -H 'X-Auth-User: ").append(options.clodoUser())
                .append("' -H 'X-Auth-Key: ").append(options.clodoKey()).append("' ").append(s.authUrl()).append("/")
                .append("\n          admin   ").append(adminUrl(s.authUrl())).append("\n"));
        return sb.toString();
    }

    private static String adminUrl(String baseUrl) {
        java.net.URI uri = java.net.URI.create(baseUrl);
        return uri.getScheme() + "://" + uri.getAuthority() + StubServer.ADMIN_PREFIX;
    }

    /**
     * Waits until {@link #close()} has run (from a shutdown hook, say).
     */
    public void awaitClose() {
        boolean interrupted = false;
        while (true) {
            try {
                closed.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops every stub. Idempotent. */
    @Override
    public void close() {
        synchronized (stubs) {
            if (closed.getCount() == 0) {
                return;
            }
            closeAll(stubs);
            closed.countDown();
        }
    }

    @Override
    public String toString() {
        return "Standalone" + baseUrls();
    }

    /** Closes the stubs when the stream ends, on a daemon thread. */
    private void closeAtEndOf(InputStream in) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                while (in.read(buf) >= 0) {
                    // discard
                }
            } catch (IOException e) {
                // treat as the end
            }
            close();
        }, "volga-stubs-stdin");
        t.setDaemon(true);
        t.start();
    }

    private static void closeAll(Map<Provider, AutoCloseable> stubs) {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable s : stubs.values()) {
            try {
                s.close();
            } catch (Exception e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            PrintStream err = System.err;
            failures.forEach(e -> err.println("warning: a stub did not close cleanly: " + e.getMessage()));
        }
    }

    /**
     * The parsed command line.
     *
     * @param providers the providers to serve, in the order nodul, endocs, clodo
     * @param ports the port of each served provider, 0 for a free one
     * @param nodulToken the Nodul token
     * @param endocsToken the EnDocs token
     * @param endocsNoQuota whether EnDocs' quota is off
     * @param clodoUser the Clodo login
     * @param clodoKey the Clodo key
     * @param clodoTokenLifetime the Clodo token lifetime, or null for the stub's default
     * @param clodoErrorStyle the Clodo error style, or null for the stub's default
     * @param clodoManagementPath the path of Clodo's management API, or null for {@code /v1}
     * @param seed the file of admin calls to make at start, or null
     * @param stopOnEof whether to stop at the end of standard input
     * @param help whether only the usage is asked for
     */
    record Options(Set<Provider> providers, Map<Provider, Integer> ports, String nodulToken, String endocsToken,
            boolean endocsNoQuota, String clodoUser, String clodoKey, java.time.Duration clodoTokenLifetime,
            ClodoStub.ErrorStyle clodoErrorStyle, String clodoManagementPath, java.nio.file.Path seed, boolean stopOnEof, boolean help) {

        static Options parse(String... args) {
            if (args == null) {
                throw new IllegalArgumentException("no arguments");
            }
            Set<Provider> providers = EnumSet.noneOf(Provider.class);
            Map<Provider, Integer> explicit = new LinkedHashMap<>();
            Integer basePort = null;
            String nodulToken = DEFAULT_NODUL_TOKEN;
            String endocsToken = EndocsStub.DEFAULT_TOKEN;
            String clodoUser = DEFAULT_CLODO_USER;
            String clodoKey = DEFAULT_CLODO_KEY;
            boolean noQuota = false;
            java.time.Duration lifetime = null;
            ClodoStub.ErrorStyle errorStyle = null;
            String managementPath = null;
            java.nio.file.Path seed = null;
            boolean stopOnEof = false;
            boolean help = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg == null) {
                    throw new IllegalArgumentException("null argument");
                }
                String name = arg;
                String inline = null;
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    name = arg.substring(0, eq);
                    inline = arg.substring(eq + 1);
                }
                switch (name) {
                    case "--help", "-h" -> help = true;
                    case "--stop-on-eof" -> stopOnEof = true;
                    case "--endocs-no-quota" -> noQuota = true;
                    case "--provider" -> {
                        String v = inline != null ? inline : value(args, ++i, name);
                        for (String p : v.split(",", -1)) {
                            providers.addAll(provider(p.trim()));
                        }
                    }
                    case "--port" -> basePort = port(inline != null ? inline : value(args, ++i, name), name);
                    case "--nodul-port" -> explicit.put(Provider.NODUL,
                            port(inline != null ? inline : value(args, ++i, name), name));
                    case "--endocs-port" -> explicit.put(Provider.ENDOCS,
                            port(inline != null ? inline : value(args, ++i, name), name));
                    case "--clodo-port" -> explicit.put(Provider.CLODO,
                            port(inline != null ? inline : value(args, ++i, name), name));
                    case "--nodul-token" -> nodulToken = text(inline != null ? inline : value(args, ++i, name), name);
                    case "--endocs-token" -> endocsToken = text(inline != null ? inline : value(args, ++i, name), name);
                    case "--clodo-user" -> clodoUser = text(inline != null ? inline : value(args, ++i, name), name);
                    case "--clodo-key" -> clodoKey = text(inline != null ? inline : value(args, ++i, name), name);
                    case "--clodo-token-lifetime" -> {
                        int seconds = port(inline != null ? inline : value(args, ++i, name), name);
                        if (seconds < 1) {
                            throw new IllegalArgumentException(name + " needs at least 1 second");
                        }
                        lifetime = java.time.Duration.ofSeconds(seconds);
                    }
                    case "--clodo-management-path" -> managementPath = text(inline != null ? inline : value(args, ++i, name), name);
                    case "--clodo-error-style" -> errorStyle = errorStyle(inline != null ? inline : value(args, ++i, name));
                    case "--seed" -> {
                        seed = java.nio.file.Path.of(text(inline != null ? inline : value(args, ++i, name), name));
                        if (!java.nio.file.Files.isReadable(seed)) {
                            throw new IllegalArgumentException("--seed: cannot read " + seed);
                        }
                    }
                    default -> throw new IllegalArgumentException(arg.startsWith("-")
                            ? "unknown option " + name : "unexpected argument " + arg);
                }
                if (inline != null && (name.equals("--help") || name.equals("--stop-on-eof")
                        || name.equals("--endocs-no-quota"))) {
                    throw new IllegalArgumentException(name + " takes no value");
                }
            }
            if (providers.isEmpty()) {
                providers = EnumSet.allOf(Provider.class);
            }
            for (Provider p : explicit.keySet()) {
                if (!providers.contains(p)) {
                    throw new IllegalArgumentException("--" + p.id() + "-port given, but " + p.id() + " is not served");
                }
            }
            Map<Provider, Integer> ports = new LinkedHashMap<>();
            int next = basePort == null ? 0 : basePort;
            for (Provider p : providers) {
                int port;
                if (explicit.containsKey(p)) {
                    port = explicit.get(p);
                } else {
                    port = next;
                    if (next != 0) {
                        next++;
                    }
                }
                if (port > 65535) {
                    throw new IllegalArgumentException("--port " + basePort + " leaves no port for " + p.id());
                }
                if (port != 0 && ports.containsValue(port)) {
                    throw new IllegalArgumentException("port " + port + " given to two providers");
                }
                ports.put(p, port);
            }
            if ((lifetime != null || errorStyle != null || managementPath != null) && !providers.contains(Provider.CLODO)) {
                throw new IllegalArgumentException("a --clodo-... option given, but clodo is not served");
            }
            return new Options(Set.copyOf(providers), Map.copyOf(ports), nodulToken, endocsToken, noQuota,
                    clodoUser, clodoKey, lifetime, errorStyle, managementPath, seed, stopOnEof, help);
        }

        /**
         * The served providers in their fixed order.
         *
         * @return nodul, endocs, clodo as selected
         */
        @Override
        public Set<Provider> providers() {
            return EnumSet.copyOf(providers);
        }

        private static String value(String[] args, int i, String name) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            return args[i];
        }

        private static ClodoStub.ErrorStyle errorStyle(String v) {
            for (ClodoStub.ErrorStyle style : ClodoStub.ErrorStyle.values()) {
                if (style.name().equalsIgnoreCase(v.trim())) {
                    return style;
                }
            }
            throw new IllegalArgumentException("--clodo-error-style: unknown style '" + v + "' (" + errorStyles() + ")");
        }

        private static Set<Provider> provider(String v) {
            String p = v.toLowerCase(Locale.ROOT);
            if (p.equals("all")) {
                return EnumSet.allOf(Provider.class);
            }
            for (Provider x : Provider.values()) {
                if (x.id().equals(p)) {
                    return EnumSet.of(x);
                }
            }
            throw new IllegalArgumentException("unknown provider '" + v + "' (nodul, endocs, clodo or all)");
        }

        private static int port(String v, String name) {
            int port;
            try {
                port = Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " needs a number, not '" + v + "'");
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException(name + " out of range 0 to 65535: " + port);
            }
            return port;
        }

        private static String text(String v, String name) {
            if (v.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return v;
        }
    }
}
