package dev.volga.clodo.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A request body as Clodo documents it: a root element with child elements (and, in XML, some
 * attributes), written by {@link ClodoCodec} as XML or JSON. JSON is wrapped in the root name
 * ({@code {"server":{…}}}) unless {@code wrapJson} is false (D1's bare forms such as
 * {@code {"file":"2"}} or the backup schedule); a scalar root ({@code <file>2</file>}) is
 * {@code {"file":"2"}} in JSON.
 *
 * @param root the XML root element / JSON wrapper name
 * @param attributes values written as XML attributes (JSON: fields of the wrapper)
 * @param fields child elements in order; values are strings, numbers or nested maps
 * @param scalar the text of a scalar root, or null
 * @param wrapJson whether JSON wraps the fields in the root name
 */
public record WireBody(String root, Map<String, Object> attributes, Map<String, Object> fields, String scalar,
                       boolean wrapJson) {

    /**
     * Validates and copies.
     *
     * @param root the XML root element / JSON wrapper name
     * @param attributes values written as XML attributes (JSON: fields of the wrapper)
     * @param fields child elements in order; values are strings, numbers or nested maps
     * @param scalar the text of a scalar root, or null
     * @param wrapJson whether JSON wraps the fields in the root name
     */
    public WireBody {
        Objects.requireNonNull(root, "root");
        attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * @param root the root element
     * @param fields the child elements
     * @return a body wrapped in JSON as in XML
     */
    public static WireBody of(String root, Map<String, Object> fields) {
        return new WireBody(root, Map.of(), fields, null, true);
    }

    /**
     * @param root the root element (XML) whose fields JSON sends bare
     * @param fields the child elements
     * @return a body unwrapped in JSON
     */
    public static WireBody bareJson(String root, Map<String, Object> fields) {
        return new WireBody(root, Map.of(), fields, null, false);
    }

    /**
     * @param root the element
     * @param value its text
     * @return {@code <root>value</root>} / {@code {"root":"value"}}
     */
    public static WireBody scalar(String root, String value) {
        return new WireBody(root, Map.of(), Map.of(), Objects.requireNonNull(value, "value"), true);
    }

    /**
     * @param root the element
     * @param attributes its attributes
     * @return {@code <root a="…"/>} / {@code {"root":{"a":…}}}
     */
    public static WireBody attributes(String root, Map<String, Object> attributes) {
        return new WireBody(root, attributes, Map.of(), null, true);
    }

    /** A small ordered map builder that skips null values. */
    public static final class Fields {
        private final Map<String, Object> map = new LinkedHashMap<>();

        /**
         * @param name the field
         * @param value the value; null skips
         * @return this
         */
        public Fields put(String name, Object value) {
            if (value != null) {
                map.put(name, value);
            }
            return this;
        }

        /** @return the fields */
        public Map<String, Object> map() {
            return map;
        }
    }

    /** @return a new field map builder */
    public static Fields builder() {
        return new Fields();
    }
}
