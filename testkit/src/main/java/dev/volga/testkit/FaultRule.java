package dev.volga.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One fault to inject into a stub: what goes wrong ({@link Kind}), which requests it hits (a method
 * and path pattern, or all) and for how long (the next N matching calls, a time window, or until
 * removed), and whether it hits every such request or only some, at random ({@link #withProbability}).
 * Immutable; every modifier returns a copy. Inject it with {@link Faults#inject}, which
 * every stub offers the same way:
 *
 * <pre>{@code
 * nodul.faults().inject(FaultRule.status(503).on("GET", "/plans").times(2));
 * endocs.faults().inject(FaultRule.tooManyRequests(Duration.ofSeconds(1)).times(3));
 * clodo.faults().inject(FaultRule.unauthorized().on("GET", "/v1/servers/**").times(1));
 * stub.faults().inject(FaultRule.latency(Duration.ofMillis(50), Duration.ofMillis(200)).during(Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>Error answers ({@link #status}, {@link #tooManyRequests}, {@link #unauthorized},
 * {@link #malformedBody}) are written in the stub's own wire form (its {@link FaultDialect}), e.g.
 * Nodul's {@code success:false} envelope or EnDocs' {@code #err-40} text, so a client meets what the
 * real server would send. Transport faults ({@link #truncatedBody}, {@link #slowBody},
 * {@link #latency}) distort the answer the stub would have given anyway.
 *
 * <p>Paths are patterns as for {@link StubServer#route}: literal segments, {@code *} or
 * {@code {name}} for one segment, a trailing {@code **} for any rest. A provider stub's
 * {@code faults()} reads them as its {@code requests(method, path)} does (Nodul: after its base
 * path).
 */
public final class FaultRule {

    /** What a {@link FaultRule} does to a request it hits. */
    public enum Kind {
        /** Wait a fixed or random time, then answer normally. */
        LATENCY,
        /** Answer with an error status (e.g. 500, 502, 503, 504) in the provider's error form. */
        STATUS,
        /** Answer 429 in the provider's error form, with {@code Retry-After} if one was given. */
        TOO_MANY_REQUESTS,
        /** Answer 401 as for a missing, unknown or expired token, in the provider's form. */
        UNAUTHORIZED,
        /** Answer 200 with a body in the provider's content type that cannot be parsed. */
        MALFORMED_BODY,
        /** Send the normal answer with a {@code Content-Length} larger than what is sent, then close. */
        TRUNCATED_BODY,
        /** Close the connection before reading the request body, without an answer. */
        DROP_BEFORE_READ,
        /** Read the whole request, then close the connection without an answer. */
        DROP_AFTER_READ,
        /** Send the normal answer's body a few bytes at a time with a pause between them. */
        SLOW_BODY,
        /**
         * Send the normal answer with one extra header so long that a client's HTTP decoder
         * refuses the response (Netty's default limit is 8 KiB for all headers).
         */
        OVERSIZED_HEADER
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;
    private final Duration minLatency;
    private final Duration maxLatency;
    private final int chunkBytes;
    private final Duration pause;
    private final String method;
    private final String pathPattern;
    private final int times;
    private final Duration window;
    private final double probability;

    private FaultRule(Kind kind, int status, Duration retryAfter, Duration minLatency, Duration maxLatency,
            int chunkBytes, Duration pause, String method, String pathPattern, int times, Duration window) {
        this(kind, status, retryAfter, minLatency, maxLatency, chunkBytes, pause, method, pathPattern, times, window, 1.0);
    }

    private FaultRule(Kind kind, int status, Duration retryAfter, Duration minLatency, Duration maxLatency,
            int chunkBytes, Duration pause, String method, String pathPattern, int times, Duration window,
            double probability) {
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
        this.minLatency = minLatency;
        this.maxLatency = maxLatency;
        this.chunkBytes = chunkBytes;
        this.pause = pause;
        this.method = method;
        this.pathPattern = pathPattern;
        this.times = times;
        this.window = window;
        this.probability = probability;
    }

    private static FaultRule of(Kind kind) {
        return new FaultRule(kind, 0, null, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, "*", "/**", 0, null);
    }

    /**
     * Answers every hit request after a fixed wait, then normally. The wait runs on a timer.
     *
     * @param latency the wait, not negative
     * @return the rule, hitting every request until limited
     */
    public static FaultRule latency(Duration latency) {
        return latency(latency, latency);
    }

    /**
     * Answers every hit request after a random wait between {@code min} and {@code max} (uniform,
     * both inclusive; reproducible with {@link Faults#seed(long)}), then normally.
     *
     * @param min the shortest wait, not negative
     * @param max the longest wait, not shorter than {@code min}
     * @return the rule, hitting every request until limited
     */
    public static FaultRule latency(Duration min, Duration max) {
        requireNotNegative(min, "min");
        requireNotNegative(max, "max");
        if (max.compareTo(min) < 0) {
            throw new IllegalArgumentException("max latency " + max + " is shorter than min " + min);
        }
        FaultRule r = of(Kind.LATENCY);
        return new FaultRule(r.kind, 0, null, min, max, 0, Duration.ZERO, r.method, r.pathPattern, 0, null);
    }

    /**
     * Answers with an error status in the provider's error form, e.g. 500, 502, 503 or 504.
     *
     * @param status the HTTP status, 400 to 599
     * @return the rule, hitting every request until limited
     */
    public static FaultRule status(int status) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error status is 400 to 599: " + status);
        }
        FaultRule r = of(Kind.STATUS);
        return new FaultRule(r.kind, status, null, r.minLatency, r.maxLatency, 0, Duration.ZERO, r.method,
                r.pathPattern, 0, null);
    }

    /**
     * Answers 429 in the provider's error form without {@code Retry-After}.
     *
     * @return the rule, hitting every request until limited
     */
    public static FaultRule tooManyRequests() {
        FaultRule r = of(Kind.TOO_MANY_REQUESTS);
        return new FaultRule(r.kind, 429, null, r.minLatency, r.maxLatency, 0, Duration.ZERO, r.method,
                r.pathPattern, 0, null);
    }

    /**
     * Answers 429 in the provider's error form with {@code Retry-After} in whole seconds (rounded
     * up, so a client never retries early).
     *
     * @param retryAfter the pause to ask for, not negative
     * @return the rule, hitting every request until limited
     */
    public static FaultRule tooManyRequests(Duration retryAfter) {
        requireNotNegative(retryAfter, "retryAfter");
        FaultRule r = of(Kind.TOO_MANY_REQUESTS);
        return new FaultRule(r.kind, 429, retryAfter, r.minLatency, r.maxLatency, 0, Duration.ZERO, r.method,
                r.pathPattern, 0, null);
    }

    /**
     * Answers 401 as the provider does for a missing, unknown or expired token (Nodul's
     * {@code auth.Unauthorized} envelope, EnDocs' {@code #err-40}, Clodo's 401, after which a Clodo
     * client logs in again; the Clodo stub also forgets the token the request carried).
     *
     * @return the rule, hitting every request until limited
     */
    public static FaultRule unauthorized() {
        FaultRule r = of(Kind.UNAUTHORIZED);
        return new FaultRule(r.kind, 401, null, r.minLatency, r.maxLatency, 0, Duration.ZERO, r.method,
                r.pathPattern, 0, null);
    }

    /**
     * Answers 200 with the provider's content type and a body that cannot be parsed (cut-off JSON,
     * or XML for a Clodo request that accepts XML).
     *
     * @return the rule, hitting every request until limited
     */
    public static FaultRule malformedBody() {
        return of(Kind.MALFORMED_BODY);
    }

    /**
     * Sends status and headers of the normal answer with a {@code Content-Length} larger than the
     * body, sends at most half of the body, then closes the connection. A normal answer that has
     * no body by definition (204, 304) is still cut off, but a client may accept it as complete.
     *
     * @return the rule, hitting every request until limited
     */
    public static FaultRule truncatedBody() {
        return of(Kind.TRUNCATED_BODY);
    }

    /**
     * Closes the connection after the request line and headers, before reading the body, without an
     * answer. The request is journaled with an empty body.
     *
     * @return the rule, hitting every request until limited
     */
    public static FaultRule dropBeforeRead() {
        return of(Kind.DROP_BEFORE_READ);
    }

    /**
     * Reads and journals the whole request, then closes the connection without an answer (the
     * server may have acted on it: a client must not repeat a non-idempotent request).
     *
     * @return the rule, hitting every request until limited
     */
    public static FaultRule dropAfterRead() {
        return of(Kind.DROP_AFTER_READ);
    }

    /**
     * Sends the normal answer's body {@code chunkBytes} at a time with {@code pause} before each
     * chunk (the pauses run on a timer).
     *
     * @param chunkBytes bytes per chunk, at least 1
     * @param pause the pause before each chunk, not negative
     * @return the rule, hitting every request until limited
     */
    public static FaultRule slowBody(int chunkBytes, Duration pause) {
        if (chunkBytes < 1) {
            throw new IllegalArgumentException("chunkBytes must be at least 1: " + chunkBytes);
        }
        requireNotNegative(pause, "pause");
        FaultRule r = of(Kind.SLOW_BODY);
        return new FaultRule(r.kind, 0, null, r.minLatency, r.maxLatency, chunkBytes, pause, r.method, r.pathPattern,
                0, null);
    }

    /**
     * Sends the normal answer with an extra header {@code X-Oversized} whose value is {@code bytes}
     * long, e.g. 200 KiB: a response whose head a client's HTTP decoder refuses.
     *
     * @param bytes the header value's length, at least 1
     * @return the rule, hitting every request until limited
     */
    public static FaultRule oversizedHeader(int bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes must be at least 1: " + bytes);
        }
        FaultRule r = of(Kind.OVERSIZED_HEADER);
        return new FaultRule(r.kind, 0, null, r.minLatency, r.maxLatency, bytes, Duration.ZERO, r.method, r.pathPattern,
                0, null);
    }

    /**
     * Limits the rule to one endpoint (or a family of them).
     *
     * @param method the method, or {@code "*"} for any
     * @param pathPattern the path pattern, starting with {@code /}
     * @return a copy hitting only matching requests
     */
    public FaultRule on(String method, String pathPattern) {
        RequestMatcher.of(method, pathPattern); // validates
        return new FaultRule(kind, status, retryAfter, minLatency, maxLatency, chunkBytes, pause, method, pathPattern,
                times, window, probability);
    }

    /**
     * Limits the rule to the next {@code n} matching requests (combined with {@link #during}, the
     * rule ends with whichever comes first).
     *
     * @param n how many requests, at least 1
     * @return a copy ending after {@code n} hits
     */
    public FaultRule times(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + n);
        }
        return new FaultRule(kind, status, retryAfter, minLatency, maxLatency, chunkBytes, pause, method, pathPattern,
                n, window, probability);
    }

    /**
     * Limits the rule to a time window that starts when it is injected, measured by the
     * {@link Faults#clock(java.time.Clock) faults' clock}.
     *
     * @param window how long the rule stays active, positive
     * @return a copy ending after the window
     */
    public FaultRule during(Duration window) {
        Objects.requireNonNull(window, "window");
        if (window.isZero() || window.isNegative()) {
            throw new IllegalArgumentException("window must be positive: " + window);
        }
        return new FaultRule(kind, status, retryAfter, minLatency, maxLatency, chunkBytes, pause, method, pathPattern,
                times, window, probability);
    }

    /**
     * Makes the rule hit each matching request only by chance, for random faults under load: a
     * request it does not hit is left to the later rules, and does not count against
     * {@link #times}. The draws come from the faults' random source, so a
     * {@link Faults#seed(long) seed} makes the sequence of draws reproducible (which request gets a
     * draw still depends on the order in which concurrent requests arrive).
     *
     * <pre>{@code
     * stub.faults().seed(8).inject(FaultRule.status(503).withProbability(0.01)); // about 1 request in 100
     * }</pre>
     *
     * @param p the chance of a hit, greater than 0 and at most 1 (1, the default, hits every match)
     * @return a copy hitting by chance
     */
    public FaultRule withProbability(double p) {
        if (!(p > 0.0 && p <= 1.0)) {
            throw new IllegalArgumentException("probability must be greater than 0 and at most 1: " + p);
        }
        return new FaultRule(kind, status, retryAfter, minLatency, maxLatency, chunkBytes, pause, method, pathPattern,
                times, window, p);
    }

    /**
     * What the rule does.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The HTTP status of an error answer.
     *
     * @return 429 for {@link Kind#TOO_MANY_REQUESTS}, 401 for {@link Kind#UNAUTHORIZED}, the given
     *     status for {@link Kind#STATUS}, 0 otherwise
     */
    public int status() {
        return status;
    }

    /**
     * The pause a 429 asks for.
     *
     * @return the {@code Retry-After}, empty if none is sent or the kind is not 429
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * The {@code Retry-After} header value: whole seconds, rounded up.
     *
     * @return the value, empty if none is sent
     */
    public Optional<String> retryAfterHeader() {
        return retryAfter().map(FaultRule::seconds);
    }

    /**
     * The shortest wait of a {@link Kind#LATENCY} rule.
     *
     * @return the wait, zero for other kinds
     */
    public Duration minLatency() {
        return minLatency;
    }

    /**
     * The longest wait of a {@link Kind#LATENCY} rule.
     *
     * @return the wait, zero for other kinds
     */
    public Duration maxLatency() {
        return maxLatency;
    }

    /**
     * Bytes per chunk of a {@link Kind#SLOW_BODY} rule, or the header value's length of an
     * {@link Kind#OVERSIZED_HEADER} rule.
     *
     * @return the size, 0 for other kinds
     */
    public int chunkBytes() {
        return chunkBytes;
    }

    /**
     * Pause before each chunk of a {@link Kind#SLOW_BODY} rule.
     *
     * @return the pause, zero for other kinds
     */
    public Duration pause() {
        return pause;
    }

    /**
     * The targeted method.
     *
     * @return the method, {@code "*"} for any
     */
    public String method() {
        return method;
    }

    /**
     * The targeted path pattern.
     *
     * @return the pattern, {@code "/**"} for any
     */
    public String pathPattern() {
        return pathPattern;
    }

    /**
     * How many requests the rule hits.
     *
     * @return the count, empty if unlimited
     */
    public Optional<Integer> times() {
        return times == 0 ? Optional.empty() : Optional.of(times);
    }

    /**
     * How long the rule stays active after injection.
     *
     * @return the window, empty if unlimited
     */
    public Optional<Duration> window() {
        return Optional.ofNullable(window);
    }

    /**
     * The chance that the rule hits a matching request.
     *
     * @return 1 unless set with {@link #withProbability}
     */
    public double probability() {
        return probability;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FaultRule r && kind == r.kind && status == r.status && Objects.equals(retryAfter, r.retryAfter)
                && minLatency.equals(r.minLatency) && maxLatency.equals(r.maxLatency) && chunkBytes == r.chunkBytes
                && pause.equals(r.pause) && method.equals(r.method) && pathPattern.equals(r.pathPattern)
                && times == r.times && Objects.equals(window, r.window)
                && Double.compare(probability, r.probability) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, status, retryAfter, minLatency, maxLatency, chunkBytes, pause, method, pathPattern,
                times, window, probability);
    }

    /**
     * A readable description, e.g. {@code STATUS 503 on GET /plans, 2 times}.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name());
        switch (kind) {
            case STATUS -> sb.append(' ').append(status);
            case TOO_MANY_REQUESTS -> retryAfterHeader().ifPresent(s -> sb.append(" Retry-After ").append(s));
            case LATENCY -> sb.append(' ').append(minLatency.toMillis())
                    .append(minLatency.equals(maxLatency) ? "" : ".." + maxLatency.toMillis()).append(" ms");
            case SLOW_BODY -> sb.append(' ').append(chunkBytes).append(" bytes every ").append(pause.toMillis())
                    .append(" ms");
            case OVERSIZED_HEADER -> sb.append(' ').append(chunkBytes).append(" bytes");
            default -> {
            }
        }
        sb.append(" on ").append(method).append(' ').append(pathPattern);
        if (times > 0) {
            sb.append(", ").append(times).append(times == 1 ? " time" : " times");
        }
        if (window != null) {
            sb.append(", during ").append(window);
        }
        if (probability < 1.0) {
            sb.append(", with probability ").append(probability);
        }
        return sb.toString();
    }

    static String seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Long.toString(s);
    }

    private static void requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
