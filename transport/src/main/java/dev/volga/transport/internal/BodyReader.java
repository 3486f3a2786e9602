package dev.volga.transport.internal;

import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.ElementReader;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

/**
 * What a response turns into, for {@link HttpExchange.Bound#exchange}: one value for a response
 * read whole, or the elements of a listing read as its body arrives. A single value is a listing
 * of at most one element, so one exchange serves both.
 *
 * @param <E> what the response yields
 */
public interface BodyReader<E> {

    /**
     * @param head a 2xx response's status and headers (empty body)
     * @return the reader of its elements as the body arrives, or null to read it whole
     */
    ElementReader<E> elements(ApiResponse head);

    /**
     * @param response a response read whole (any status)
     * @return what it yields: a value, elements, or a typed error
     */
    Publisher<E> whole(ApiResponse response);

    /** @return whether a 2xx body may be streamed ({@link #elements} is asked first) */
    boolean streams();

    /** @return the reader that yields the response itself, read whole (logins, raw calls) */
    static BodyReader<ApiResponse> raw() {
        return new BodyReader<>() {
            @Override
            public ElementReader<ApiResponse> elements(ApiResponse head) {
                return null;
            }

            @Override
            public Publisher<ApiResponse> whole(ApiResponse response) {
                return Mono.just(response);
            }

            @Override
            public boolean streams() {
                return false;
            }
        };
    }
}
