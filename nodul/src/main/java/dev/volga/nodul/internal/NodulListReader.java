package dev.volga.nodul.internal;

import dev.volga.api.ApiError;
import dev.volga.api.DecodingException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.ElementReader;
import dev.volga.api.spi.TypeRef;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.async.ByteBufferFeeder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.util.TokenBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the elements of a list inside a successful Nodul envelope,
 * {@code {"success": true, "request_id": …, "data": {"plans": [ … ]}, "errors": []}}, with Jackson's
 * non-blocking parser: each element is gathered token by token and bound once it is complete, so
 * memory holds one element and one piece of the body, whatever the list's length.
 *
 * <p>It streams only once it knows the envelope is a success: {@code success:true} must come before
 * {@code data} (as Nodul sends it). Until the list starts, the bytes are kept; when the envelope is
 * anything else ({@code data} first, {@code success:false}, not JSON, an unexpected shape) the
 * reader keeps the whole body ({@link #buffering()} is true, so the transport's size cap applies)
 * and at the end decodes it exactly as {@link NodulCodec#decode} would, errors included.
 *
 * <p>Once streaming, a body that breaks off or stops parsing, or an element that does not bind, is
 * a {@link DecodingException} after the elements before it.
 *
 * @param <E> the element type
 */
final class NodulListReader<E> implements ElementReader<E> {

    private enum State { START, ENVELOPE, PATH, ITEMS, AFTER, DONE }

    private static final TypeRef<JsonNode> TREE = TypeRef.of(JsonNode.class);

    private final NodulCodec codec;
    private final ApiResponse head;
    private final ObjectReader elements;
    private final TypeRef<E> element;
    private final List<String> path;
    /** Where the list is, for messages: {@code data.plans}. */
    private final String where;
    /** Created on the first piece: a short body read whole never needs it. */
    private JsonParser parser;
    private ByteBufferFeeder feeder;

    /** The body so far, until the list starts (null from then on). */
    private ByteArrayOutputStream kept = new ByteArrayOutputStream();
    /** The envelope is not the simple case: keep the body, decode it whole at the end. */
    private boolean whole;
    private State state = State.START;
    private int depth;
    /** Skip tokens until the depth is back to this; -1 when not skipping. */
    private int skipTo = -1;
    /** The property whose value comes next, at the level being read. */
    private String field;
    private boolean success;
    private String requestId;
    private int pathIndex;
    private int itemsDepth;
    private TokenBuffer current;
    private long index;

    NodulListReader(NodulCodec codec, ApiResponse head, ObjectReader elements, TypeRef<E> element, List<String> path) {
        this.codec = codec;
        this.head = head;
        this.elements = elements;
        this.element = element;
        this.path = path;
        this.where = path.isEmpty() ? "data" : "data." + String.join(".", path);
    }

    private ByteBufferFeeder feeder() {
        if (parser == null) {
            parser = elements.createNonBlockingByteBufferParser();
            feeder = (ByteBufferFeeder) parser.nonBlockingInputFeeder();
        }
        return feeder;
    }

    @Override
    public boolean buffering() {
        return kept != null;
    }

    @Override
    public List<E> read(ByteBuffer chunk) {
        if (kept != null) {
            keep(chunk.duplicate());
        }
        if (whole) {
            return List.of();
        }
        List<E> out = new ArrayList<>();
        try {
            feeder().feedInput(chunk);
            drain(out);
        } catch (JacksonException e) {
            unreadable(e);
        }
        return out;
    }

    @Override
    public List<E> end() {
        List<E> out = new ArrayList<>();
        if (!whole) {
            try {
                feeder().endOfInput();
                drain(out);
            } catch (JacksonException e) {
                if (kept == null) {
                    throw cutShort();
                }
                whole = true;
            }
        }
        if (kept != null) {
            out.addAll(decodeWhole());
        } else if (state != State.DONE) {
            throw cutShort();
        }
        if (parser != null) {
            parser.close();
        }
        return out;
    }

    /**
     * A short body in one blocking pass, elements bound straight from the parser; anything but a
     * plain success (as for streaming: success before data) is decoded whole as {@link NodulCodec#decode} does.
     */
    @Override
    public List<E> readWhole(ByteBuffer body) {
        byte[] bytes;
        if (body.hasArray() && body.arrayOffset() == 0 && body.position() == 0 && body.remaining() == body.array().length) {
            bytes = body.array();
        } else {
            bytes = new byte[body.remaining()];
            body.duplicate().get(bytes);
        }
        List<E> simple = simple(bytes);
        if (simple != null) {
            return simple;
        }
        kept = new ByteArrayOutputStream(bytes.length);
        kept.writeBytes(bytes);
        return decodeWhole();
    }

    /** The list of a plain {@code success:true} envelope (success before data), or null when the body needs the careful path. */
    @SuppressWarnings("unchecked")
    private List<E> simple(byte[] body) {
        Object list = NodulCodec.onePass(codec.mapper, body, (p, value, success) -> {
            List<E> found = success ? listIn(p, value, 0) : null;
            return found == null ? NodulCodec.NOT_SIMPLE : found;
        });
        return list == NodulCodec.NOT_SIMPLE ? null : (List<E>) list;
    }

    /** The list at {@code path[level..]} of the value the parser is on; null when it is not plain. */
    private List<E> listIn(JsonParser p, JsonToken value, int level) {
        if (level == path.size()) {
            if (value == JsonToken.VALUE_NULL) {
                return List.of();
            }
            if (value != JsonToken.START_ARRAY) {
                return null;
            }
            List<E> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                if (t != JsonToken.VALUE_NULL) {
                    E e = elements.readValue(p);
                    if (e != null) {
                        out.add(e);
                    }
                }
            }
            return out;
        }
        if (value == JsonToken.VALUE_NULL && level > 0) {
            return List.of();
        }
        if (value != JsonToken.START_OBJECT) {
            return null;
        }
        List<E> found = List.of(); // a missing list: no elements
        for (JsonToken t = p.nextToken(); t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            if (name.equals(path.get(level))) {
                found = listIn(p, v, level + 1);
                if (found == null) {
                    return null;
                }
            } else {
                p.skipChildren();
            }
        }
        return found;
    }

    private DecodingException cutShort() {
        return decoding("the body ended inside the envelope after " + index + " element(s) of " + where);
    }

    private void keep(ByteBuffer chunk) {
        if (chunk.hasArray()) {
            kept.write(chunk.array(), chunk.arrayOffset() + chunk.position(), chunk.remaining());
        } else {
            byte[] copy = new byte[chunk.remaining()];
            chunk.get(copy);
            kept.writeBytes(copy);
        }
    }

    /** A parse failure: before the list the whole-body decoding explains it; inside it, an error now. */
    private void unreadable(JacksonException e) {
        if (kept != null) {
            whole = true;
            return;
        }
        throw decoding("could not read the listing after " + index + " element(s) (" + NodulCodec.reason(e) + ")");
    }

    private void drain(List<E> out) {
        for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.NOT_AVAILABLE && !whole; t = parser.nextToken()) {
            if (t.isStructStart()) {
                depth++;
            } else if (t.isStructEnd()) {
                depth--;
            }
            if (current != null) {
                collect(t, out);
            } else if (skipTo >= 0) {
                if (depth == skipTo) {
                    skipTo = -1;
                }
            } else {
                step(t, out);
            }
        }
    }

    private void step(JsonToken t, List<E> out) {
        switch (state) {
            case START -> {
                if (t == JsonToken.START_OBJECT) {
                    state = State.ENVELOPE;
                } else {
                    whole = true;
                }
            }
            case ENVELOPE -> envelope(t);
            case PATH -> path(t);
            case ITEMS -> item(t, out);
            case AFTER -> {
                if (depth == 0) {
                    state = State.DONE;
                }
            }
            case DONE -> throw decoding("content after the envelope");
        }
    }

    private void envelope(JsonToken t) {
        if (t == JsonToken.PROPERTY_NAME) {
            field = parser.currentName();
            return;
        }
        if (t == JsonToken.END_OBJECT) { // the envelope ended without a list: decode it whole
            whole = true;
            return;
        }
        String name = field;
        field = null;
        if (name == null) {
            whole = true;
            return;
        }
        switch (name) {
            case "success" -> {
                success = t == JsonToken.VALUE_TRUE;
                whole = !success;
            }
            case "request_id" -> {
                if (t.isScalarValue()) {
                    requestId = parser.getString();
                } else {
                    skip(t);
                }
            }
            case "data" -> {
                if (!success) {
                    whole = true;
                } else if (path.isEmpty()) {
                    startList(t);
                } else if (t == JsonToken.START_OBJECT) {
                    state = State.PATH;
                    pathIndex = 0;
                } else {
                    whole = true; // null or not an object: the whole decoding says what is wrong
                }
            }
            default -> skip(t);
        }
    }

    private void path(JsonToken t) {
        if (t == JsonToken.PROPERTY_NAME) {
            field = parser.currentName();
            return;
        }
        if (t == JsonToken.END_OBJECT) { // the list is missing: no elements
            commit();
            state = depth == 0 ? State.DONE : State.AFTER;
            return;
        }
        String name = field;
        field = null;
        if (!path.get(pathIndex).equals(name)) {
            skip(t);
        } else if (t == JsonToken.VALUE_NULL) {
            commit();
            state = State.AFTER;
        } else if (pathIndex + 1 == path.size()) {
            startList(t);
        } else if (t == JsonToken.START_OBJECT) {
            pathIndex++;
        } else {
            whole = true;
        }
    }

    private void startList(JsonToken t) {
        if (t == JsonToken.START_ARRAY) {
            commit();
            state = State.ITEMS;
            itemsDepth = depth;
        } else {
            whole = true;
        }
    }

    private void item(JsonToken t, List<E> out) {
        if (t == JsonToken.END_ARRAY) {
            state = State.AFTER;
        } else if (t.isStructStart()) {
            current = new TokenBuffer(false);
            current.copyCurrentEvent(parser);
        } else if (t != JsonToken.VALUE_NULL) {
            current = new TokenBuffer(false);
            current.copyCurrentEvent(parser);
            bind(out);
        }
    }

    private void collect(JsonToken t, List<E> out) {
        current.copyCurrentEvent(parser);
        if (t.isStructEnd() && depth == itemsDepth) {
            bind(out);
        }
    }

    private void bind(List<E> out) {
        TokenBuffer buffer = current;
        current = null;
        try (JsonParser p = buffer.asParser()) {
            E value = elements.readValue(p);
            if (value != null) {
                out.add(value);
            }
        } catch (JacksonException | IllegalArgumentException e) {
            throw notBound(index, e);
        }
        index++;
    }

    private void skip(JsonToken t) {
        if (t.isStructStart()) {
            skipTo = depth - 1;
        }
    }

    private void commit() {
        kept = null;
    }

    /** The body read whole, as {@link NodulCodec#decode} reads it, then the list taken out of data. */
    private List<E> decodeWhole() {
        ApiResponse full = new ApiResponse(head.status(), head.headers(), kept.toByteArray(), head.receivedAt(), head::redact);
        kept = null;
        JsonNode node = codec.decode(full, TREE);
        if (requestId == null) { // a success: the envelope is JSON (rare path, read again for its request_id)
            JsonNode id = elements.readTree(full.body()).get("request_id");
            requestId = id == null || id.isNull() ? null : id.asString();
        }
        for (String segment : path) {
            node = node == null || !node.isObject() ? null : node.get(segment);
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw decoding(where + " is not a list");
        }
        List<E> out = new ArrayList<>(node.size());
        for (JsonNode item : node) {
            if (item.isNull()) {
                continue;
            }
            try (JsonParser p = elements.treeAsTokens(item)) {
                out.add(elements.readValue(p));
            } catch (JacksonException | IllegalArgumentException e) {
                throw notBound(out.size(), e);
            }
        }
        return out;
    }

    private DecodingException notBound(long i, RuntimeException e) {
        return decoding("could not read " + where + "[" + i + "] as " + NodulCodec.simpleName(element) + " (" + NodulCodec.reason(e) + ")");
    }

    private DecodingException decoding(String what) {
        return new DecodingException(ApiError.builder(NodulCodec.PROVIDER).httpStatus(head.status()).requestId(requestId)
                .message(head.redact(what)).build(), null);
    }
}
