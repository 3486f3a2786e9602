package dev.volga.api.spi;

/**
 * What a provider contributes to the shared transport: how its bodies look on the wire.
 *
 * <p>{@link #decode} is the single authority on whether a response is a success: it returns the
 * value, or throws the fitting {@link dev.volga.api.ApiException} subclass (for example Nodul's
 * {@code success:false} inside an HTTP 200, or EnDocs' authentication failures sent as 400). The
 * transport acts on the type it gets: {@link dev.volga.api.AuthenticationException} re-logs in
 * once, {@link dev.volga.api.RateLimitedException} pauses the key, a 502/503/504
 * {@link dev.volga.api.ServerErrorException} may be retried.
 *
 * <p>Implementations must be thread-safe and must not block on I/O (the body is already in memory).
 * A body that cannot be read is a {@link dev.volga.api.DecodingException} that says what was
 * expected and shows {@link ApiResponse#excerpt(int)}, never a raw parser stack trace.
 */
public interface Codec {

    /**
     * @return the provider name used in errors, e.g. {@code "nodul"}
     */
    String provider();

    /**
     * The {@code Accept} header this codec reads, sent with every request of the provider.
     *
     * @return the media type, e.g. {@code application/json}
     */
    default String accept() {
        return "application/json";
    }

    /**
     * Turns a value into a request body.
     *
     * @param value the value (a record, a map, bytes…)
     * @return the body and its content type
     * @throws IllegalArgumentException if the value cannot be encoded
     */
    EncodedBody encode(Object value);

    /**
     * Turns a response into a value of the expected type, or into an exception.
     *
     * @param response the complete response
     * @param type what a successful response holds
     * @param <T> the value type
     * @return the value; for a type of {@code Void}, null is allowed
     * @throws dev.volga.api.ApiException when the response is an error or cannot be read
     */
    <T> T decode(ApiResponse response, TypeRef<T> type);

    /**
     * Optionally reads a successful list response element by element as its body arrives, instead
     * of the whole body at once. The transport asks for a reader when a listing request's response
     * has a 2xx status (other statuses are read whole and given to {@link #decode}).
     *
     * <p>{@code path} names where the list is inside the payload, property by property: empty for a
     * payload that is the list itself, {@code ["plans"]} for Nodul's {@code data.plans}. A missing or
     * null list reads as no elements; null elements are skipped.
     *
     * @param head the status and headers; its body is empty
     * @param element the element type
     * @param path where the list is inside the payload
     * @param <E> the element type
     * @return a new reader, or null when this codec reads lists only whole (the default): the
     *         transport then reads the body whole and calls {@link #decode} with the list type,
     *         which works for an empty path only
     */
    default <E> ElementReader<E> elementReader(ApiResponse head, TypeRef<E> element, java.util.List<String> path) {
        return null;
    }
}
