package dev.volga.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request as a {@link StubServer} received it.
 *
 * @param sequence position in arrival order, starting at 1 for the first request a server receives
 *     (not reset by {@link StubServer#reset()})
 * @param method the request method, e.g. {@code GET}
 * @param path the raw (not percent-decoded) path, without the query, e.g. {@code /v1/items/42}
 * @param rawQuery the raw query string without {@code ?}, empty if none
 * @param queryParams the decoded query parameters in order of appearance; immutable
 * @param headers the request headers; names are case-insensitive; immutable
 * @param body the request body, empty if none; the accessor returns a copy
 * @param receivedAt when the request line and headers arrived
 */
public record RecordedRequest(long sequence, String method, String path, String rawQuery,
        Map<String, List<String>> queryParams, Map<String, List<String>> headers, byte[] body,
        Instant receivedAt) {

    /**
     * Validates and copies the components: maps and lists become immutable, header names
     * case-insensitive, the body is copied.
     *
     * @param sequence position in arrival order
     * @param method the request method
     * @param path the raw path without the query
     * @param rawQuery the raw query string, empty if none
     * @param queryParams the decoded query parameters
     * @param headers the request headers
     * @param body the request body
     * @param receivedAt when the request arrived
     */
    public RecordedRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(rawQuery, "rawQuery");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Map<String, List<String>> query = new LinkedHashMap<>();
        Objects.requireNonNull(queryParams, "queryParams").forEach((k, v) -> query.put(k, List.copyOf(v)));
        queryParams = Collections.unmodifiableMap(query);
        Map<String, List<String>> hdrs = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Objects.requireNonNull(headers, "headers").forEach((k, v) -> hdrs.merge(k, List.copyOf(v), (a, b) -> {
            List<String> all = new ArrayList<>(a);
            all.addAll(b);
            return List.copyOf(all);
        }));
        headers = Collections.unmodifiableMap(hdrs);
        body = Objects.requireNonNull(body, "body").clone();
    }

    /**
     * The request body.
     *
     * @return a copy of the body bytes
     */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, case-insensitive
     * @return the value, or empty if absent
     */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter name, case-sensitive
     * @return the decoded value, or empty if absent
     */
    public Optional<String> queryParam(String name) {
        List<String> values = queryParams.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The body decoded as UTF-8.
     *
     * @return the body text, empty if there is no body
     */
    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * The path with the raw query, as on the request line, e.g. {@code /items?page=2}.
     *
     * @return path and query
     */
    public String uri() {
        return rawQuery.isEmpty() ? path : path + "?" + rawQuery;
    }

    /**
     * Compares all components, the body by content.
     *
     * @param o the other object
     * @return whether both describe the same request
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof RecordedRequest r && sequence == r.sequence && method.equals(r.method)
                && path.equals(r.path) && rawQuery.equals(r.rawQuery) && queryParams.equals(r.queryParams)
                && headers.equals(r.headers) && Arrays.equals(body, r.body) && receivedAt.equals(r.receivedAt);
    }

    /**
     * A hash over all components, the body by content.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(sequence, method, path, rawQuery, queryParams, headers, Arrays.hashCode(body), receivedAt);
    }

    /**
     * A description without the body bytes (only their count).
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "RecordedRequest[#" + sequence + " " + method + " " + uri() + ", headers=" + headers + ", body="
                + body.length + " bytes, receivedAt=" + receivedAt + "]";
    }
}
