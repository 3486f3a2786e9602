package dev.volga.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for known secrets (tokens, keys) in text: log lines, exception messages, anything a test
 * captured. Fast enough for every DEBUG line of a load test: a line is checked against all
 * secrets at once (a rolling hash over the first {@value #MIN_LENGTH} characters of each secret),
 * not secret by secret. A Netty hex dump (what {@code HttpClient.wiretap(true)} logs) is also read
 * back into its bytes, where a secret is split over rows and would otherwise go unseen.
 *
 * <p>A secret registered after a line that contains it was scanned is still found if that line is
 * among the last {@value #RECENT_LINES} scanned: a client may log a request just before the stub
 * that learns its credential receives it.
 *
 * <p>Hits never repeat the secret: their excerpt shows it as {@code <secret abc…(32)>}. Thread-safe.
 * {@link SecretScan} holds the instance the whole test JVM reports to; tests of the scanner itself
 * make their own.
 *
 * <pre>{@code
 * SecretScanner scanner = new SecretScanner();
 * scanner.register("tok-3f9a1c7e5b");
 * scanner.scan("my.logger", "GET /plans?AUTH_TOKEN=tok-3f9a1c7e5b");
 * assert scanner.report().hitCount() == 1;
 * }</pre>
 */
public final class SecretScanner {

    /** Shorter values are not registered: they would match ordinary text. */
    public static final int MIN_LENGTH = 8;
    /** How many recently scanned lines a newly registered secret is checked against. */
    public static final int RECENT_LINES = 4096;
    /** How many hits are kept with their excerpt (all are counted). */
    public static final int KEPT_HITS = 200;

    private static final long BASE = 0x100000001B3L;
    private static final long BASE_POW; // BASE^(MIN_LENGTH - 1)
    private static final String HEX_DUMP_BORDER = "+-------------------------------------------------+";
    private static final Pattern HEX_ROW = Pattern.compile("^\\|[0-9a-f]{8}\\|((?: [0-9a-f]{2}){1,16})", Pattern.MULTILINE);

    static {
        long p = 1;
        for (int i = 1; i < MIN_LENGTH; i++) {
            p *= BASE;
        }
        BASE_POW = p;
    }

    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    /** The index of {@link #secrets}, rebuilt on the first scan after a registration. */
    private volatile Index index = new Index(List.of());
    private volatile boolean stale;
    private final LongAdder lines = new LongAdder();
    private final LongAdder throwables = new LongAdder();
    /** Hits in all, by secret. */
    private final Map<String, LongAdder> hitCounts = new ConcurrentHashMap<>();
    /** The kept hits, each with the secret it found (which the public {@link Hit} does not show). */
    private final List<Map.Entry<Hit, String>> hits = new ArrayList<>();
    /** The last lines scanned and their sources, best effort (no lock, no allocation on the logging path). */
    private final String[] recent = new String[RECENT_LINES];
    private final String[] recentSources = new String[RECENT_LINES];
    private final AtomicLong recentNext = new AtomicLong();

    /** A scanner that knows no secret yet. */
    public SecretScanner() {
    }

    /**
     * One secret found in one text.
     *
     * @param source where the text came from (a logger name, "exception", …)
     * @param secret the secret, shortened: its first 3 characters and its length
     * @param excerpt the text around it, the secret masked
     */
    public record Hit(String source, String secret, String excerpt) {
    }

    /**
     * What a scanner has seen.
     *
     * @param linesScanned texts scanned (log lines, messages)
     * @param throwablesScanned exceptions scanned (each with its causes and suppressed ones)
     * @param secretsChecked distinct secrets registered
     * @param hitCount hits in all
     * @param hits the first {@value SecretScanner#KEPT_HITS} hits
     */
    public record Report(long linesScanned, long throwablesScanned, int secretsChecked, long hitCount, List<Hit> hits) {

        /**
         * Copies the hits.
         *
         * @param linesScanned texts scanned (log lines, messages)
         * @param throwablesScanned exceptions scanned (each with its causes and suppressed ones)
         * @param secretsChecked distinct secrets registered
         * @param hitCount hits in all
         * @param hits the first {@value SecretScanner#KEPT_HITS} hits
         */
        public Report {
            hits = List.copyOf(hits);
        }

        /**
         * A one-line summary.
         *
         * @return e.g. {@code 120345 lines and 2311 exceptions scanned for 57 secrets: 0 hits}
         */
        public String summary() {
            return linesScanned + " lines and " + throwablesScanned + " exceptions scanned for " + secretsChecked
                    + " secrets: " + hitCount + (hitCount == 1 ? " hit" : " hits");
        }
    }

    /**
     * Adds secrets to look for. Null, blank and short values ({@code < MIN_LENGTH}) are ignored. A new
     * secret is also looked for in the last {@value #RECENT_LINES} lines scanned.
     *
     * @param values the secrets
     */
    public void register(String... values) {
        for (String v : values) {
            if (v == null || v.isBlank() || v.length() < MIN_LENGTH || !secrets.add(v)) {
                continue;
            }
            stale = true;
            if (recentNext.get() == 0) {
                continue; // nothing scanned yet (a JVM without the scan registers for nothing)
            }
            for (int i = 0; i < RECENT_LINES; i++) {
                String line = recent[i];
                String source = recentSources[i];
                if (line != null && line.contains(v)) {
                    record(source, line, v);
                }
            }
        }
    }

    /** The index of the registered secrets, rebuilt if one was registered or forgotten since. */
    private Index index() {
        if (stale) {
            synchronized (this) {
                if (stale) {
                    stale = false;
                    index = new Index(List.copyOf(secrets));
                }
            }
        }
        return index;
    }

    /**
     * Stops looking for a secret and drops its hits (for a test that leaks one on purpose).
     *
     * @param secret the secret
     */
    public void forget(String secret) {
        if (secret == null || !secrets.remove(secret)) {
            return;
        }
        stale = true;
        synchronized (this) {
            hits.removeIf(h -> h.getValue().equals(secret));
            hitCounts.remove(secret);
        }
    }

    /**
     * The registered secrets.
     *
     * @return an immutable snapshot
     */
    public Set<String> secrets() {
        return Set.copyOf(secrets);
    }

    /**
     * Scans one text (a log line, a message).
     *
     * @param source where it came from, for the report
     * @param text the text; null is ignored
     */
    public void scan(String source, String text) {
        if (text == null) {
            return;
        }
        lines.increment();
        remember(source, text);
        Index ix = index();
        if (ix.secrets.isEmpty()) {
            return;
        }
        ix.find(text, s -> record(source, text, s));
        if (text.contains(HEX_DUMP_BORDER)) {
            String dumped = hexDumpText(text);
            if (!dumped.isEmpty()) {
                ix.find(dumped, s -> record(source + " (hex dump)", dumped, s));
            }
        }
    }

    /**
     * Scans an exception: the {@code toString()} (class and message) of it, its causes and its
     * suppressed exceptions.
     *
     * @param source where it came from, for the report
     * @param error the exception; null is ignored
     */
    public void scan(String source, Throwable error) {
        if (error == null) {
            return;
        }
        throwables.increment();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>();
        todo.add(error);
        while (!todo.isEmpty() && seen.size() < 50) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            String text = t.toString();
            Index ix = index();
            ix.find(text, s -> record(source + " (" + t.getClass().getName() + ")", text, s));
            todo.add(t.getCause());
            Collections.addAll(todo, t.getSuppressed());
        }
    }

    /**
     * What the scanner has seen so far.
     *
     * @return the report
     */
    public synchronized Report report() {
        return new Report(lines.sum(), throwables.sum(), secrets.size(),
                hitCounts.values().stream().mapToLong(LongAdder::sum).sum(),
                hits.stream().map(Map.Entry::getKey).toList());
    }

    private void remember(String source, String text) {
        int slot = (int) (recentNext.getAndIncrement() % RECENT_LINES);
        recent[slot] = text;
        recentSources[slot] = source;
    }

    private synchronized void record(String source, String text, String secret) {
        hitCounts.computeIfAbsent(secret, k -> new LongAdder()).increment();
        if (hits.size() < KEPT_HITS) {
            hits.add(Map.entry(new Hit(source, hint(secret), excerpt(text, secret)), secret));
        }
    }

    private static String hint(String secret) {
        return secret.substring(0, 3) + "…(" + secret.length() + ")";
    }

    private static String excerpt(String text, String secret) {
        int at = text.indexOf(secret);
        int from = Math.max(0, at - 60);
        int to = Math.min(text.length(), at + secret.length() + 60);
        String around = text.substring(from, to).replace(secret, "<secret " + hint(secret) + ">");
        return (from > 0 ? "…" : "") + around.replaceAll("\\s+", " ") + (to < text.length() ? "…" : "");
    }

    /** The bytes of every row of a Netty hex dump in the text, as ISO-8859-1 text (one char per byte). */
    static String hexDumpText(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Matcher row = HEX_ROW.matcher(text);
        while (row.find()) {
            String hex = row.group(1);
            for (int i = 1; i + 1 < hex.length(); i += 3) {
                bytes.write(Character.digit(hex.charAt(i), 16) << 4 | Character.digit(hex.charAt(i + 1), 16));
            }
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    /** The secrets, indexed by a hash of their first {@value #MIN_LENGTH} characters. */
    private static final class Index {
        final List<String> secrets;
        /** One bit per hash bucket: most windows of a text are rejected here. */
        final long[] filter = new long[1024];
        final Map<Long, List<String>> byHash = new HashMap<>();

        Index(List<String> secrets) {
            this.secrets = List.copyOf(secrets);
            for (String s : this.secrets) {
                long h = hash(s, 0);
                filter[bucket(h) >>> 6] |= 1L << bucket(h);
                byHash.computeIfAbsent(h, k -> new ArrayList<>(1)).add(s);
            }
        }

        void find(String text, java.util.function.Consumer<String> onHit) {
            int n = text.length();
            if (secrets.isEmpty() || n < MIN_LENGTH) {
                return;
            }
            long h = hash(text, 0);
            for (int i = 0; ; i++) {
                int b = bucket(h);
                if ((filter[b >>> 6] & (1L << b)) != 0) {
                    List<String> candidates = byHash.get(h);
                    if (candidates != null) {
                        for (String s : candidates) {
                            if (text.startsWith(s, i)) {
                                onHit.accept(s);
                            }
                        }
                    }
                }
                if (i + MIN_LENGTH >= n) {
                    return;
                }
                h = (h - text.charAt(i) * BASE_POW) * BASE + text.charAt(i + MIN_LENGTH);
            }
        }

        private static long hash(String s, int from) {
            long h = 0;
            for (int i = from; i < from + MIN_LENGTH; i++) {
                h = h * BASE + s.charAt(i);
            }
            return h;
        }

        private static int bucket(long h) {
            long m = h * 0x9E3779B97F4A7C15L;
            return (int) (m >>> 48); // 16 bits: 65536 buckets
        }
    }

    @Override
    public String toString() {
        return "SecretScanner[" + report().summary() + "]";
    }
}
