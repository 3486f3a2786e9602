package dev.volga.testkit;

import java.util.List;
import java.util.Objects;

/**
 * A method and path pattern, as used by {@link StubServer#route}, {@link StubServer#enqueue(String,
 * String, StubResponse)} and {@link StubServer#requests}.
 *
 * <p>Method {@code "*"} matches any method; otherwise methods compare case-insensitively. The path
 * pattern starts with {@code /}; each segment is literal, or {@code *} or {@code {name}} for exactly
 * one non-empty segment; a last segment {@code **} matches any rest, including none. Paths are
 * compared raw (not percent-decoded), segment by segment, so {@code /a} does not match {@code /a/}.
 */
record RequestMatcher(String method, String pattern, List<String> segments, boolean ignoreCase) {

    static RequestMatcher of(String method, String pattern) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(pattern, "pathPattern");
        if (method.isBlank()) {
            throw new IllegalArgumentException("blank method");
        }
        if (!pattern.startsWith("/")) {
            throw new IllegalArgumentException("path pattern must start with '/': " + pattern);
        }
        List<String> segments = split(pattern);
        for (int i = 0; i < segments.size(); i++) {
            if (segments.get(i).equals("**") && i != segments.size() - 1) {
                throw new IllegalArgumentException("'**' is allowed only as the last segment: " + pattern);
            }
        }
        return new RequestMatcher(method, pattern, segments, false);
    }

    /** The same pattern with literal segments compared case-insensitively (for ASP.NET-like servers). */
    RequestMatcher ignoringCase() {
        return new RequestMatcher(method, pattern, segments, true);
    }

    boolean matches(String requestMethod, String path) {
        return (method.equals("*") || method.equalsIgnoreCase(requestMethod)) && matchesPath(path);
    }

    private boolean matchesPath(String path) {
        if (!path.startsWith("/")) {
            return false;
        }
        if (segments.size() == 1 && segments.get(0).equals("**")) {
            return true; // "/**": any path, no need to split it (the common case of faults under load)
        }
        List<String> actual = split(path);
        int n = segments.size();
        boolean rest = n > 0 && segments.get(n - 1).equals("**");
        int fixed = rest ? n - 1 : n;
        if (rest ? actual.size() < fixed : actual.size() != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            String p = segments.get(i);
            String a = actual.get(i);
            boolean wildcard = p.equals("*") || (p.length() > 2 && p.startsWith("{") && p.endsWith("}"));
            if (wildcard ? a.isEmpty() : !(ignoreCase ? p.equalsIgnoreCase(a) : p.equals(a))) {
                return false;
            }
        }
        return true;
    }

    /** Segments after the leading slash; "/" has one empty segment, trailing slashes are kept. */
    private static List<String> split(String path) {
        return List.of(path.substring(1).split("/", -1));
    }

    @Override
    public String toString() {
        return method + " " + pattern;
    }
}
