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
}
