package dev.volga.endocs.internal;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * Base64-encodes a stream of raw chunks as they pass, carrying the 0–2 bytes that do not fill a
 * 3-byte group over to the next chunk; the whole input is never held.
 */
public final class Base64Stream {

    private Base64Stream() {
    }

    /**
     * The base64 length of {@code size} raw bytes, with padding.
     *
     * @param size raw bytes
     * @return encoded bytes
     */
    public static long encodedLength(long size) {
        return (size + 2) / 3 * 4;
    }

    /**
     * Encodes a stream that must emit exactly {@code expectedSize} bytes; more or fewer fails the stream.
     *
     * @param raw the raw chunks
     * @param expectedSize the number of raw bytes
     * @param what names the stream in errors
     * @return the encoded chunks (standard alphabet, padded)
     */
    public static Flux<ByteBuffer> encode(Flux<ByteBuffer> raw, long expectedSize, String what) {
        return Flux.defer(() -> {
            Encoder encoder = new Encoder(expectedSize, what);
            return raw.handle((ByteBuffer chunk, reactor.core.publisher.SynchronousSink<ByteBuffer> sink) -> {
                ByteBuffer out = encoder.encode(chunk);
                if (out.hasRemaining()) {
                    sink.next(out);
                }
            }).concatWith(Mono.fromCallable(encoder::finish).filter(ByteBuffer::hasRemaining));
        });
    }

    private static final class Encoder {
        private final long expected;
        private final String what;
        private final byte[] carry = new byte[3];
        private int carried;
        private long seen;

        Encoder(long expected, String what) {
            this.expected = expected;
            this.what = what;
        }

        ByteBuffer encode(ByteBuffer in) {
            int n = in.remaining();
            seen += n;
            if (seen > expected) {
                throw new IllegalStateException(what + " emitted more than the declared " + expected + " bytes");
            }
            int total = carried + n;
            int whole = total / 3 * 3;
            if (whole == 0) {
                in.get(carry, carried, n);
                carried += n;
                return ByteBuffer.allocate(0);
            }
            byte[] group = new byte[whole];
            System.arraycopy(carry, 0, group, 0, carried);
            in.get(group, carried, whole - carried);
            int rest = in.remaining();
            in.get(carry, 0, rest);
            carried = rest;
            return ByteBuffer.wrap(Base64.getEncoder().encode(group));
        }

        ByteBuffer finish() {
            if (seen != expected) {
                throw new IllegalStateException(what + " emitted " + seen + " bytes, " + expected + " were declared");
            }
            if (carried == 0) {
                return ByteBuffer.allocate(0);
            }
            byte[] last = new byte[carried];
            System.arraycopy(carry, 0, last, 0, carried);
            carried = 0;
            return ByteBuffer.wrap(Base64.getEncoder().encode(last));
        }
    }
}
