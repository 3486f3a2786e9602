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
 * <p>The default burst is 1: permits are spread evenly over the period, which is what a strict
 * server-side counter tolerates. Values are immutable; {@code with…} style methods return copies.
 *
 * @param name a label for errors and metrics
 * @param permits requests allowed per period, at least 1
 * @param period the period, positive
 * @param burst requests allowed back to back, between 1 and {@code permits}
 * @param methods upper-case HTTP methods this limit applies to; empty means all
 * @param pathPattern the path pattern this limit applies to, or null for all paths
 */
public record RateLimit(String name, int permits, Duration period, int burst, Set<String> methods, String pathPattern) {

    /**
     * Validates the values.
     *
     * @param name a label for errors and metrics
     * @param permits requests allowed per period, at least 1
     * @param period the period, positive
     * @param burst requests allowed back to back, between 1 and {@code permits}
     * @param methods upper-case HTTP methods this limit applies to; empty means all
     * @param pathPattern the path pattern this limit applies to, or null for all paths
     */
    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(methods, "methods");
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
     * A limit of {@code permits} per {@code period} on every request, burst 1.
     *
     * @param permits requests allowed per period, at least 1
     * @param period the period, positive
     * @return the limit
     * @throws IllegalArgumentException for a non-positive rate or period
     */
    public static RateLimit of(int permits, Duration period) {
        return new RateLimit(permits + "/" + period, permits, period, 1, Set.of(), null);
    }

    /**
     * @param newName a label for errors and metrics
     * @return a copy with that name
     */
    public RateLimit named(String newName) {
        return new RateLimit(newName, permits, period, burst, methods, pathPattern);
    }

    /**
     * @param newBurst requests allowed back to back, between 1 and permits
     * @return a copy with that burst
     */
    public RateLimit burst(int newBurst) {
        return new RateLimit(name, permits, period, newBurst, methods, pathPattern);
    }

    /**
     * @param httpMethods the HTTP methods this limit applies to
     * @return a copy that applies only to those methods
     */
    public RateLimit methods(String... httpMethods) {
        return new RateLimit(name, permits, period, burst, Set.copyOf(Arrays.asList(httpMethods)), pathPattern);
    }

    /**
     * @param pattern the path pattern this limit applies to
     * @return a copy that applies only to matching paths
     */
    public RateLimit path(String pattern) {
        return new RateLimit(name, permits, period, burst, methods, Objects.requireNonNull(pattern, "pattern"));
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
