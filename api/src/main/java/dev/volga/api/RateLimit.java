package dev.volga.api;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One client-side limit: at most {@code permits} requests per {@code period}, with up to
 * {@code burst} of them allowed back to back, applied to the requests it matches.
 *
 * <p>A limit matches by HTTP method (none given: every method) and by path pattern (none given:
 * every path). A pattern is a path of segments where {@code *} or {@code {name}} matches exactly
 * one segment and a trailing {@code **} matches any rest, e.g. {@code /servers}, {@code /servers/*},
 * {@code /v1/**}. A request must hold a permit of every limit that matches it.
 *
 * <pre>{@code
 * RateLimit posts   = RateLimit.of(10, Duration.ofMinutes(1)).methods("POST");
 * RateLimit servers = RateLimit.of(50, Duration.ofDays(1)).methods("POST").path("/servers");
 * }</pre>
 *
 * <h2>What the limiter guarantees, and the margin it keeps</h2>
 * A server counts a quota by the instants requests <em>arrive</em>, over any window of
 * {@code period} (a sliding-window counter) or over clock-aligned windows (a fixed-window counter,
 * e.g. per clock minute; each of its windows is one of the sliding ones). The client only knows
 * the instants it grants permits; a request arrives some delay later, and that delay varies (a cold
 * connection first needs its TCP and TLS handshakes: 0.5 s measured against a remote server). Even
 * spacing alone is not enough: 20 per minute spread evenly sends the 21st request exactly 60 s
 * after the 1st, and if the 1st took 0.5 s longer to arrive, a sliding 60 s window at the server
 * holds 21.
 *
 * <p>So the limiter lets at most {@code permits} requests go in any span of time shorter than
 * {@code period + margin} ({@link #window()}), besides spacing them by the token bucket of
 * {@code burst}. If two requests' delays to the server differ by less than {@code margin}, any
 * {@code period} at the server (sliding, or aligned to the clock) sees at most {@code permits} of
 * them: requests that arrive within one server window of length {@code period} left the client
 * within less than {@code period + margin} of each other. The price is throughput: at most
 * {@code permits} per {@code period + margin}, a share {@code period / (period + margin)} of the
 * quota. The default margin is 1 % of the period, at most 1 s ({@link #defaultMargin(Duration)}:
 * 0.6 s for a minute, 0.99 of the quota); set a larger one with {@link #margin(Duration)} when the
 * delays to a server vary more, or {@link Duration#ZERO} for a server whose quota is a token
 * bucket itself.
 *
 * <p>The default burst is 1: permits are spread evenly, {@code period / permits} apart, and each
 * {@code permits}-th waits {@code margin} longer. A larger burst lets requests go back to back,
 * still at most {@code permits} in any {@link #window()}. Values are immutable; {@code with…}
 * style methods return copies.
 *
 * @param name a label for errors and metrics
 * @param permits requests allowed per period, at least 1
 * @param period the period, positive
 * @param burst requests allowed back to back, between 1 and {@code permits}
 * @param methods upper-case HTTP methods this limit applies to; empty means all
 * @param pathPattern the path pattern this limit applies to, or null for all paths
 * @param margin how much longer than {@code period} the span is in which at most {@code permits}
 *               requests go (see above), not negative
 */
public record RateLimit(String name, int permits, Duration period, int burst, Set<String> methods, String pathPattern,
                        Duration margin) {

    /**
     * Validates the values.
     *
     * @param name a label for errors and metrics
     * @param permits requests allowed per period, at least 1
     * @param period the period, positive
     * @param burst requests allowed back to back, between 1 and {@code permits}
     * @param methods upper-case HTTP methods this limit applies to; empty means all
     * @param pathPattern the path pattern this limit applies to, or null for all paths
     * @param margin how much longer than {@code period} the span is in which at most
     *               {@code permits} requests go, not negative
     */
    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(margin, "margin");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("margin must not be negative, was " + margin);
        }
        if (permits < 1) {
            throw new IllegalArgumentException("permits must be at least 1, was " + permits);
        }
        if (period.isZero() || period.isNegative()) {
            throw new IllegalArgumentException("period must be positive, was " + period);
        }
        if (burst < 1 || burst > permits) {
            throw new IllegalArgumentException("burst must be between 1 and permits (" + permits + "), was " + burst);
        }
        methods = methods.stream().map(m -> Objects.requireNonNull(m, "method").trim().toUpperCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (pathPattern != null) {
            if (pathPattern.isBlank() || !pathPattern.startsWith("/")) {
                throw new IllegalArgumentException("pathPattern must start with '/', was '" + pathPattern + "'");
            }
        }
    }

    /**
     * A limit with the {@link #defaultMargin(Duration) default margin} of its period.
     *
     * @param name a label for errors and metrics
     * @param permits requests allowed per period, at least 1
     * @param period the period, positive
     * @param burst requests allowed back to back, between 1 and {@code permits}
     * @param methods upper-case HTTP methods this limit applies to; empty means all
     * @param pathPattern the path pattern this limit applies to, or null for all paths
     */
    public RateLimit(String name, int permits, Duration period, int burst, Set<String> methods, String pathPattern) {
        this(name, permits, period, burst, methods, pathPattern, defaultMargin(period));
    }

    /**
     * The margin a limit keeps unless told otherwise: 1 % of the period, at most 1 second (60 s:
     * 0.6 s; 1 s: 10 ms; a day: 1 s).
     *
     * @param period the period, positive
     * @return the margin
     */
    public static Duration defaultMargin(Duration period) {
        Objects.requireNonNull(period, "period");
        Duration share = period.dividedBy(100);
        return share.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : share;
    }

    /**
     * A limit of {@code permits} per {@code period} on every request, burst 1, the default margin.
     *
     * @param permits requests allowed per period, at least 1
     * @param period the period, positive
     * @return the limit
     * @throws IllegalArgumentException for a non-positive rate or period
     */
    public static RateLimit of(int permits, Duration period) {
        return new RateLimit(permits + "/" + period, permits, period, 1, Set.of(), null, defaultMargin(period));
    }

    /**
     * @param newName a label for errors and metrics
     * @return a copy with that name
     */
    public RateLimit named(String newName) {
        return new RateLimit(newName, permits, period, burst, methods, pathPattern, margin);
    }

    /**
     * @param newBurst requests allowed back to back, between 1 and permits
     * @return a copy with that burst
     */
    public RateLimit burst(int newBurst) {
        return new RateLimit(name, permits, period, newBurst, methods, pathPattern, margin);
    }

    /**
     * @param httpMethods the HTTP methods this limit applies to
     * @return a copy that applies only to those methods
     */
    public RateLimit methods(String... httpMethods) {
        return new RateLimit(name, permits, period, burst, Set.copyOf(Arrays.asList(httpMethods)), pathPattern, margin);
    }

    /**
     * @param pattern the path pattern this limit applies to
     * @return a copy that applies only to matching paths
     */
    public RateLimit path(String pattern) {
        return new RateLimit(name, permits, period, burst, methods, Objects.requireNonNull(pattern, "pattern"), margin);
    }

    /**
     * @param value how much longer than the period the span is in which at most {@code permits}
     *              requests go: at least the largest difference between two requests' delays
     *              to the server; {@link Duration#ZERO} for a server whose quota is a token bucket
     * @return a copy with that margin
     * @throws IllegalArgumentException if it is negative
     */
    public RateLimit margin(Duration value) {
        return new RateLimit(name, permits, period, burst, methods, pathPattern, Objects.requireNonNull(value, "margin"));
    }

    /**
     * The span in which at most {@code permits} requests go: {@code period + margin}.
     *
     * @return the window the limiter keeps
     */
    public Duration window() {
        return period.plus(margin);
    }

    /**
     * The time between two permits when permits are spread evenly.
     *
     * @return {@code period / permits}
     */
    public Duration interval() {
        return period.dividedBy(permits);
    }

    /**
     * Whether a request is subject to this limit.
     *
     * @param method the HTTP method
     * @param path the request path (without query)
     * @return true if it matches
     */
    public boolean matches(String method, String path) {
        if (!methods.isEmpty() && !methods.contains(method.toUpperCase(Locale.ROOT))) {
            return false;
        }
        return pathPattern == null || pathMatches(pathPattern, path);
    }

    static boolean pathMatches(String pattern, String path) {
        String[] p = split(pattern);
        String[] s = split(path);
        for (int i = 0; i < p.length; i++) {
            if (p[i].equals("**")) {
                return true;
            }
            if (i >= s.length) {
                return false;
            }
            boolean wildcard = p[i].equals("*") || (p[i].startsWith("{") && p[i].endsWith("}"));
            if (!wildcard && !p[i].equals(s[i])) {
                return false;
            }
        }
        return p.length == s.length;
    }

    private static String[] split(String path) {
        String trimmed = path;
        int q = trimmed.indexOf('?');
        if (q >= 0) {
            trimmed = trimmed.substring(0, q);
        }
        return Arrays.stream(trimmed.split("/")).filter(seg -> !seg.isEmpty()).toArray(String[]::new);
    }
}
