package dev.volga.endocs.internal;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.DecodingException;
import dev.volga.api.NotFoundException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.ServerErrorException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.Codec;
import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.TypeRef;
import dev.volga.endocs.AccountBlockedException;
import dev.volga.endocs.ExchangeVersionTooOldException;
import dev.volga.endocs.FileTooLargeException;
import dev.volga.endocs.StorageQuotaExceededException;
import dev.volga.endocs.model.UpsertResult;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EnDocs' codec: bare JSON bodies (no envelope) and errors in any of the forms the server or a
 * proxy in front of it sends — plain text, a JSON string, {@code {"error": …}}, ASP.NET
 * ProblemDetails or {@code {"message": …}}. The {@code #err-NN} code in the text decides the
 * error type before the HTTP status does: most authentication failures come as 400.
 *
 * <p>One instance per client: it remembers whether the token was ever accepted, so that an
 * {@code #err-40} after a success can say that the server rotated the token.
 */
public final class EndocsCodec implements Codec {

    /** The provider name in errors. */
    public static final String PROVIDER = "endocs";

    private static final Pattern CODE = Pattern.compile("#err-(\\d+)");
    private static final int MAX_MESSAGE = 500;
    private static final int EXCERPT = 200;

    private final JsonMapper mapper;
    private final AtomicBoolean tokenAccepted = new AtomicBoolean();

    /** @param mapper the mapper, see {@link EndocsJson#mapper()} */
    public EndocsCodec(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public EncodedBody encode(Object value) {
        try {
            return new EncodedBody("application/json; charset=utf-8", mapper.writeValueAsBytes(value));
        } catch (JacksonException e) {
            throw new IllegalArgumentException("cannot encode " + value.getClass().getSimpleName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Returns the value of a 2xx response, or throws the typed error. A type of {@link ApiResponse}
     * returns the response itself (file routes and upserts read it further), {@code Void} returns null.
     */
    @Override
    @SuppressWarnings("unchecked")
    public <T> T decode(ApiResponse response, TypeRef<T> type) {
        if (!response.isSuccess()) {
            throw error(response);
        }
        tokenAccepted.set(true);
        Type t = type.type();
        if (t == ApiResponse.class) {
            return (T) response;
        }
        if (t == Void.class) {
            return null;
        }
        return read(response, t);
    }

    /**
     * Reads a success body as a type.
     *
     * @param response the response
     * @param type the type
     * @param <T> the type
     * @return the value
     * @throws DecodingException if the body is not that JSON
     */
    public <T> T read(ApiResponse response, Type type) {
        byte[] body = response.body();
        String expected = type.getTypeName().replace("dev.volga.endocs.model.", "").replace("dev.volga.endocs.", "");
        if (body.length == 0) {
            throw decoding(response, "expected " + expected + " as JSON, got an empty body", null);
        }
        if (!looksLikeJson(body)) {
            throw decoding(response, "expected " + expected + " as JSON, got " + describeNonJson(response), null);
        }
        try {
            return mapper.readValue(body, mapper.constructType(type));
        } catch (JacksonException e) {
            throw decoding(response, "expected " + expected + " as JSON: " + response.redact(shortMessage(e)), e);
        }
    }

    /**
     * Reads an upsert's answer: 201 with the entity is {@link UpsertResult.Created}, 204 (or an empty
     * body) {@link UpsertResult.Updated}.
     *
     * @param response the response
     * @param entity the entity type
     * @param requestId the request id the call sent
     * @param <T> the entity type
     * @return the result
     * @throws DecodingException if a body is not that JSON
     */
    public <T> UpsertResult<T> upsertResult(ApiResponse response, Type entity, String requestId) {
        if (response.status() == 204 || response.body().length == 0) {
            return new UpsertResult.Updated<>(requestId);
        }
        T value = read(response, entity);
        return new UpsertResult.Created<>(value, requestId);
    }

    /** @return whether a response of this client ever succeeded (the token worked) */
    public boolean tokenAccepted() {
        return tokenAccepted.get();
    }

    /**
     * A decoding error for a body that could not be read, with a short redacted excerpt.
     *
     * @param response the response
     * @param what what was expected and what went wrong
     * @param cause the cause, or null
     * @return the exception
     */
    public static DecodingException decoding(ApiResponse response, String what, Throwable cause) {
        return new DecodingException(ApiError.builder(PROVIDER).httpStatus(response.status())
                .message(what + "; body starts: " + excerpt(response)).build(), cause);
    }

    /**
     * A short printable excerpt of the body, without turning a large body into one string.
     *
     * @param response the response
     * @return the excerpt, secrets masked
     */
    public static String excerpt(ApiResponse response) {
        byte[] body = response.body();
        int n = Math.min(body.length, EXCERPT * 2);
        String text = new String(body, 0, n, StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < text.length() && sb.length() < EXCERPT; i++) {
            char c = text.charAt(i);
            sb.append(Character.isISOControl(c) || c == '\uFFFD' ? ' ' : c);
        }
        if (body.length > n || text.length() > EXCERPT) {
            sb.append('…');
        }
        return response.redact(sb.toString().strip());
    }

    private static String shortMessage(JacksonException e) {
        String m = e.getOriginalMessage();
        if (m == null) {
            m = e.getClass().getSimpleName();
        }
        int newline = m.indexOf('\n');
        return newline > 0 ? m.substring(0, newline) : m;
    }

    private static boolean looksLikeJson(byte[] body) {
        for (byte b : body) {
            if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
                continue;
            }
            return b == '{' || b == '[' || b == '"' || b == '-' || (b >= '0' && b <= '9') || b == 't' || b == 'f' || b == 'n';
        }
        return false;
    }

    private static String describeNonJson(ApiResponse response) {
        String type = response.header("Content-Type").orElse("no Content-Type");
        if (isHtml(response)) {
            return "an HTML page (" + type + "), probably from a proxy in front of EnDocs";
        }
        return isText(response.body()) ? "text (" + type + ")" : "a non-text body (" + type + ")";
    }

    private static boolean isHtml(ApiResponse response) {
        if (response.header("Content-Type").map(v -> v.toLowerCase(Locale.ROOT).contains("html")).orElse(false)) {
            return true;
        }
        String start = new String(response.body(), 0, Math.min(64, response.body().length), StandardCharsets.UTF_8)
                .stripLeading().toLowerCase(Locale.ROOT);
        return start.startsWith("<!doctype") || start.startsWith("<html") || start.startsWith("<");
    }

    private static boolean isText(byte[] body) {
        int n = Math.min(body.length, 4096);
        for (int i = 0; i < n; i++) {
            if (body[i] == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body, 0, n));
            return true;
        } catch (CharacterCodingException e) {
            // a cut multi-byte sequence at the excerpt's end is still text
            return n < body.length && n > 4 && isText(java.util.Arrays.copyOf(body, n - 4));
        }
    }

    /**
     * The typed exception for a non-2xx response.
     *
     * @param response the response
     * @return the exception to throw
     */
    ApiException error(ApiResponse response) {
        int status = response.status();
        boolean html = response.body().length > 0 && isHtml(response);
        boolean text = isText(response.body());
        if ((html || !text) && status != 429 && status < 500) {
            return decoding(response, "HTTP " + status + ": expected an EnDocs error text, got " + describeNonJson(response), null);
        }
        String message;
        String details = null;
        if (html || !text) {
            message = "HTTP " + status + " with " + describeNonJson(response) + ": " + excerpt(response);
        } else {
            Parsed parsed = parse(response);
            message = parsed.message;
            details = parsed.details;
        }
        message = response.redact(cut(message));
        details = details == null ? null : response.redact(cut(details));
        String code = null;
        Matcher m = CODE.matcher(message + " " + (details == null ? "" : details));
        if (m.find()) {
            code = "#err-" + m.group(1);
        }
        ApiError.Builder error = ApiError.builder(PROVIDER).httpStatus(status).code(code).message(message).details(details);
        if (code != null) {
            switch (code) {
                case "#err-30", "#err-80" -> {
                    return new AuthenticationException(error.build(), null);
                }
                case "#err-40" -> {
                    if (tokenAccepted.get()) {
                        error.message(message + " — this token worked before: EnDocs replaces an expired token with a new"
                                + " one and from then on accepts only the new one. Copy the current token again (account"
                                + " settings, section \"1С\", \"Копировать токен\") and configure it");
                    }
                    return new AuthenticationException(error.build(), null);
                }
                case "#err-50" -> {
                    return new AccountBlockedException(error.build(), null);
                }
                case "#err-60" -> {
                    return new StorageQuotaExceededException(error.build(), null);
                }
                case "#err-20" -> {
                    return new FileTooLargeException(error.build(), null);
                }
                case "#err-70" -> {
                    return new NotFoundException(error.build(), null);
                }
                case "#err-10" -> {
                    return new ExchangeVersionTooOldException(error.build(), null);
                }
                default -> {
                    // an unknown code: decided by the status below
                }
            }
        }
        if (message.toLowerCase(Locale.ROOT).contains("could not validate token")) {
            return new AuthenticationException(error.build(), null);
        }
        if (status == 429) {
            return new RateLimitedException(error.retryAfter(response.retryAfter().orElse(null)).build(),
                    RateLimitedException.Source.SERVER, null);
        }
        if (status == 404) {
            return new NotFoundException(error.message(message + " (if every call answers 404, the routes may have moved:"
                    + " check the client's basePath)").build(), null);
        }
        if (status >= 500) {
            return new ServerErrorException(error.build(), null);
        }
        return ApiException.forStatus(error.build());
    }

    private static String cut(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE) + "…";
    }

    private record Parsed(String message, String details) {
    }

    private Parsed parse(ApiResponse response) {
        String raw = response.bodyText().strip();
        if (raw.isEmpty()) {
            return new Parsed("HTTP " + response.status() + " with an empty body", null);
        }
        char first = raw.charAt(0);
        if (first == '"' || first == '{') {
            try {
                JsonNode node = mapper.readTree(raw);
                if (node.isString()) {
                    return new Parsed(node.stringValue(), null);
                }
                if (node.isObject()) {
                    Parsed p = fromObject(node);
                    if (p != null) {
                        return p;
                    }
                }
            } catch (JacksonException notJson) {
                // plain text that happens to start like JSON
            }
        }
        return new Parsed(raw, null);
    }

    private static Parsed fromObject(JsonNode node) {
        String message = null;
        String details = null;
        JsonNode error = field(node, "error");
        if (error != null && error.isString()) {
            message = error.stringValue();
        } else if (error != null && error.isObject()) {
            JsonNode inner = field(error, "message");
            message = inner != null && inner.isString() ? inner.stringValue() : error.toString();
        }
        JsonNode msg = field(node, "message");
        if (message == null && msg != null && msg.isString()) {
            message = msg.stringValue();
        }
        JsonNode title = field(node, "title");
        if (message == null && title != null && title.isString()) {
            message = title.stringValue();
        }
        JsonNode detail = field(node, "detail");
        if (detail != null && detail.isString()) {
            details = detail.stringValue();
        }
        JsonNode errors = field(node, "errors");
        if (errors != null && errors.isObject()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : errors.properties()) {
                List<String> texts = new ArrayList<>();
                if (e.getValue().isArray()) {
                    e.getValue().values().forEach(v -> texts.add(v.asString()));
                } else {
                    texts.add(e.getValue().asString());
                }
                parts.add((e.getKey().isEmpty() ? "body" : e.getKey()) + ": " + String.join(" ", texts));
            }
            String joined = String.join("; ", parts);
            details = details == null ? joined : details + "; " + joined;
            if (message == null) {
                message = joined;
            }
        }
        return message == null ? null : new Parsed(message, details);
    }

    private static JsonNode field(JsonNode node, String name) {
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
