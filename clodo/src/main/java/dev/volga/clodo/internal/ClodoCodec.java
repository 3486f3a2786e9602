package dev.volga.clodo.internal;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.ClientErrorException;
import dev.volga.api.DecodingException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.Codec;
import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.TypeRef;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.xml.XmlFactory;
import tools.jackson.dataformat.xml.XmlMapper;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Clodo's wire format in JSON or XML: request bodies from {@link WireBody}, responses to a
 * normalised tree (XML and JSON give the same tree: root name kept, attributes and {@code _attr}
 * merged into their element, text-only elements as strings), then to records with lenient
 * readers; errors in the wrapped, flat and XML forms to typed {@link ApiException}s. Plain XML
 * (the usual answer) goes to the tree in one StAX pass ({@link XmlTree}: 1.37× the throughput and
 * 0.74× the allocation of the Jackson path on the {@code /servers} body, {@code benchmarks/run.sh}
 * part 5); the rest through Jackson XML's tree and {@link #normalise}.
 *
 * <p>Only public, long-standing Jackson API is used (it runs on the Jackson 3.1 that Spring Boot 4.1
 * manages as on 3.2), and the XML side is built on the first XML body: a JSON client whose answers
 * are all JSON never builds it.
 */
public final class ClodoCodec implements Codec {

    /** The two wire formats. */
    public enum Wire {
        /** {@code application/json} */
        JSON,
        /** {@code application/xml} */
        XML
    }

    /** Fields an error element may hold. */
    private static final Set<String> ERROR_FIELDS = Set.of("code", "message", "details");

    private final Wire wire;
    private final JsonMapper json;
    /** The XML side, built on first use ({@link #xml()}). */
    private volatile Xml xml;
    /** Readers for the target types {@link #convert} has seen (a handful of model types), made once. */
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    /** Whether plain XML goes through {@link XmlTree}'s one pass (always, but in {@link #measured}). */
    private final boolean xmlTree;

    /**
     * @param wire the format to send and expect
     * @param customizer a last say over the JSON mapper that reads records (for users' mapper customisation)
     * @throws dev.volga.api.IncompatibleDependencyException if the Jackson on the class path is older than the client runs on
     */
    public ClodoCodec(Wire wire, UnaryOperator<JsonMapper.Builder> customizer) {
        this(wire, customizer, true);
    }

    /**
     * A codec with or without {@link XmlTree}'s one-pass reading of plain XML, for
     * {@code benchmarks/ClodoCodecBench}, which measures both paths side by side (issue 19 §5).
     * The clients use the constructor: always with it.
     *
     * @param wire the format to send and expect
     * @param xmlTree false to read every XML body the former way (Jackson XML's tree, then {@code normalise})
     * @return the codec
     */
    public static ClodoCodec measured(Wire wire, boolean xmlTree) {
        return new ClodoCodec(wire, null, xmlTree);
    }

    private ClodoCodec(Wire wire, UnaryOperator<JsonMapper.Builder> customizer, boolean xmlTree) {
        this.xmlTree = xmlTree;
        this.wire = Objects.requireNonNull(wire, "wire");
        JacksonVersions.check(wire == Wire.XML);
        JsonMapper.Builder b = JsonMapper.builder()
                .addModule(Lenient.module())
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .withCoercionConfigDefaults(c -> c.setCoercion(CoercionInputShape.EmptyString, CoercionAction.AsNull)
                        .setAcceptBlankAsEmpty(Boolean.TRUE));
        this.json = customizer == null ? b.build() : customizer.apply(b).build();
    }

    /**
     * The XML mapper and its own (safe, coalescing) StAX factory, for {@link XmlTree}'s one-pass
     * reading and the full path.
     */
    private record Xml(XmlMapper mapper, XMLInputFactory input) {
        static Xml create() {
            XmlMapper mapper = XmlMapper.builder(XmlFactory.builder().xmlInputFactory(safeInputFactory()).build()).build();
            return new Xml(mapper, mapper.tokenStreamFactory().getXMLInputFactory());
        }
    }

    /** @return the XML side, built on the first call */
    private Xml xml() {
        Xml x = xml;
        if (x == null) {
            synchronized (this) {
                x = xml;
                if (x == null) {
                    xml = x = Xml.create();
                }
            }
        }
        return x;
    }

    /** @return whether the XML side has been built (for tests) */
    boolean xmlBuilt() {
        return xml != null;
    }

    /**
     * An XML input factory that never reads a DTD or resolves an external entity: a document with
     * a {@code DOCTYPE} that declares entities fails on the first entity reference.
     *
     * @return the factory
     */
    static XMLInputFactory safeInputFactory() {
        XMLInputFactory f = XMLInputFactory.newFactory(XMLInputFactory.class.getName(), ClodoCodec.class.getClassLoader());
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new javax.xml.stream.XMLStreamException("external entities are not allowed: " + systemId);
        });
        return f;
    }

    /** @return the wire format */
    public Wire wire() {
        return wire;
    }

    @Override
    public String provider() {
        return "clodo";
    }

    @Override
    public String accept() {
        return wire == Wire.XML ? "application/xml" : "application/json";
    }

    @Override
    public EncodedBody encode(Object value) {
        if (!(value instanceof WireBody body)) {
            throw new IllegalArgumentException("the Clodo codec encodes WireBody values, not "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        if (wire == Wire.XML) {
            return new EncodedBody("application/xml; charset=UTF-8", XmlWriter.write(body).getBytes(StandardCharsets.UTF_8));
        }
        ObjectNode content = JsonNodeFactory.instance.objectNode();
        body.attributes().forEach((k, v) -> content.set(k, toJson(v)));
        body.fields().forEach((k, v) -> content.set(k, toJson(v)));
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        if (body.scalar() != null) {
            root.put(body.root(), body.scalar());
        } else if (body.wrapJson()) {
            root.set(body.root(), content);
        } else {
            root = content;
        }
        return new EncodedBody("application/json; charset=UTF-8", json.writeValueAsBytes(root));
    }

    private JsonNode toJson(Object v) {
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            m.forEach((k, x) -> o.set(String.valueOf(k), toJson(x)));
            return o;
        }
        if (v instanceof Number n) {
            return json.valueToTree(n);
        }
        return JsonNodeFactory.instance.stringNode(String.valueOf(v));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T decode(ApiResponse response, TypeRef<T> type) {
        int status = response.status();
        if (status < 200 || status >= 300) {
            throw error(response);
        }
        if (type.type() == Void.class) {
            return null;
        }
        if (type.type() != JsonNode.class) {
            throw new IllegalArgumentException("the Clodo codec decodes to JsonNode or Void, not " + type);
        }
        JsonNode tree = tree(response);
        if (tree == null) {
            return null;
        }
        ApiException inBody = errorDocument(tree, response);
        if (inBody != null) {
            throw inBody;
        }
        return (T) tree;
    }

    /**
     * Reads a body in this codec's format (or the format its first byte shows) into the normalised tree.
     *
     * @param response the response
     * @return the tree, or null for an empty body
     * @throws DecodingException if the body is not well-formed (including any DTD / external entity)
     */
    public JsonNode tree(ApiResponse response) {
        byte[] body = response.body();
        int first = firstNonSpace(body);
        if (first < 0) {
            return null;
        }
        boolean isXml = body[first] == '<';
        if (isXml && hasDoctype(body, first)) {
            throw new DecodingException(ApiError.builder("clodo").httpStatus(response.status())
                    .message("refused an XML answer with a DOCTYPE (DTDs and entities are never read)").build(), null);
        }
        if (isHtml(response, body, first)) {
            // a proxy's or captive portal's page: XML-shaped, but reading it would give an empty record
            throw new DecodingException(ApiError.builder("clodo").httpStatus(response.status())
                    .message("the answer is an HTML page, not Clodo " + (wire == Wire.XML ? "XML" : "JSON")
                            + " (a proxy in the way?); body starts: " + response.excerpt(120))
                    .build(), null);
        }
        if (isXml && xmlTree) {
            JsonNode plain = XmlTree.read(xml().input(), body);
            if (plain != null) {
                return plain;
            }
        }
        try {
            return isXml ? xmlTree(body) : normalise(json.readTree(body));
        } catch (JacksonException e) {
            throw new DecodingException(ApiError.builder("clodo").httpStatus(response.status())
                    .message("could not read the response as Clodo " + (isXml ? "XML" : "JSON") + " ("
                            + response.redact(firstLine(e.getOriginalMessage())) + "); body starts: " + response.excerpt(120))
                    .build(), null);
        }
    }

    /**
     * Reads XML through Jackson XML's tree, normalised, under its root element's name:
     * {@code {root: content}}. Jackson XML drops the root's name; 3.2 can keep it
     * ({@code WRAP_ROOT_ELEMENT_NAME}), 3.1 cannot, so the name is read here, the same on both.
     *
     * @param body a well-formed or malformed XML body
     * @return the tree
     * @throws JacksonException if Jackson cannot read the body
     */
    JsonNode xmlTree(byte[] body) {
        Xml x = xml();
        JsonNode content = x.mapper().readTree(body);
        String root = rootName(x.input(), body);
        if (root == null) {
            return normalise(content); // Jackson read something StAX cannot name: keep what Jackson read
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.set(root, content == null || content.isMissingNode() ? JsonNodeFactory.instance.objectNode() : content);
        return normalise(tree);
    }

    /** The local name of the root element, or null if StAX finds none. */
    private static String rootName(XMLInputFactory factory, byte[] body) {
        XMLStreamReader r = null;
        try {
            r = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            while (r.hasNext()) {
                if (r.next() == XMLStreamConstants.START_ELEMENT) {
                    return r.getLocalName();
                }
            }
            return null;
        } catch (XMLStreamException | RuntimeException e) {
            return null;
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException | RuntimeException ignored) {
                    // nothing held: the input is an array
                }
            }
        }
    }

    /**
     * Whether the answer says it is HTML, or its root element is {@code <html>}. Reads the bytes in
     * place: case is folded for ASCII letters only, which is what lower-casing the header or the
     * body's Latin-1 head gives for {@code html} (no other character lower-cases to h, t, m or l).
     */
    static boolean isHtml(ApiResponse response, byte[] body, int first) {
        String type = response.header("Content-Type").orElse(null);
        if (type != null && containsHtml(type)) {
            return true;
        }
        if (body[first] != '<') {
            return false;
        }
        int end = Math.min(body.length, first + 512);
        int i = first;
        while (i < end) { // skip the prolog: <?xml …?> and comments
            int lt = indexOf(body, (byte) '<', i, end);
            if (lt < 0 || lt + 1 >= end) {
                return false;
            }
            byte next = body[lt + 1];
            if (next == '?' || next == '!') {
                int gt = indexOf(body, (byte) '>', lt, end);
                if (gt < 0) {
                    return false;
                }
                i = gt + 1;
                continue;
            }
            return isHtmlAt(body, lt + 1, end)
                    && (lt + 5 >= end || !Character.isLetterOrDigit((char) (body[lt + 5] & 0xFF)));
        }
        return false;
    }

    private static boolean containsHtml(String s) {
        for (int i = 0, last = s.length() - 4; i <= last; i++) {
            if ((s.charAt(i) | 0x20) == 'h' && (s.charAt(i + 1) | 0x20) == 't' && (s.charAt(i + 2) | 0x20) == 'm'
                    && (s.charAt(i + 3) | 0x20) == 'l') {
                return true;
            }
        }
        return false;
    }

    private static boolean isHtmlAt(byte[] b, int at, int end) {
        return at + 4 <= end && (b[at] | 0x20) == 'h' && (b[at + 1] | 0x20) == 't' && (b[at + 2] | 0x20) == 'm'
                && (b[at + 3] | 0x20) == 'l';
    }

    private static int indexOf(byte[] b, byte what, int from, int end) {
        for (int i = from; i < end; i++) {
            if (b[i] == what) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the XML prolog (before the root element) declares a DOCTYPE. */
    static boolean hasDoctype(byte[] body, int from) {
        int i = from;
        while (i < body.length - 1) {
            if (body[i] == '<') {
                byte next = body[i + 1];
                if (next != '?' && next != '!') {
                    return false; // the root element starts: no DOCTYPE after it is possible
                }
                if (next == '!' && i + 9 <= body.length
                        && new String(body, i, 9, StandardCharsets.US_ASCII).equalsIgnoreCase("<!DOCTYPE")) {
                    return true;
                }
            }
            i++;
        }
        return false;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "malformed";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static int firstNonSpace(byte[] body) {
        for (int i = 0; i < body.length; i++) {
            if (!Character.isWhitespace(body[i]) && body[i] != (byte) 0xEF && body[i] != (byte) 0xBB && body[i] != (byte) 0xBF) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Normalises a tree: {@code _attr} objects merge into their element, a leading {@code -} or
     * {@code @} of a key (XML→JSON converters) is dropped, an element holding only text becomes that text.
     *
     * @param node the raw tree
     * @return the normalised tree
     */
    static JsonNode normalise(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(normalise(n)));
            return out;
        }
        if (!node.isObject()) {
            return node;
        }
        if (node.size() == 1 && node.has("")) {
            return normalise(node.get(""));
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            String key = e.getKey();
            if (key.equals("_attr") && e.getValue().isObject()) {
                for (Map.Entry<String, JsonNode> a : e.getValue().properties()) {
                    out.set(stripPrefix(a.getKey()), normalise(a.getValue()));
                }
            } else if (!key.isEmpty() && !key.equals("-self-closing")) {
                out.set(stripPrefix(key), normalise(e.getValue()));
            }
        }
        return out;
    }

    private static String stripPrefix(String key) {
        return key.length() > 1 && (key.charAt(0) == '-' || key.charAt(0) == '@') ? key.substring(1) : key;
    }

    /**
     * Takes a single object out of its wrapper: {@code {"server":{…}}} or a bare object.
     *
     * @param tree the normalised tree
     * @param root the wrapper / root element name
     * @return the content
     */
    public static JsonNode unwrap(JsonNode tree, String root) {
        if (tree != null && tree.isObject() && tree.size() == 1 && tree.has(root)) {
            return tree.get(root);
        }
        return tree;
    }

    /**
     * Takes list items out of their wrapper, whatever the shape: {@code {"servers":[…]}},
     * {@code {"backups":{"backup":[…]}}}, a single collapsed object, {@code ""}.
     *
     * @param tree the normalised tree
     * @param root the list element name
     * @return the items
     */
    public static ArrayNode items(JsonNode tree, String root) {
        return Lenient.listify(unwrap(tree, root));
    }

    /**
     * Converts a tree to a value.
     *
     * @param node the (unwrapped) tree
     * @param type the target type
     * @param what what was expected, for the error
     * @param <T> the type
     * @return the value
     * @throws DecodingException if the tree does not fit
     */
    public <T> T convert(JsonNode node, Type type, String what) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new DecodingException(ApiError.builder("clodo").message("expected " + what + " but the response was empty").build(), null);
        }
        try {
            ObjectReader reader = reader(type);
            // a reader holds its root deserializer: treeToValue looked it up (and the JavaType) on every call
            if (reader.getValueType().isTypeOrSubTypeOf(JsonNode.class)) {
                return json.treeToValue(node, reader.getValueType());
            }
            // a tree parser that lends lists their nodes (Lenient.NodeParser); the reader gives it its context
            try (JsonParser tokens = new Lenient.NodeParser(node, ObjectReadContext.empty())) {
                return reader.readValue(tokens);
            }
        } catch (JacksonException e) {
            String excerpt = node.toString();
            throw new DecodingException(ApiError.builder("clodo").message("could not read " + what + ": "
                    + firstLine(e.getOriginalMessage()) + "; got: " + (excerpt.length() > 160 ? excerpt.substring(0, 160) + "…" : excerpt))
                    .build(), null);
        }
    }

    /**
     * @param type a target type
     * @return its reader, made once
     */
    ObjectReader reader(Type type) {
        return readers.computeIfAbsent(type, t -> json.readerFor(json.getTypeFactory().constructType(t)));
    }

    /**
     * Reads an operation's answer: takes the value out of its wrapper element, converts it, and
     * checks the fields marked {@code Required}.
     *
     * @param tree the normalised answer
     * @param root the wrapper element
     * @param type the value type
     * @param operation the operation, for the error
     * @param <T> the type
     * @return the value
     * @throws DecodingException if the answer does not fit, or lacks a required field
     */
    public <T> T value(JsonNode tree, String root, Type type, String operation) {
        return Required.check(this.<T>convert(unwrap(tree, root), type, operation + " answer"), operation, root);
    }

    /**
     * Reads a listing's answer: takes the items out of their wrapper (whatever its shape), converts
     * each, and checks the fields marked {@code Required}.
     *
     * @param tree the normalised answer
     * @param root the list element
     * @param type the item type
     * @param operation the operation, for the error
     * @param <T> the type
     * @return the items
     * @throws DecodingException if an item does not fit, or lacks a required field
     */
    public <T> List<T> values(JsonNode tree, String root, Class<T> type, String operation) {
        List<T> out = convertAll(items(tree, root), type, operation + " item");
        out.forEach(item -> Required.check(item, operation, root + " item"));
        return out;
    }

    /**
     * @param operation the operation whose answer was empty
     * @return the error for an empty answer where data was expected
     */
    public DecodingException emptyAnswer(String operation) {
        return new DecodingException(ApiError.builder("clodo").message(operation + ": expected data but the answer was empty").build(), null);
    }

    /**
     * Converts every item to a value.
     *
     * @param items the items
     * @param type the item type
     * @param what what was expected
     * @param <T> the type
     * @return the values
     */
    public <T> List<T> convertAll(ArrayNode items, Class<T> type, String what) {
        List<T> out = new ArrayList<>(items.size());
        for (JsonNode n : items) {
            out.add(convert(n, type, what));
        }
        return List.copyOf(out);
    }

    /**
     * The typed exception for an error response.
     *
     * @param response the non-2xx response
     * @return the exception, never null
     */
    public ApiException error(ApiResponse response) {
        JsonNode tree = null;
        try {
            tree = tree(response);
        } catch (DecodingException unreadable) {
            // a body that is not Clodo's error document: the status decides, the excerpt explains
        }
        ErrorFacts facts = tree == null ? null : facts(tree);
        ApiError.Builder b = ApiError.builder("clodo").httpStatus(response.status());
        if (facts != null) {
            b.code(facts.name != null ? facts.name : nameForStatus(response.status()))
                    .message(response.redact(facts.message != null ? facts.message : reason(response.status())))
                    .details(response.redact(facts.details));
        } else {
            String excerpt = response.excerpt(200);
            b.code(nameForStatus(response.status())).message(reason(response.status()))
                    .details(excerpt.isEmpty() ? null : excerpt);
        }
        return typed(b.build());
    }

    private ApiException errorDocument(JsonNode tree, ApiResponse response) {
        ErrorFacts facts = facts(tree);
        if (facts == null || facts.code == null || facts.code < 400 || facts.name == null) {
            return null;
        }
        return typed(ApiError.builder("clodo").httpStatus(facts.code).code(facts.name)
                .message(response.redact(facts.message != null ? facts.message : reason(facts.code)))
                .details(response.redact(facts.details)).build());
    }

    /**
     * Picks the exception type: 401 is an authentication failure (a re-login may cure it); 403
     * (access closed) is a client error, since a new token does not open it; the rest as
     * {@link ApiException#forStatus}.
     *
     * @param error the facts
     * @return the exception
     */
    static ApiException typed(ApiError error) {
        if (error.httpStatus() == 403) {
            return new ClientErrorException(error, null);
        }
        if (error.httpStatus() == 401) {
            return new AuthenticationException(error, null);
        }
        return ApiException.forStatus(error);
    }

    private record ErrorFacts(String name, Integer code, String message, String details) { }

    private static ErrorFacts facts(JsonNode tree) {
        if (!tree.isObject()) {
            return null;
        }
        if (tree.size() == 1) {
            Map.Entry<String, JsonNode> only = tree.properties().iterator().next();
            JsonNode v = only.getValue();
            if (v.isObject() && isErrorShape(v)) {
                return new ErrorFacts(only.getKey(), intOrNull(v.get("code")), textOrNull(v.get("message")), textOrNull(v.get("details")));
            }
        }
        if (isErrorShape(tree)) {
            String message = textOrNull(tree.get("message"));
            String name = message == null ? null : message.replaceAll("[^A-Za-z]", "");
            return new ErrorFacts(name == null || name.isEmpty() ? null : name, intOrNull(tree.get("code")), message,
                    textOrNull(tree.get("details")));
        }
        return null;
    }

    private static boolean isErrorShape(JsonNode node) {
        if (!node.has("message") && !node.has("code")) {
            return false;
        }
        for (String name : node.propertyNames()) {
            if (!ERROR_FIELDS.contains(name)) {
                return false;
            }
        }
        return true;
    }

    private static String textOrNull(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode() || n.isContainer()) {
            return null;
        }
        String s = n.asString();
        return s.isBlank() ? null : s.trim();
    }

    private static Integer intOrNull(JsonNode n) {
        String s = textOrNull(n);
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Clodo's element name for a status, used when the body does not name the error.
     *
     * @param status the HTTP status
     * @return e.g. {@code NotFound}
     */
    static String nameForStatus(int status) {
        return reason(status).replace(" ", "");
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Over Limit";
            case 429 -> "Too Many Requests";
            case 500 -> "Internal Server Error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }

    @Override
    public String toString() {
        return "ClodoCodec[" + wire.name().toLowerCase(Locale.ROOT) + "]";
    }
}
