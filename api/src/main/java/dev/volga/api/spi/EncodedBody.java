package dev.volga.api.spi;

import java.util.Objects;

/**
 * A request body ready for the wire: its bytes and their {@code Content-Type}.
 *
 * @param contentType the media type, e.g. {@code application/json; charset=UTF-8}
 * @param bytes the body; the array is not copied, do not change it afterwards
 */
public record EncodedBody(String contentType, byte[] bytes) {

    /**
     * Validates the fields.
     *
     * @param contentType the media type, e.g. {@code application/json; charset=UTF-8}
     * @param bytes the body; the array is not copied, do not change it afterwards
     */
    public EncodedBody {
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public String toString() {
        return "EncodedBody[" + contentType + ", " + bytes.length + " bytes]";
    }
}
