package dev.volga.transport.internal;

import dev.volga.api.TransportException;
import dev.volga.api.spi.ElementReader;
import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A streamed body through a codec's element reader, piece by piece as Netty hands it over. */
final class ElementStream {

    private ElementStream() {
    }

    /**
     * The body through an element reader: each piece is read while Netty still holds it (nothing is
     * copied unless the reader keeps it), one piece is asked for at a time. The elements of the
     * first {@link HttpExchange#HOLD_BYTES} of the body are held back until the body has gone past that or
     * ended, so that a short listing whose connection breaks has emitted nothing and can be retried
     * whole, as a response read whole would be.
     */
    static <E> Flux<E> elements(ElementReader<E> reader, Flux<ByteBuf> content, int cap,
                                        java.util.function.IntFunction<TransportException> tooLarge) {
        class Progress {
            long received;
            List<E> held = new ArrayList<>();
        }
        Progress progress = new Progress();
        return content.<List<E>>handle((buf, sink) -> {
                    progress.received += buf.readableBytes();
                    if (reader.buffering() && progress.received > cap) {
                        sink.error(tooLarge.apply(cap));
                        return;
                    }
                    List<E> got = read(reader, buf);
                    if (progress.held == null) {
                        sink.next(got);
                    } else {
                        progress.held.addAll(got);
                        if (progress.received > HttpExchange.HOLD_BYTES) {
                            sink.next(progress.held);
                            progress.held = null;
                        }
                    }
                })
                .concatWith(Mono.fromCallable(() -> {
                    List<E> rest = reader.end();
                    if (progress.held == null) {
                        return rest;
                    }
                    progress.held.addAll(rest);
                    return progress.held;
                }))
                .concatMapIterable(Function.identity(), 1);
    }

    private static <E> List<E> read(ElementReader<E> reader, ByteBuf buf) {
        int count = buf.nioBufferCount();
        if (count == 1) {
            return reader.read(buf.nioBuffer());
        }
        if (count < 1) { // not backed by NIO buffers: copy
            byte[] bytes = new byte[buf.readableBytes()];
            buf.getBytes(buf.readerIndex(), bytes);
            return reader.read(java.nio.ByteBuffer.wrap(bytes));
        }
        List<E> out = new ArrayList<>();
        for (java.nio.ByteBuffer piece : buf.nioBuffers()) {
            out.addAll(reader.read(piece));
        }
        return out;
    }
}
