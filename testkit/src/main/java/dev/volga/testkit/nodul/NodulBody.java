package dev.volga.testkit.nodul;

import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.nodul.NodulState.FeatureValue;
import dev.volga.testkit.nodul.NodulState.Window;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Nodul's wire format in: parsing and type-checking of request bodies. A body that is not JSON, a
 * wrong JSON type or an unknown field is a {@link NodulFailure} on HTTP 500
 * ({@code request.InvalidBody}); a missing or rejected value one on HTTP 200
 * ({@code validation.InvalidArgument}), as the stub's documented choice.
 */
final class NodulBody {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private NodulBody() {
    }

    /** The request body as a JSON object; an empty body is an empty object. */
    static ObjectNode of(RecordedRequest request) {
        byte[] bytes = request.body();
        if (bytes.length == 0) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JacksonException e) {
            throw invalid("the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    /** Parses a JSON object given to a seeding method; IllegalArgumentException if it is none. */
    static ObjectNode parseObject(String text, String name) {
        Objects.requireNonNull(text, name);
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(name + " must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(name + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    static void allow(ObjectNode node, String prefix, String... names) {
        List<String> allowed = Arrays.asList(names);
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw invalid("unknown field " + prefix + name);
            }
        }
    }

    static ObjectNode object(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return JSON.createObjectNode();
        }
        if (!v.isObject()) {
            throw invalid(name + " must be an object");
        }
        return (ObjectNode) v;
    }

    static boolean bool(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw invalid(name + " must be a boolean");
        }
        return v.booleanValue();
    }

    static String requiredString(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v != null && !v.isNull() && !v.isString()) {
            throw invalid(name + " must be a string");
        }
        if (v == null || v.isNull() || v.stringValue().isBlank()) {
            throw rejected(name + " is required");
        }
        return v.stringValue();
    }

    /** An id: a string, or (as protobuf-JSON servers accept) an integral number. */
    static String optionalId(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isIntegralNumber()) {
            return v.asString();
        }
        throw invalid(name + " must be a string");
    }

    static String requiredId(ObjectNode node, String name) {
        String id = optionalId(node, name);
        if (id == null || id.isBlank()) {
            throw rejected(name + " is required");
        }
        return id;
    }

    /** An int64: a JSON number or a string of digits. */
    static Long int64(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isString()) {
            try {
                return Long.parseLong(v.stringValue());
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        throw invalid(name + " must be an int64");
    }

    static List<String> strings(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid(name + " must be an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw invalid(name + " must hold strings");
            }
            out.add(e.stringValue());
        }
        return out;
    }

    static List<String> resources(ObjectNode node, String where) {
        List<String> list = strings(node, "resources");
        for (String r : list) {
            if (!NodulState.RESOURCES.contains(r)) {
                throw rejected(where + " has an unknown resource " + r);
            }
        }
        return list;
    }

    static Instant time(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw invalid(name + " must be an RFC 3339 string");
        }
        try {
            return OffsetDateTime.parse(v.stringValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw invalid(name + " must be an RFC 3339 timestamp");
        }
    }

    static Window window(ObjectNode consumption, String prefix) {
        allow(consumption, prefix, "resources", "start", "end");
        Instant start = time(consumption, "start");
        Instant end = time(consumption, "end");
        if (start != null && end != null && start.isAfter(end)) {
            throw rejected(prefix + "start must not be after end");
        }
        return new Window(resources(consumption, prefix + "resources"), start, end);
    }

    static Map<String, FeatureValue> features(ObjectNode body) {
        JsonNode list = body.get("features");
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
            throw rejected("features are required");
        }
        if (!list.isArray()) {
            throw invalid("features must be an array");
        }
        Map<String, FeatureValue> out = new LinkedHashMap<>();
        for (JsonNode f : list) {
            if (!f.isObject()) {
                throw invalid("a feature must be an object");
            }
            allow((ObjectNode) f, "features[].", "alias", "value");
            String alias = requiredString((ObjectNode) f, "alias");
            if (!NodulStub.FEATURE_ALIASES.contains(alias)) {
                throw rejected("unknown feature alias " + alias);
            }
            ObjectNode value = object((ObjectNode) f, "value");
            allow(value, "features[].value.", "int64", "bool");
            Long int64 = int64(value, "int64");
            if (out.put(alias, new FeatureValue(int64 == null ? 0 : int64, bool(value, "bool"))) != null) {
                throw rejected("feature alias repeated: " + alias);
            }
        }
        return out;
    }

    /** A seeding method's text argument: not null, not blank (else an IllegalArgumentException). */
    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** A malformed body: HTTP 500, {@code request.InvalidBody}. */
    static NodulFailure invalid(String message) {
        return new NodulFailure(500, "request.InvalidBody", message);
    }

    /** A rejected value: HTTP 200, {@code validation.InvalidArgument}. */
    static NodulFailure rejected(String message) {
        return new NodulFailure(200, "validation.InvalidArgument", message);
    }
}
