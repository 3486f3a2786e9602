package dev.volga.transport.spi;

import dev.volga.api.Secret;
import dev.volga.api.spi.TypeRef;
import dev.volga.transport.internal.Checks;
import dev.volga.transport.internal.Redactor;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One call a provider makes through the transport: method, path (relative to the client's base
 * URL), query, headers, optional body, whether it is safe to repeat, the operation name (for
 * metrics), and the type a successful response decodes to.
 *
 * <pre>{@code
 * ApiRequest<List<Plan>> req = ApiRequest.get("/plans").operation("plans.list").build(new TypeRef<List<Plan>>() {});
 * }</pre>
 *
 * <p>Immutable. Query parameters and headers marked secret (e.g. a token) are sent as they are and
 * masked as {@code ***} wherever the request is printed.
 *
 * @param <T> what a successful response decodes to
 */
public final class ApiRequest<T> {

    /** Methods that are safe to repeat by default (RFC 9110 idempotent methods). */
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "PUT", "DELETE", "OPTIONS", "TRACE");

    private final String method;
    private final String path;
    private final List<Param> query;
    private final List<Param> headers;
    private final Object body;
    private final boolean idempotent;
    private final String operation;
    private final TypeRef<T> responseType;
    private final String absoluteUrl;
    private final Integer maxResponseSize;
    private final java.time.Duration responseTimeout;
    private final TypeRef<?> elementType;
    private final List<String> listPath;

    private ApiRequest(Builder b, TypeRef<T> responseType) {
        this(b, responseType, null, null);
    }

    private ApiRequest(Builder b, TypeRef<T> responseType, TypeRef<?> elementType, List<String> listPath) {
        this.method = b.method;
        this.path = b.path;
        this.query = List.copyOf(b.query);
        this.headers = List.copyOf(b.headers);
        this.body = b.body;
        this.idempotent = b.idempotent != null ? b.idempotent : IDEMPOTENT.contains(b.method);
        // never the path by default: it may hold ids, and the operation is a metrics tag
        this.operation = b.operation != null ? b.operation : b.method;
        this.responseType = Objects.requireNonNull(responseType, "responseType");
        this.absoluteUrl = b.absoluteUrl;
        this.maxResponseSize = b.maxResponseSize;
        this.responseTimeout = b.responseTimeout;
        this.elementType = elementType;
        this.listPath = listPath;
    }

    /**
     * A name/value pair of the query or the headers.
     *
     * @param name the name
     * @param value the value (a secret's clear text when {@code secret} is true)
     * @param secret whether the value must be masked when printed
     */
    public record Param(String name, String value, boolean secret) {
        /**
         * Validates the fields.
         *
         * @param name the name
         * @param value the value (a secret's clear text when {@code secret} is true)
         * @param secret whether the value must be masked when printed
         */
        public Param {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return name + "=" + (secret ? Redactor.MASK : value);
        }
    }

    /**
     * @param method the HTTP method, e.g. {@code "PATCH"}
     * @param path the path relative to the base URL, starting with {@code /}
     * @return a builder
     */
    public static Builder builder(String method, String path) {
        return new Builder(method, path);
    }

    /**
     * @param path the path
     * @return a GET builder
     */
    public static Builder get(String path) {
        return builder("GET", path);
    }

    /**
     * @param path the path
     * @return a POST builder
     */
    public static Builder post(String path) {
        return builder("POST", path);
    }

    /**
     * @param path the path
     * @return a PUT builder
     */
    public static Builder put(String path) {
        return builder("PUT", path);
    }

    /**
     * @param path the path
     * @return a DELETE builder
     */
    public static Builder delete(String path) {
        return builder("DELETE", path);
    }

    /** @return the upper-case HTTP method */
    public String method() {
        return method;
    }

    /** @return the path relative to the base URL */
    public String path() {
        return path;
    }

    /** @return the query parameters in order */
    public List<Param> query() {
        return query;
    }

    /** @return the extra headers in order */
    public List<Param> headers() {
        return headers;
    }

    /** @return the body value to encode with the provider's codec, or null */
    public Object body() {
        return body;
    }

    /** @return whether repeating the request cannot duplicate an effect */
    public boolean idempotent() {
        return idempotent;
    }

    /** @return the operation name, e.g. {@code plans.list} */
    public String operation() {
        return operation;
    }

    /** @return what a successful response decodes to */
    public TypeRef<T> responseType() {
        return responseType;
    }

    /** @return an absolute URL that replaces base URL + path (used by logins), or null */
    public String absoluteUrl() {
        return absoluteUrl;
    }

    /** @return this request's response size cap, overriding the transport's, or null */
    public Integer maxResponseSize() {
        return maxResponseSize;
    }

    /** @return this request's response timeout, overriding the transport's, or null */
    public java.time.Duration responseTimeout() {
        return responseTimeout;
    }

    /**
     * @return for a listing ({@link Builder#buildList}), where its list is inside the payload,
     *         property by property (empty: the payload is the list); null for any other request
     */
    public List<String> listPath() {
        return listPath;
    }

    /** @return for a listing ({@link Builder#buildList}), the element type; null for any other request */
    public TypeRef<?> elementType() {
        return elementType;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(method).append(' ').append(absoluteUrl != null ? absoluteUrl : path);
        if (!query.isEmpty()) {
            sb.append('?');
            for (int i = 0; i < query.size(); i++) {
                sb.append(i == 0 ? "" : "&").append(query.get(i));
            }
        }
        return sb.append(" (").append(operation).append(')').toString();
    }

    /** Builds an {@link ApiRequest}; not thread-safe. */
    public static final class Builder {
        private final String method;
        private final String path;
        private final List<Param> query = new ArrayList<>();
        private final List<Param> headers = new ArrayList<>();
        private Object body;
        private Boolean idempotent;
        private String operation;
        private String absoluteUrl;
        private Integer maxResponseSize;
        private java.time.Duration responseTimeout;

        private Builder(String method, String path) {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            if (method.isBlank()) {
                throw new IllegalArgumentException("method must not be blank");
            }
            if (!path.startsWith("/")) {
                throw new IllegalArgumentException("path must start with '/', was '" + path + "'");
            }
            this.method = method.trim().toUpperCase(Locale.ROOT);
            this.path = path;
        }

        /**
         * Adds a query parameter (repeatable); a null value is skipped, so optional filters can be
         * passed straight through.
         *
         * @param name the name
         * @param value the value, {@code toString()}-ed; null to skip
         * @return this
         */
        public Builder query(String name, Object value) {
            Objects.requireNonNull(name, "name");
            if (value != null) {
                query.add(new Param(name, value.toString(), false));
            }
            return this;
        }

        /**
         * Adds a query parameter whose value is a secret (masked when printed).
         *
         * @param name the name
         * @param value the secret
         * @return this
         */
        public Builder query(String name, Secret value) {
            query.add(new Param(name, Objects.requireNonNull(value, name).reveal(), true));
            return this;
        }

        /**
         * Adds a header.
         *
         * @param name the name
         * @param value the value
         * @return this
         */
        public Builder header(String name, String value) {
            headers.add(new Param(name, value, false));
            return this;
        }

        /**
         * Adds a header whose value is a secret (masked when printed).
         *
         * @param name the name
         * @param value the secret
         * @return this
         */
        public Builder header(String name, Secret value) {
            headers.add(new Param(name, Objects.requireNonNull(value, name).reveal(), true));
            return this;
        }

        /**
         * Sets the body, encoded with the provider's codec (or sent as is when it is an
         * {@link dev.volga.api.spi.EncodedBody} or a {@link dev.volga.api.spi.StreamingBody}).
         * Allowed with every method, GET and DELETE included.
         *
         * @param value the body
         * @return this
         */
        public Builder body(Object value) {
            this.body = Objects.requireNonNull(value, "body");
            return this;
        }

        /**
         * Overrides whether the request is safe to repeat (default: true for GET, HEAD, PUT,
         * DELETE, OPTIONS).
         *
         * @param value true if repeating cannot duplicate an effect
         * @return this
         */
        public Builder idempotent(boolean value) {
            this.idempotent = value;
            return this;
        }

        /**
         * Names the operation for metrics and errors, e.g. {@code servers.create}; never a raw path
         * with ids. Without one, the operation is the HTTP method alone.
         *
         * @param value the name
         * @return this
         */
        public Builder operation(String value) {
            this.operation = Objects.requireNonNull(value, "operation");
            return this;
        }

        /**
         * Sends the request to this absolute URL instead of base URL + path (for logins that live
         * on another host). The path still drives rate-limit matching.
         *
         * @param url the absolute URL without query
         * @return this
         */
        public Builder absoluteUrl(String url) {
            this.absoluteUrl = Objects.requireNonNull(url, "url");
            return this;
        }

        /**
         * Raises (or lowers) the transport's response size cap for this request only, e.g. for a
         * file download.
         *
         * @param bytes the cap, positive
         * @return this
         */
        public Builder maxResponseSize(int bytes) {
            this.maxResponseSize = Checks.positive(bytes, "maxResponseSize");
            return this;
        }

        /**
         * Overrides the transport's response timeout for this request only.
         *
         * @param value the timeout, positive
         * @return this
         */
        public Builder responseTimeout(java.time.Duration value) {
            this.responseTimeout = Checks.positive(value, "responseTimeout");
            return this;
        }

        /**
         * @param responseType what a successful response decodes to
         * @param <T> the type
         * @return the request
         */
        public <T> ApiRequest<T> build(TypeRef<T> responseType) {
            return new ApiRequest<>(this, responseType);
        }

        /**
         * @param responseType what a successful response decodes to
         * @param <T> the type
         * @return the request
         */
        public <T> ApiRequest<T> build(Class<T> responseType) {
            return new ApiRequest<>(this, TypeRef.of(responseType));
        }

        /**
         * Builds a listing: a request whose payload holds a list of {@code element}s at
         * {@code path}. {@link ApiClient#exchangeMany} streams such a list element by element as the
         * body arrives (with backpressure, in bounded memory) when the provider's codec can
         * ({@link dev.volga.api.spi.Codec#elementReader}); {@link ApiClient#exchange} collects it.
         *
         * <pre>{@code
         * // Nodul: {"success": true, "data": {"plans": [ ... ]}}
         * ApiRequest<List<Plan>> plans = ApiRequest.get("/plans").operation("plans.list").buildList(TypeRef.of(Plan.class), "plans");
         * }</pre>
         *
         * @param element the element type
         * @param path where the list is inside the payload, property by property; none when the
         *             payload is the list itself
         * @param <E> the element type
         * @return the request
         * @throws IllegalArgumentException if a path segment is blank
         */
        public <E> ApiRequest<List<E>> buildList(TypeRef<E> element, String... path) {
            Objects.requireNonNull(element, "element");
            List<String> segments = List.of(Objects.requireNonNull(path, "path"));
            for (String segment : segments) {
                if (segment.isBlank()) {
                    throw new IllegalArgumentException("a list path segment must not be blank: " + segments);
                }
            }
            return new ApiRequest<>(this, TypeRef.listOf(element), element, segments);
        }
    }
}
