package dev.volga.transport.internal.pipeline;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.DecodingException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.Codec;
import dev.volga.api.spi.ElementReader;
import dev.volga.api.spi.TypeRef;
import dev.volga.transport.internal.BodyReader;
import dev.volga.transport.internal.ClientTelemetry;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * The provider's codec as the wire step's {@link BodyReader}: a body becomes the call's value, or
 * a listing's elements as they arrive; a failure becomes the codec's typed {@link ApiException}
 * (through {@link ServerPause}) or a {@link DecodingException} that says what was expected.
 */
record Decode(String provider, Codec codec, ServerPause pause, ClientTelemetry telemetry) {

    private static final System.Logger LOG = System.getLogger("dev.volga.transport");

    /**
     * @param call a call whose response is one value, read whole
     * @param <T> the value type
     * @return its reader
     */
    <T> BodyReader<T> value(Call<T> call) {
        return new Reader<>(call, false);
    }

    /**
     * @param call a streamed listing
     * @param <T> the element type
     * @return its reader
     */
    <T> BodyReader<T> elements(Call<T> call) {
        return new Reader<>(call, true);
    }

    /** One call's reader: the value of a response read whole, or the elements of a streamed listing. */
    private final class Reader<T> implements BodyReader<T> {
        private final Call<T> call;
        private final boolean streams;

        Reader(Call<T> call, boolean streams) {
            this.call = call;
            this.streams = streams;
        }

        @Override
        public boolean streams() {
            return streams;
        }

        @Override
        public Publisher<T> whole(ApiResponse response) {
            call.lastStatus = response.status();
            LOG.log(System.Logger.Level.DEBUG, () -> "← " + response.status() + " " + call.describe());
            try {
                Object value = codec.decode(response, call.request.responseType());
                telemetry.succeeded();
                if (!streams) {
                    @SuppressWarnings("unchecked") // the call's value is of its request's response type
                    T typed = (T) value;
                    return Mono.justOrEmpty(typed);
                }
                @SuppressWarnings("unchecked") // a listing's response type is a list of its elements
                List<T> list = (List<T>) value;
                return list == null ? Flux.empty() : Flux.fromIterable(list);
            } catch (RuntimeException e) {
                return Mono.error(failure(response, e));
            }
        }

        @Override
        public ElementReader<T> elements(ApiResponse head) {
            call.lastStatus = head.status();
            LOG.log(System.Logger.Level.DEBUG, () -> "← " + head.status() + " " + call.describe() + " (listing)");
            @SuppressWarnings("unchecked") // a listing's element type
            TypeRef<T> element = (TypeRef<T>) call.request.elementType();
            ElementReader<T> reader = codec.elementReader(head, element, call.request.listPath());
            if (reader == null) {
                if (!call.request.listPath().isEmpty()) {
                    throw new IllegalStateException(provider + "'s codec reads no list inside a payload, but "
                            + call.describe() + " has its list at " + call.request.listPath());
                }
                return null;
            }
            return new ElementReader<>() {
                @Override
                public List<T> read(ByteBuffer chunk) {
                    return guarded(head, () -> reader.read(chunk), false);
                }

                @Override
                public List<T> end() {
                    return guarded(head, reader::end, true);
                }

                @Override
                public List<T> readWhole(ByteBuffer body) {
                    return guarded(head, () -> reader.readWhole(body), true);
                }

                @Override
                public boolean buffering() {
                    return reader.buffering();
                }
            };
        }

        /** One step of an element reader, its failure handled as a whole read's; the last one counts the success. */
        private List<T> guarded(ApiResponse head, Supplier<List<T>> step, boolean last) {
            try {
                List<T> elements = step.get();
                if (last) {
                    telemetry.succeeded();
                }
                return elements;
            } catch (RuntimeException e) {
                throw failure(head, e);
            }
        }

        /**
         * What the codec threw, as the pipeline passes it on: an {@link ApiException} as it is (a
         * server's 429 pauses the key first), anything else as a {@link DecodingException}.
         */
        private RuntimeException failure(ApiResponse response, RuntimeException thrown) {
            if (thrown instanceof ApiException e) {
                return pause.apply(call, response, e);
            }
            return new DecodingException(ApiError.builder(provider).httpStatus(response.status())
                    .message(call.describe() + ": could not read the response as " + call.request.responseType() + " ("
                            + thrown.getClass().getSimpleName() + "); body starts: " + response.excerpt(200))
                    .build(), null);
        }
    }
}
