package dev.volga.testkit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assertions on a stub's request journal that need no assertion library: each returns this when it
 * holds and throws {@link AssertionError} with a readable message when it does not, listing the
 * requests involved as {@code #sequence METHOD path?query}. Query values whose names look like
 * credentials ({@code token}, {@code key}, {@code secret}, {@code password}, {@code auth}) are
 * shown as {@code ***}; headers and bodies are never listed, only compared, so no secret reaches a
 * test report.
 *
 * <p>Every stub offers it as {@code verify()}, reading paths as its {@code requests(method, path)}
 * does (the Nodul stub: after its base path). Each assertion reads the journal afresh.
 *
 * <pre>{@code
 * nodul.verify()
 *      .exactly(1, "POST", "/subscriptions")
 *      .bodiesSent("POST", "/subscriptions", "{\"user_id\":\"u1\",\"plan_id\":\"101\"}")
 *      .none("DELETE", "/**");
 * clodo.verify().exactlyOneLogin();
 * }</pre>
 */
public final class JournalAssertions {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_LISTED = 20;

    private final Supplier<List<RecordedRequest>> journal;
    private final String prefix;
    private final String loginMethod;
    private final String loginPath;
    private final Predicate<RecordedRequest> stale;
    private final boolean ignoreCase;

    private JournalAssertions(Supplier<List<RecordedRequest>> journal, String prefix, String loginMethod,
            String loginPath, Predicate<RecordedRequest> stale, boolean ignoreCase) {
        this.journal = journal;
        this.prefix = prefix;
        this.loginMethod = loginMethod;
        this.loginPath = loginPath;
        this.stale = stale;
        this.ignoreCase = ignoreCase;
    }

    /**
     * A copy that compares literal path segments case-insensitively, for servers that route
     * without regard to case (ASP.NET, e.g. EnDocs).
     *
     * @return the copy
     */
    public JournalAssertions ignoringPathCase() {
        return new JournalAssertions(journal, prefix, loginMethod, loginPath, stale, true);
    }

    /**
     * Assertions on a server's journal, paths as recorded.
     *
     * @param server the server
     * @return the assertions
     */
    public static JournalAssertions of(StubServer server) {
        Objects.requireNonNull(server, "server");
        return new JournalAssertions(server::journal, "", null, null, null, false);
    }

    /**
     * Assertions on a server's journal with paths relative to a base path.
     *
     * @param server the server
     * @param basePath the base path prepended to every pattern, e.g. {@code /latenode/v1/whitelabel}
     * @return the assertions
     */
    public static JournalAssertions of(StubServer server, String basePath) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(basePath, "basePath");
        return new JournalAssertions(server::journal, basePath, null, null, null, false);
    }

    /**
     * A copy that knows the API's login request, for {@link #logins(int)} and
     * {@link #exactlyOneLogin()}.
     *
     * @param method the login method
     * @param pathPattern the login path pattern (relative to the base path)
     * @return the copy
     */
    public JournalAssertions withLogin(String method, String pathPattern) {
        RequestMatcher.of(method, prefix + pathPattern);
        return new JournalAssertions(journal, prefix, method, pathPattern, stale, ignoreCase);
    }

    /**
     * A copy that knows which requests the stub refused for a stale token, for
     * {@link #noStaleToken()}.
     *
     * @param refusedForStaleToken true for a request the stub refused because its token was
     *     missing, unknown, replaced or expired when it arrived (not for injected faults)
     * @return the copy
     */
    public JournalAssertions withStaleTokens(Predicate<RecordedRequest> refusedForStaleToken) {
        return new JournalAssertions(journal, prefix, loginMethod, loginPath,
                Objects.requireNonNull(refusedForStaleToken, "refusedForStaleToken"), ignoreCase);
    }

    /**
     * Asserts that no request carried a stale token: none was refused because its token was
     * missing, unknown, replaced or expired when it arrived. A 401 injected as a fault does not
     * count; a request that repeats the token such a fault made the stub forget does.
     *
     * @return this
     * @throws AssertionError listing the refused requests, or if the stub does not know
     */
    public JournalAssertions noStaleToken() {
        if (stale == null) {
            throw new AssertionError("this stub does not track stale tokens");
        }
        return noRequest(stale, "carried a stale or unknown token");
    }

    /**
     * Asserts the number of requests matching a method and path pattern.
     *
     * @param expected the exact count
     * @param method the method, or {@code "*"}
     * @param pathPattern the path pattern
     * @return this
     * @throws AssertionError if the count differs
     */
    public JournalAssertions exactly(int expected, String method, String pathPattern) {
        List<RecordedRequest> hits = matching(method, pathPattern);
        if (hits.size() != expected) {
            throw new AssertionError("expected exactly " + expected + " request(s) matching " + what(method, pathPattern)
                    + " but received " + hits.size() + list(hits) + "\nall requests:" + list(journal.get()));
        }
        return this;
    }

    /**
     * Asserts that exactly one request matches.
     *
     * @param method the method, or {@code "*"}
     * @param pathPattern the path pattern
     * @return this
     * @throws AssertionError otherwise
     */
    public JournalAssertions exactlyOne(String method, String pathPattern) {
        return exactly(1, method, pathPattern);
    }

    /**
     * Asserts that at least {@code min} requests match.
     *
     * @param min the least count
     * @param method the method, or {@code "*"}
     * @param pathPattern the path pattern
     * @return this
     * @throws AssertionError if fewer match
     */
    public JournalAssertions atLeast(int min, String method, String pathPattern) {
        List<RecordedRequest> hits = matching(method, pathPattern);
        if (hits.size() < min) {
            throw new AssertionError("expected at least " + min + " request(s) matching " + what(method, pathPattern)
                    + " but received " + hits.size() + "\nall requests:" + list(journal.get()));
        }
        return this;
    }

    /**
     * Asserts that no request matches.
     *
     * @param method the method, or {@code "*"}
     * @param pathPattern the path pattern
     * @return this
     * @throws AssertionError listing the matching requests
     */
    public JournalAssertions none(String method, String pathPattern) {
        return exactly(0, method, pathPattern);
    }

    /**
     * Asserts the total number of requests.
     *
     * @param expected the count
     * @return this
     * @throws AssertionError if it differs
     */
    public JournalAssertions total(int expected) {
        List<RecordedRequest> all = journal.get();
        if (all.size() != expected) {
            throw new AssertionError("expected " + expected + " request(s) in all but received " + all.size() + list(all));
        }
        return this;
    }

    /**
     * Asserts a rate as the server saw it: in every window of {@code window} that starts at an
     * arrival, at most {@code max} requests arrived (by {@link RecordedRequest#receivedAt()}).
     *
     * @param max the most requests per window
     * @param window the window, e.g. one second
     * @return this
     * @throws AssertionError naming the first window over the bound
     */
    public JournalAssertions atMostPer(int max, java.time.Duration window) {
        List<java.time.Instant> arrivals = journal.get().stream().map(RecordedRequest::receivedAt).sorted().toList();
        int j = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            java.time.Instant end = arrivals.get(i).plus(window);
            j = Math.max(j, i);
            while (j < arrivals.size() && arrivals.get(j).isBefore(end)) {
                j++;
            }
            if (j - i > max) {
                throw new AssertionError((j - i) + " requests arrived within " + window + " from arrival " + i
                        + " (at " + arrivals.get(i) + "); at most " + max + " expected");
            }
        }
        return this;
    }

    /**
     * Asserts that the bodies of the requests matching a method and path were exactly these, in
     * order. Bodies that are both JSON are compared as JSON values (key order and whitespace do not
     * matter); others as UTF-8 text.
     *
     * @param method the method, or {@code "*"}
     * @param pathPattern the path pattern
     * @param expected the bodies
     * @return this
     * @throws AssertionError naming the first difference
     */
    public JournalAssertions bodiesSent(String method, String pathPattern, String... expected) {
        Objects.requireNonNull(expected, "expected");
        List<RecordedRequest> hits = matching(method, pathPattern);
        if (hits.size() != expected.length) {
            throw new AssertionError("expected " + expected.length + " body/bodies sent as " + what(method, pathPattern)
                    + " but " + hits.size() + " request(s) matched" + list(hits));
        }
        for (int i = 0; i < expected.length; i++) {
            String actual = hits.get(i).bodyText();
            if (!sameBody(expected[i], actual)) {
                throw new AssertionError("body " + (i + 1) + " of " + what(method, pathPattern) + " ("
                        + describe(hits.get(i)) + ") differs:\n  expected: " + expected[i] + "\n  actual:   " + actual);
            }
        }
        return this;
    }

    /**
     * Asserts that at least one request matching a method and path carried this body (compared as
     * in {@link #bodiesSent}).
     *
     * @param method the method, or {@code "*"}
     * @param pathPattern the path pattern
     * @param expected the body
     * @return this
     * @throws AssertionError if none did
     */
    public JournalAssertions bodySent(String method, String pathPattern, String expected) {
        Objects.requireNonNull(expected, "expected");
        List<RecordedRequest> hits = matching(method, pathPattern);
        for (RecordedRequest r : hits) {
            if (sameBody(expected, r.bodyText())) {
                return this;
            }
        }
        throw new AssertionError("no request matching " + what(method, pathPattern) + " carried the body " + expected
                + "; " + hits.size() + " request(s) matched" + list(hits));
    }

    /**
     * Asserts that every request matching a method and path satisfies a condition.
     *
     * @param method the method, or {@code "*"}
     * @param pathPattern the path pattern
     * @param condition the condition
     * @param description what the condition means, for the message, e.g. {@code "carries the token"}
     * @return this
     * @throws AssertionError listing the requests that fail it
     */
    public JournalAssertions every(String method, String pathPattern, Predicate<RecordedRequest> condition,
            String description) {
        Objects.requireNonNull(condition, "condition");
        List<RecordedRequest> bad = matching(method, pathPattern).stream().filter(condition.negate()).toList();
        if (!bad.isEmpty()) {
            throw new AssertionError("expected every request matching " + what(method, pathPattern) + " to satisfy: "
                    + description + ", but " + bad.size() + " did not" + list(bad));
        }
        return this;
    }

    /**
     * Asserts that no request satisfies a condition.
     *
     * @param condition the offending condition
     * @param description what it means, for the message, e.g. {@code "carried a stale token"}
     * @return this
     * @throws AssertionError listing the offending requests
     */
    public JournalAssertions noRequest(Predicate<RecordedRequest> condition, String description) {
        Objects.requireNonNull(condition, "condition");
        List<RecordedRequest> bad = journal.get().stream().filter(condition).toList();
        if (!bad.isEmpty()) {
            throw new AssertionError("expected no request that " + description + ", but " + bad.size() + " did"
                    + list(bad));
        }
        return this;
    }

    /**
     * Asserts the number of login requests (see {@link #withLogin}; each provider stub's
     * {@code verify()} knows its own, if the API has one).
     *
     * @param expected the count
     * @return this
     * @throws AssertionError if it differs, or if no login request is known
     */
    public JournalAssertions logins(int expected) {
        if (loginMethod == null) {
            throw new AssertionError("this API has no login request");
        }
        List<RecordedRequest> hits = matching(loginMethod, loginPath);
        if (hits.size() != expected) {
            throw new AssertionError("expected " + expected + " login(s) (" + what(loginMethod, loginPath) + ") but saw "
                    + hits.size() + list(hits) + "\nall requests:" + list(journal.get()));
        }
        return this;
    }

    /**
     * Asserts that the client logged in exactly once.
     *
     * @return this
     * @throws AssertionError otherwise
     */
    public JournalAssertions exactlyOneLogin() {
        return logins(1);
    }

    @Override
    public String toString() {
        return "JournalAssertions[" + (prefix.isEmpty() ? "/" : prefix) + "]";
    }

    /**
     * The line describing a request in failure messages: sequence, method, path and query with
     * credential-like values masked.
     *
     * @param request the request
     * @return e.g. {@code #3 GET /plans?AUTH_TOKEN=***&page=2}
     */
    public static String describe(RecordedRequest request) {
        StringBuilder sb = new StringBuilder("#").append(request.sequence()).append(' ').append(request.method())
                .append(' ').append(request.path());
        char sep = '?';
        for (Map.Entry<String, List<String>> p : request.queryParams().entrySet()) {
            for (String v : p.getValue()) {
                sb.append(sep).append(p.getKey()).append('=').append(secretName(p.getKey()) ? "***" : v);
                sep = '&';
            }
        }
        return sb.toString();
    }

    private List<RecordedRequest> matching(String method, String pathPattern) {
        RequestMatcher exact = RequestMatcher.of(method, prefix + pathPattern);
        RequestMatcher m = ignoreCase ? exact.ignoringCase() : exact;
        return journal.get().stream().filter(r -> m.matches(r.method(), r.path())).toList();
    }

    private String what(String method, String pathPattern) {
        return method + " " + prefix + pathPattern;
    }

    private static String list(List<RecordedRequest> requests) {
        if (requests.isEmpty()) {
            return " (none)";
        }
        List<String> lines = new ArrayList<>();
        for (RecordedRequest r : requests.subList(0, Math.min(MAX_LISTED, requests.size()))) {
            lines.add("\n  " + describe(r));
        }
        if (requests.size() > MAX_LISTED) {
            lines.add("\n  … and " + (requests.size() - MAX_LISTED) + " more");
        }
        return ":" + String.join("", lines);
    }

    private static boolean secretName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return Arrays.asList("token", "key", "secret", "password", "auth").stream().anyMatch(n::contains);
    }

    private static boolean sameBody(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        JsonNode e = json(expected);
        JsonNode a = e == null ? null : json(actual);
        return e != null && e.equals(a);
    }

    private static JsonNode json(String text) {
        String t = text.strip();
        if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
            return null;
        }
        try {
            return JSON.readTree(t);
        } catch (JacksonException e) {
            return null;
        }
    }
}
