package dev.volga.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Proves that a test run shows no secret: the whole test JVM's logging runs at its most verbose
 * level, and every log record (message and exception) and every error a Reactor pipeline hands to
 * a subscriber is scanned for the credentials the tests use. The stubs register theirs
 * (configured tokens and keys, tokens they issue, and every credential a client sends them in
 * {@code Authorization}, {@code X-Auth-Token}, {@code X-Auth-Key}, {@code X-Api-Key} or an
 * {@code AUTH_TOKEN} query parameter); tests add others with {@link #register}.
 *
 * <p>Switch it on for a whole test JVM with system properties (this project's build does so for
 * every module that has the testkit):
 * <pre>
 * -Djava.util.logging.config.class=dev.volga.testkit.SecretScanConfig   logging at ALL, scan installed
 * -Dreactor.logging.fallback=JDK        Reactor and Reactor Netty log to java.util.logging (else to the console, DEBUG off)
 * -Dvolga.secretScan.reportDir=target/secret-scan   where the report goes when the JVM ends
 * -Dvolga.secretScan.secrets=a,b        further secrets, comma-separated (optional)
 * -Dvolga.secretScan.exemptLoggers=x,y  loggers (name prefixes) whose records are not checked (optional)
 * </pre>
 * An exemption is for a test JVM that drives stubs with raw HTTP clients, which log whatever URL
 * and headers they are given; the report counts the records it skipped.
 * When the JVM ends, {@value #REPORT_FILE} in the report directory gets the figures, and
 * {@value #LEAKS_FILE} is written only if a secret was found (a build fails on its presence, for
 * example with the enforcer rule {@code requireFilesDontExist}). Or call {@link #install()} and
 * {@link #assertNoSecretLeaked()} yourself. Netty logs to java.util.logging when no SLF4J is
 * present, and {@code System.Logger} does when no other backend is installed; the console keeps
 * showing INFO and above only.
 */
public final class SecretScan {

    /** System property: the directory of the report written when the JVM ends. */
    public static final String REPORT_DIR_PROPERTY = "volga.secretScan.reportDir";
    /** System property: further secrets, comma-separated. */
    public static final String SECRETS_PROPERTY = "volga.secretScan.secrets";
    /** System property: logger name prefixes whose records are not checked, comma-separated. */
    public static final String EXEMPT_LOGGERS_PROPERTY = "volga.secretScan.exemptLoggers";
    /** The report, always written. */
    public static final String REPORT_FILE = "secret-scan.md";
    /** Written only when a secret was found. */
    public static final String LEAKS_FILE = "LEAKED-SECRETS.md";

    private static final String HOOK_KEY = SecretScan.class.getName();
    private static final SecretScanner SCANNER = new SecretScanner();
    private static final Capture CAPTURE = new Capture();
    private static final java.util.concurrent.atomic.LongAdder EXEMPTED = new java.util.concurrent.atomic.LongAdder();
    private static volatile java.util.List<String> exemptLoggers = java.util.List.of();
    /** Records per logger, for the report. */
    private static final java.util.Map<String, java.util.concurrent.atomic.LongAdder> BY_LOGGER =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static volatile boolean installed;

    private SecretScan() {
    }

    /**
     * The scanner the whole JVM reports to.
     *
     * @return the scanner
     */
    public static SecretScanner scanner() {
        return SCANNER;
    }

    /**
     * Adds secrets to look for (shorter than {@value SecretScanner#MIN_LENGTH} characters: ignored).
     * Cheap; works whether or not the scan is installed.
     *
     * @param secrets the secrets
     */
    public static void register(String... secrets) {
        SCANNER.register(secrets);
    }

    /**
     * Installs the scan in this JVM, once: the root logger at {@link Level#ALL} with a capturing
     * handler (other root handlers, the console, are raised to INFO if they were lower), Reactor
     * hooks that scan every operator error and every error delivered to a subscriber, the secrets
     * of {@value #SECRETS_PROPERTY}, and the report at JVM exit if {@value #REPORT_DIR_PROPERTY} is
     * set.
     */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h.getLevel().intValue() < Level.INFO.intValue()) {
                h.setLevel(Level.INFO);
            }
        }
        root.setLevel(Level.ALL);
        root.addHandler(CAPTURE);
        Hooks.onOperatorError(HOOK_KEY, (error, value) -> {
            SCANNER.scan("reactor operator error", error);
            return error;
        });
        Hooks.onLastOperator(HOOK_KEY, Operators.<Object, Object>lift((scannable, actual) -> new ErrorScanning(actual)));
        register(System.getProperty(SECRETS_PROPERTY, "").split(","));
        exemptLoggers = java.util.Arrays.stream(System.getProperty(EXEMPT_LOGGERS_PROPERTY, "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        String dir = System.getProperty(REPORT_DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path out = Path.of(dir);
            try {
                Files.deleteIfExists(out.resolve(LEAKS_FILE));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> writeReport(out), "volga-secret-scan-report"));
        }
        installed = true;
    }

    /**
     * Whether {@link #install()} ran in this JVM.
     *
     * @return true once installed
     */
    public static boolean isInstalled() {
        return installed;
    }

    /**
     * What the scan has seen so far.
     *
     * @return the report
     */
    public static SecretScanner.Report report() {
        return SCANNER.report();
    }

    /**
     * Fails if a secret was found.
     *
     * @throws AssertionError listing the hits (secrets masked)
     */
    public static void assertNoSecretLeaked() {
        SecretScanner.Report r = report();
        if (r.hitCount() > 0) {
            throw new AssertionError(render(r));
        }
    }

    /**
     * Writes the report files into a directory.
     *
     * @param dir the directory, created if needed
     */
    static void writeReport(Path dir) {
        SecretScanner.Report r = report();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(REPORT_FILE), render(r), StandardCharsets.UTF_8);
            if (r.hitCount() > 0) {
                Files.writeString(dir.resolve(LEAKS_FILE), render(r), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String render(SecretScanner.Report r) {
        StringBuilder sb = new StringBuilder("# Secret scan\n\n").append(r.summary()).append("\n");
        if (!BY_LOGGER.isEmpty()) {
            sb.append("\nThe loggers with most records:\n\n");
            BY_LOGGER.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                    .limit(12)
                    .forEach(e -> sb.append("- ").append(e.getKey()).append(": ").append(e.getValue().sum()).append('\n'));
        }
        if (!exemptLoggers.isEmpty()) {
            sb.append("\nNot checked: ").append(EXEMPTED.sum()).append(" records of the exempt loggers ")
                    .append(exemptLoggers).append(".\n");
        }
        if (r.hitCount() > 0) {
            sb.append("\nEvery test credential must stay out of log lines and exception messages. Found (secrets masked):\n\n");
            for (SecretScanner.Hit h : r.hits()) {
                sb.append("- ").append(h.secret()).append(" in ").append(h.source()).append(": ")
                        .append(h.excerpt()).append('\n');
            }
        }
        return sb.toString();
    }

    /** Scans every log record: its formatted message and its exception. */
    private static final class Capture extends Handler {
        private final Formatter formatter = new Formatter() {
            @Override
            public String format(LogRecord record) {
                return formatMessage(record);
            }
        };

        Capture() {
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            if (record == null) {
                return;
            }
            String source = Objects.requireNonNullElse(record.getLoggerName(), "log");
            BY_LOGGER.computeIfAbsent(source, k -> new java.util.concurrent.atomic.LongAdder()).increment();
            for (String exempt : exemptLoggers) {
                if (source.startsWith(exempt)) {
                    EXEMPTED.increment();
                    return;
                }
            }
            String message;
            try {
                message = formatter.formatMessage(record);
            } catch (RuntimeException e) {
                message = record.getMessage();
            }
            SCANNER.scan(source, message);
            SCANNER.scan(source, record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Passes every signal on, scanning the error of a failed subscription on the way. */
    private static final class ErrorScanning implements CoreSubscriber<Object> {
        private final CoreSubscriber<? super Object> actual;

        ErrorScanning(CoreSubscriber<? super Object> actual) {
            this.actual = actual;
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void onSubscribe(Subscription s) {
            actual.onSubscribe(s);
        }

        @Override
        public void onNext(Object value) {
            actual.onNext(value);
        }

        @Override
        public void onError(Throwable error) {
            SCANNER.scan("error delivered to a subscriber", error);
            actual.onError(error);
        }

        @Override
        public void onComplete() {
            actual.onComplete();
        }
    }
}
