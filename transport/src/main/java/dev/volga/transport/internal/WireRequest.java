package dev.volga.transport.internal;

import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.StreamingBody;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One request as it goes on the wire.
 *
 * @param method the HTTP method
 * @param url the URL, query included, each declared secret value a {@link SecretQuery#placeholder}
 * @param secrets the real (URL-encoded) value of each placeholder in {@code url}
 * @param headers the headers, in order
 * @param body an {@code EncodedBody}, a {@code StreamingBody}, or null
 * @param maxResponseSize the response size cap of this request, or null for the transport's
 * @param responseTimeout the response timeout of this request, or null for the transport's
 * @param describe builds the request as printed in messages, secrets masked (only when a
 *                 message needs it: most requests never print)
 */
public record WireRequest(String method, String url, Map<String, String> secrets, List<Map.Entry<String, String>> headers, Object body,
                          Supplier<String> describe, Integer maxResponseSize, Duration responseTimeout) {
    /** Validates the fields. */
    public WireRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(url, "url");
        secrets = Map.copyOf(secrets);
        headers = List.copyOf(headers);
        Objects.requireNonNull(describe, "describe");
        if (body != null && !(body instanceof EncodedBody) && !(body instanceof StreamingBody)) {
            throw new IllegalArgumentException("body must be an EncodedBody or a StreamingBody");
        }
    }

    /** @return the request as printed in messages, e.g. {@code GET https://host/path?AUTH_TOKEN=***} */
    public String printable() {
        return describe.get();
    }
}
