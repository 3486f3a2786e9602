package dev.volga.api.spi;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * A request body produced while it is sent, for payloads too large to hold as one array (EnDocs
 * uploads base64 inside JSON). The transport sends exactly {@code contentLength} bytes with that
 * {@code Content-Length}; it calls {@link #source()} once per attempt, so a retried request gets a
 * fresh publisher. Pass it as the body of a request; codecs are not involved.
 *
 * @param contentType the media type
 * @param contentLength the exact number of bytes the source emits
 * @param source a fresh publisher of the body's bytes on every call
 */
public record StreamingBody(String contentType, long contentLength, Supplier<Flow.Publisher<ByteBuffer>> source) {

    /**
     * Validates the fields.
     *
     * @param contentType the media type
     * @param contentLength the exact number of bytes the source emits
     * @param source a fresh publisher of the body's bytes on every call
     */
    public StreamingBody {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(source, "source");
        if (contentLength < 0) {
            throw new IllegalArgumentException("contentLength must not be negative, was " + contentLength);
        }
    }

    @Override
    public String toString() {
        return "StreamingBody[" + contentType + ", " + contentLength + " bytes]";
    }
}
