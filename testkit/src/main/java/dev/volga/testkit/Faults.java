package dev.volga.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The faults injected into one stub: {@link FaultRule}s checked, in injection order, against each
 * request as it arrives. The first active rule that matches (and, for a
 * {@link FaultRule#withProbability random} rule, wins its draw) hits the request and uses up one of
 * its {@link FaultRule#times times}; later rules are not consulted for that request. Rules hit requests
 * ahead of scripted responses, the quota and the routes; error faults answer instead of them,
 * transport faults ({@link FaultRule.Kind#LATENCY}, {@link FaultRule.Kind#TRUNCATED_BODY},
 * {@link FaultRule.Kind#SLOW_BODY}) distort the answer the stub gives anyway.
 *
 * <p>Every stub offers the same object: {@link StubServer#faults()}, and {@code faults()} on each
 * provider stub, whose paths read as in its {@code requests(method, path)}. Thread-safe.
 *
 * <pre>{@code
 * Faults.Injection outage = stub.faults().inject(FaultRule.status(503).times(2));
 * // ... the client retries and succeeds ...
 * assertEquals(2, outage.hits());
 * stub.faults().clear();
 * }</pre>
 */
public final class Faults {

    private final Table table;
    private final String prefix;
    private final boolean ignoreCase;

    Faults() {
        this(new Table(), "", false);
    }

    private Faults(Table table, String prefix, boolean ignoreCase) {
        this.table = table;
        this.prefix = prefix;
        this.ignoreCase = ignoreCase;
    }

    /**
     * A view of the same faults whose rules compare literal path segments case-insensitively, as
     * servers that route without regard to case (ASP.NET, e.g. EnDocs) do.
     *
     * @return the view
     */
    public Faults ignoringPathCase() {
        return new Faults(table, prefix, true);
    }

    /**
     * A view of the same faults whose rules' path patterns are read relative to a base path, as a
     * provider stub reads its paths.
     *
     * @param basePath the base path, e.g. {@code /latenode/v1/whitelabel}; empty for none
     * @return the view
     */
    public Faults under(String basePath) {
        Objects.requireNonNull(basePath, "basePath");
        if (!basePath.isEmpty() && (!basePath.startsWith("/") || basePath.endsWith("/"))) {
            throw new IllegalArgumentException("a base path starts with '/' and does not end with one: " + basePath);
        }
        return new Faults(table, prefix + basePath, ignoreCase);
    }

    /**
     * Injects a rule; it is active at once (its time window starts now).
     *
     * @param rule the rule
     * @return a handle to watch or cancel the injected rule
     */
    public Injection inject(FaultRule rule) {
        Objects.requireNonNull(rule, "rule");
        RequestMatcher exact = RequestMatcher.of(rule.method(), prefix + rule.pathPattern());
        RequestMatcher matcher = ignoreCase ? exact.ignoringCase() : exact;
        synchronized (table) {
            Instant until = rule.window().map(w -> table.clock.instant().plus(w)).orElse(null);
            Injection injection = new Injection(table, rule, matcher, until);
            table.rules.add(injection);
            return injection;
        }
    }

    /**
     * Removes every injected rule.
     *
     * @return this
     */
    public Faults clear() {
        synchronized (table) {
            for (Injection i : table.rules) {
                i.cancelled = true;
            }
            table.rules.clear();
        }
        return this;
    }

    /**
     * The rules still active: neither used up, nor past their window, nor cancelled.
     *
     * @return an immutable snapshot, in injection order
     */
    public List<FaultRule> active() {
        synchronized (table) {
            Instant now = table.clock.instant();
            List<FaultRule> out = new ArrayList<>();
            for (Injection i : table.rules) {
                if (i.activeAt(now)) {
                    out.add(i.rule);
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * Sets the clock by which {@link FaultRule#during time windows} are measured (the system clock
     * by default), e.g. a test's controllable clock. A rule's window ends at its injection time
     * plus its length, both read from the clock in use when the rule is injected.
     *
     * @param clock the clock
     * @return this
     */
    public Faults clock(Clock clock) {
        Objects.requireNonNull(clock, "clock");
        synchronized (table) {
            table.clock = clock;
        }
        return this;
    }

    /**
     * Makes random latencies and the draws of {@link FaultRule#withProbability random rules}
     * reproducible.
     *
     * @param seed the seed of the random values drawn from now on
     * @return this
     */
    public Faults seed(long seed) {
        synchronized (table) {
            table.random = new SplittableRandom(seed);
        }
        return this;
    }

    @Override
    public String toString() {
        return "Faults" + active();
    }

    /**
     * Finds and uses up the rule that hits a request, if any.
     *
     * @param method the request method
     * @param path the raw request path
     * @return the hit, or null
     */
    Hit take(String method, String path) {
        synchronized (table) {
            if (table.rules.isEmpty()) {
                return null;
            }
            Instant now = table.clock.instant();
            for (Iterator<Injection> it = table.rules.iterator(); it.hasNext(); ) {
                Injection i = it.next();
                if (!i.activeAt(now)) {
                    it.remove();
                    continue;
                }
                if (i.matcher.matches(method, path)) {
                    if (i.rule.probability() < 1.0 && table.random.nextDouble() >= i.rule.probability()) {
                        continue; // not this time: a later rule may hit
                    }
                    i.hits++;
                    FaultRule r = i.rule;
                    Duration latency = r.minLatency();
                    if (!r.maxLatency().equals(r.minLatency())) {
                        long span = r.maxLatency().minus(r.minLatency()).toNanos();
                        latency = latency.plusNanos(table.random.nextLong(span + 1));
                    }
                    return new Hit(r, latency);
                }
            }
            return null;
        }
    }

    /** A rule that hits a request, with the latency drawn for it. */
    record Hit(FaultRule rule, Duration latency) {
    }

    /** The shared state of all views. */
    private static final class Table {
        final List<Injection> rules = new ArrayList<>();
        Clock clock = Clock.systemUTC();
        SplittableRandom random = new SplittableRandom();
    }

    /** One injected rule: watch how often it hit, or cancel it. Thread-safe. */
    public static final class Injection {
        private final Table lock;
        private final FaultRule rule;
        private final RequestMatcher matcher;
        private final Instant until;
        private int hits;
        private boolean cancelled;

        private Injection(Table table, FaultRule rule, RequestMatcher matcher, Instant until) {
            this.lock = table;
            this.rule = rule;
            this.matcher = matcher;
            this.until = until;
        }

        /**
         * The injected rule.
         *
         * @return the rule
         */
        public FaultRule rule() {
            return rule;
        }

        /**
         * How many requests the rule has hit so far.
         *
         * @return the count
         */
        public int hits() {
            synchronized (lock) {
                return hits;
            }
        }

        /**
         * Whether the rule still hits matching requests.
         *
         * @return false once used up, past its window or cancelled
         */
        public boolean isActive() {
            synchronized (lock) {
                return activeAt(lock.clock.instant());
            }
        }

        /** Removes the rule; it hits no further request. Idempotent. */
        public void cancel() {
            synchronized (lock) {
                cancelled = true;
            }
        }

        private boolean activeAt(Instant now) {
            return !cancelled && rule.times().map(n -> hits < n).orElse(true) && (until == null || now.isBefore(until));
        }

        @Override
        public String toString() {
            return "Injection[" + rule + ", hits=" + hits() + (isActive() ? "" : ", inactive") + "]";
        }
    }
}
