package dev.volga.transport;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.Codec;
import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.TypeRef;

import java.nio.charset.StandardCharsets;

/** Test codec: bodies are plain text; a non-2xx status becomes the exception {@link ApiException#forStatus} picks. */
class TextCodec implements Codec {

    @Override
    public String provider() {
        return "test";
    }

    @Override
    public String accept() {
        return "text/plain";
    }

    @Override
    public EncodedBody encode(Object value) {
        return new EncodedBody("text/plain; charset=UTF-8", value.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T decode(ApiResponse response, TypeRef<T> type) {
        if (!response.isSuccess()) {
            throw ApiException.forStatus(ApiError.builder("test").httpStatus(response.status())
                    .message(response.excerpt(200)).requestId(response.header("X-Request-Id").orElse(null)).build());
        }
        if (type.type() == Void.class) {
            return null;
        }
        return (T) response.bodyText();
    }
}
