package dev.volga.testkit;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to a stub's admin API: its method, its path below {@link StubServer#ADMIN_PREFIX}, the
 * values of the pattern's {@code {name}} segments, the query and the JSON object body.
 *
 * <p>The typed getters refuse a missing or mistyped field with an {@link AdminException} (400) that
 * names the field, so a handler validates by reading.
 */
public final class AdminRequest {

    private final String method;
    private final String path;
    private final Map<String, String> pathParams;
    private final Map<String, List<String>> query;
    private final Map<String, Object> body;

    AdminRequest(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query,
            Map<String, Object> body) {
        this.method = method;
        this.path = path;
        this.pathParams = Map.copyOf(pathParams);
        this.query = query;
        this.body = body;
    }

    /**
     * The HTTP method.
     *
     * @return the method, upper case
     */
    public String method() {
        return method;
    }

    /**
     * The path below the admin prefix, e.g. {@code /plans/7}.
     *
     * @return the path
     */
    public String path() {
        return path;
    }

    /**
     * The value of a {@code {name}} segment of the route's pattern.
     *
     * @param name the segment's name
     * @return its value
     * @throws IllegalArgumentException if the pattern has no such segment
     */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalArgumentException("the route has no path segment {" + name + "}");
        }
        return value;
    }

    /**
     * A path segment as a number.
     *
     * @param name the segment's name
     * @return its value
     * @throws AdminException (400) if it is not a whole number
     */
    public long pathLong(String name) {
        String value = pathParam(name);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw AdminException.badRequest("path segment " + name + " must be a whole number: " + value);
        }
    }

    /**
     * The first value of a query parameter.
     *
     * @param name the parameter
     * @return its value, or empty
     */
    public Optional<String> query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /**
     * The JSON object body, empty when the request had none.
     *
     * @return the fields, unmodifiable
     */
    public Map<String, Object> body() {
        return body;
    }

    /**
     * A required text field.
     *
     * @param name the field
     * @return its value
     * @throws AdminException (400) if it is missing or not a string
     */
    public String text(String name) {
        return optText(name).orElseThrow(() -> missing(name, "a string"));
    }

    /**
     * An optional text field.
     *
     * @param name the field
     * @return its value, or empty if absent or null
     * @throws AdminException (400) if it is present but not a string
     */
    public Optional<String> optText(String name) {
        Object v = body.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        throw wrong(name, "a string", v);
    }

    /**
     * A required whole-number field.
     *
     * @param name the field
     * @return its value
     * @throws AdminException (400) if it is missing or not a whole number
     */
    public long longValue(String name) {
        return optLong(name).orElseThrow(() -> missing(name, "a whole number"));
    }

    /**
     * An optional whole-number field.
     *
     * @param name the field
     * @return its value, or empty if absent or null
     * @throws AdminException (400) if it is present but not a whole number
     */
    public Optional<Long> optLong(String name) {
        Object v = body.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return Optional.of(((Number) v).longValue());
        }
        if (v instanceof java.math.BigInteger b && b.bitLength() < 64) {
            return Optional.of(b.longValue());
        }
        throw wrong(name, "a whole number", v);
    }

    /**
     * An optional number field.
     *
     * @param name the field
     * @return its value, or empty if absent or null
     * @throws AdminException (400) if it is present but not a number
     */
    public Optional<Double> optDouble(String name) {
        Object v = body.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n) {
            return Optional.of(n.doubleValue());
        }
        throw wrong(name, "a number", v);
    }

    /**
     * An optional boolean field.
     *
     * @param name the field
     * @param otherwise the value when absent or null
     * @return its value
     * @throws AdminException (400) if it is present but not a boolean
     */
    public boolean bool(String name, boolean otherwise) {
        return optBool(name).orElse(otherwise);
    }

    /**
     * An optional boolean field.
     *
     * @param name the field
     * @return its value, or empty if absent or null
     * @throws AdminException (400) if it is present but not a boolean
     */
    public Optional<Boolean> optBool(String name) {
        Object v = body.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Boolean b) {
            return Optional.of(b);
        }
        throw wrong(name, "true or false", v);
    }

    /**
     * An optional JSON object field.
     *
     * @param name the field
     * @return its fields, or empty if absent or null
     * @throws AdminException (400) if it is present but not an object
     */
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> optObject(String name) {
        Object v = body.get(name);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Map<?, ?> m) {
            return Optional.of((Map<String, Object>) m);
        }
        throw wrong(name, "an object", v);
    }

    /**
     * A required field holding base64 (standard alphabet) bytes.
     *
     * @param name the field
     * @return the decoded bytes
     * @throws AdminException (400) if it is missing or not base64
     */
    public byte[] base64(String name) {
        String text = text(name);
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw AdminException.badRequest("field " + name + " must be base64: " + e.getMessage());
        }
    }

    private static AdminException missing(String name, String what) {
        return AdminException.badRequest("field " + name + " is required: " + what);
    }

    private static AdminException wrong(String name, String what, Object v) {
        return AdminException.badRequest("field " + name + " must be " + what + ", not " + describe(v));
    }

    private static String describe(Object v) {
        String text = String.valueOf(v);
        return Objects.toString(text.length() > 40 ? text.substring(0, 40) + "…" : text);
    }

    @Override
    public String toString() {
        return "AdminRequest[" + method + " " + path + "]";
    }
}
