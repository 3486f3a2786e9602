package dev.volga.nodul.internal;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.ClientErrorException;
import dev.volga.api.DecodingException;
import dev.volga.api.NotFoundException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.Codec;
import dev.volga.api.spi.ElementReader;
import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.TypeRef;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Nodul's envelope {@code {success, request_id, data, errors[]}} (keys in any order).
 *
 * <ul>
 *   <li>{@code success:true} with HTTP 2xx: {@code data} is read as the expected type ({@code Void}: nothing).</li>
 *   <li>{@code success:false} (HTTP 200, 500 or any other) or a non-2xx status: an error carrying
 *       {@code errors[0].code} and its message, the further errors as details, the HTTP status and
 *       {@code request_id}. HTTP 401 or a code {@code *.Unauthorized}/{@code *.Forbidden} is an
 *       {@link AuthenticationException}; a code {@code *.NotFound} a {@link NotFoundException}; other
 *       failures on HTTP 2xx a {@link ClientErrorException}; otherwise the type follows the status.</li>
 *   <li>A body that is not an envelope: on HTTP 2xx a {@link DecodingException} with a short redacted
 *       excerpt; on an error status (a proxy's HTML page, say) the error the status calls for, with
 *       the excerpt as message, so that 429/502/503/504 keep their retry semantics.</li>
 * </ul>
 */
public final class NodulCodec implements Codec {

    /** The provider name in errors. */
    public static final String PROVIDER = "nodul";

    private static final int EXCERPT = 200;

    /** What {@link #onePass} returns when the body needs the full (tree) reading. */
    static final Object NOT_SIMPLE = new Object();

    /** Also read by {@link NodulListReader}. */
    final JsonMapper mapper;
    private final Map<java.lang.reflect.Type, ObjectReader> readers = new ConcurrentHashMap<>();

    /** Creates the codec with Nodul's lenient JSON settings. */
    public NodulCodec() {
        this(java.util.function.UnaryOperator.identity());
    }

    /**
     * Creates the codec with Nodul's lenient JSON settings and then the user's customisation.
     *
     * @param customizer applied to the mapper builder after Nodul's settings
     */
    public NodulCodec(java.util.function.UnaryOperator<JsonMapper.Builder> customizer) {
        this.mapper = java.util.Objects.requireNonNull(customizer.apply(JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addModule(new SimpleModule("nodul-timestamps").addDeserializer(Instant.class, new IsoInstants()))),
                "mapper customizer returned null")
                .build();
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public EncodedBody encode(Object value) {
        try {
            return new EncodedBody("application/json", mapper.writeValueAsBytes(value));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode a " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public <T> T decode(ApiResponse response, TypeRef<T> type) {
        int status = response.status();
        if (status >= 200 && status <= 299) {
            Object value = decodeSuccess(response.body(), type);
            if (value != NOT_SIMPLE) {
                @SuppressWarnings("unchecked")
                T t = (T) value;
                return t;
            }
        }
        JsonNode root = readTree(response);
        JsonNode success = root == null ? null : root.get("success");
        if (root == null || !root.isObject() || success == null || !success.isBoolean()) {
            throw notAnEnvelope(response);
        }
        String requestId = text(root.get("request_id"));
        if (!success.booleanValue() || status < 200 || status > 299) {
            throw failure(response, root, requestId);
        }
        if (type.type() == Void.class) {
            return null;
        }
        JsonNode data = root.get("data");
        if (data == null || data.isNull()) {
            throw decoding(response, requestId, "success:true without data, expected " + simpleName(type));
        }
        try {
            JavaType javaType = mapper.constructType(type.type());
            return mapper.treeToValue(data, javaType);
        } catch (JacksonException | IllegalArgumentException e) {
            throw decoding(response, requestId, "could not read data as " + simpleName(type) + " (" + reason(e) + ")");
        }
    }

    /**
     * Streams the list at {@code path} inside {@code data} of a 2xx envelope element by element
     * (see {@link NodulListReader}); anything but a plain success is read whole and decoded as
     * {@link #decode} does.
     */
    @Override
    public <E> ElementReader<E> elementReader(ApiResponse head, TypeRef<E> element, List<String> path) {
        return new NodulListReader<>(this, head, reader(element), element, List.copyOf(path));
    }

    /**
     * The common case in one streaming pass: {@code success:true} with {@code data} bound straight
     * from the parser (no tree first). Anything else — {@code success:false} or missing, no
     * {@code data}, a body that does not parse or bind, trailing content — returns
     * {@link #NOT_SIMPLE} and the caller takes the tree path, which decides the value or the
     * error exactly as before. Measured by benchmarks/ (issue #7): the tree pass cost a third of
     * the decode.
     */
    private Object decodeSuccess(byte[] body, TypeRef<?> type) {
        if (type.type() == Void.class) {
            return onePass(mapper, body, null);
        }
        ObjectReader reader = reader(type);
        return onePass(mapper, body, (p, value, success) -> value == JsonToken.VALUE_NULL ? NOT_SIMPLE : reader.readValue(p));
    }

    /** Reads {@code data} of a plain success envelope, the parser on its first token; may give up with {@link #NOT_SIMPLE}. */
    @FunctionalInterface
    interface DataReader {
        /**
         * @param p the parser, on the value of {@code data}
         * @param value that value's first token
         * @param success whether {@code success:true} came before {@code data}
         * @return the value (null counts as none), or {@link #NOT_SIMPLE}
         */
        Object read(JsonParser p, JsonToken value, boolean success);
    }

    /**
     * One pass over an envelope: {@code success:true} with {@code data} (keys in any order, others
     * skipped, nothing after the envelope) gives what {@code data} reads to; anything else, or a
     * body that does not parse or bind, {@link #NOT_SIMPLE}. With no {@code data} reader (a
     * {@code Void} response) {@code data} is skipped and not required.
     */
    static Object onePass(ObjectMapper parsers, byte[] body, DataReader data) {
        if (body.length == 0) {
            return NOT_SIMPLE;
        }
        try (JsonParser p = parsers.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return NOT_SIMPLE;
            }
            boolean success = false;
            Object value = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken first = p.nextToken();
                if (name.equals("success")) {
                    if (first != JsonToken.VALUE_TRUE) {
                        return NOT_SIMPLE;
                    }
                    success = true;
                } else if (name.equals("data") && data != null) {
                    value = data.read(p, first, success);
                    if (value == NOT_SIMPLE) {
                        return NOT_SIMPLE;
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null || !success || (data != null && value == null)) {
                return NOT_SIMPLE;
            }
            return value;
        } catch (JacksonException | IllegalArgumentException e) {
            return NOT_SIMPLE;
        }
    }

    private ObjectReader reader(TypeRef<?> type) {
        // the envelope goes on after data: what follows it is checked by decodeSuccess, not by the reader
        return readers.computeIfAbsent(type.type(), t -> mapper.readerFor(mapper.constructType(t))
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS));
    }

    private JsonNode readTree(ApiResponse response) {
        if (response.body().length == 0) {
            return null;
        }
        try {
            return mapper.readTree(response.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    private static ApiException notAnEnvelope(ApiResponse response) {
        int status = response.status();
        String excerpt = response.body().length == 0 ? "(empty body)" : response.excerpt(EXCERPT);
        if (status >= 200 && status <= 299) {
            return new DecodingException(ApiError.builder(PROVIDER).httpStatus(status)
                    .message("expected a Nodul envelope {success, request_id, data, errors}; body starts: " + excerpt)
                    .build(), null);
        }
        ApiError error = ApiError.builder(PROVIDER).httpStatus(status)
                .message("HTTP " + status + " without a Nodul envelope; body starts: " + excerpt)
                .retryAfter(response.retryAfter().orElse(null))
                .build();
        return ApiException.forStatus(error);
    }

    private static ApiException failure(ApiResponse response, JsonNode root, String requestId) {
        int status = response.status();
        List<String[]> errors = new ArrayList<>();
        JsonNode array = root.get("errors");
        if (array != null && array.isArray()) {
            for (JsonNode e : array) {
                if (e != null && e.isObject()) {
                    errors.add(new String[] {text(e.get("code")), text(e.get("message"))});
                } else if (e != null && e.isString()) {
                    errors.add(new String[] {null, e.stringValue()});
                }
            }
        }
        String code = errors.isEmpty() ? null : errors.get(0)[0];
        String message;
        if (errors.isEmpty()) {
            message = root.get("success").booleanValue() ? "HTTP " + status + " with success:true"
                    : "success:false without errors";
        } else {
            message = errors.get(0)[1] != null ? errors.get(0)[1] : errors.get(0)[0];
        }
        String details = null;
        if (errors.size() > 1) {
            StringBuilder sb = new StringBuilder();
            for (String[] e : errors.subList(1, errors.size())) {
                if (sb.length() > 0) {
                    sb.append("; ");
                }
                sb.append(e[0] == null ? "" : e[0] + ": ").append(e[1] == null ? "" : e[1]);
            }
            details = response.redact(sb.toString());
        }
        ApiError error = ApiError.builder(PROVIDER).httpStatus(status).code(code).message(response.redact(message))
                .details(details).requestId(requestId).retryAfter(response.retryAfter().orElse(null)).build();
        String name = code == null ? "" : code.substring(code.lastIndexOf('.') + 1);
        if (status == 401 || name.equals("Unauthorized") || name.equals("Forbidden")) {
            return new AuthenticationException(error, null);
        }
        if (name.equals("NotFound")) {
            return new NotFoundException(error, null);
        }
        if (status >= 200 && status <= 299) {
            return new ClientErrorException(error, null);
        }
        return ApiException.forStatus(error);
    }

    private static DecodingException decoding(ApiResponse response, String requestId, String what) {
        return new DecodingException(ApiError.builder(PROVIDER).httpStatus(response.status()).requestId(requestId)
                .message(response.redact(what) + "; body starts: " + response.excerpt(EXCERPT)).build(), null);
    }

    private static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    static String simpleName(TypeRef<?> type) {
        return type.type().getTypeName().replaceAll("[a-z0-9_]+\\.", "").replace('$', '.');
    }

    /** Why Jackson (or a record's constructor) refused a value: the first line of its message, no location. */
    static String reason(RuntimeException e) {
        return firstLine(e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage());
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "no detail";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
