package dev.volga.transport.internal;

import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.StreamingBody;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.NettyOutbound;
import reactor.netty.http.client.HttpClientRequest;

import java.util.List;
import java.util.Map;

/** Writes a {@link WireRequest}'s headers and body, noting when any of it may be on the wire. */
final class RequestWriter {

    /** How many chunks of a streaming body may be requested ahead of the socket. */
    private static final int STREAM_PREFETCH = 4;

    private RequestWriter() {
    }

    /**
     * Sets the request's headers (before anything is written).
     *
     * @param req the request's headers
     * @param request what to write
     * @param userAgent the User-Agent
     */
    static void headers(HttpClientRequest req, WireRequest request, String userAgent) {
        req.header(HttpHeaderNames.USER_AGENT, userAgent);
        // the first value of a name replaces Reactor Netty's default (Accept: */*),
        // further values of the same name are added
        List<Map.Entry<String, String>> headers = request.headers();
        for (int i = 0; i < headers.size(); i++) {
            Map.Entry<String, String> h = headers.get(i);
            if (firstOfItsName(headers, i)) {
                req.header(h.getKey(), h.getValue());
            } else {
                req.addHeader(h.getKey(), h.getValue());
            }
        }
    }

    /**
     * Writes a request's body (its headers are set by {@link #headers}).
     *
     * @param req the request's headers
     * @param out the request's body
     * @param request what to write, its body not null
     * @param written called once the request may have reached the server
     * @return the written body
     */
    static Publisher<Void> body(HttpClientRequest req, NettyOutbound out, WireRequest request, Runnable written) {
        Object body = request.body();
        if (body instanceof StreamingBody streaming) {
            req.header(HttpHeaderNames.CONTENT_TYPE, streaming.contentType());
            req.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(streaming.contentLength()));
            // from the first chunk on, the server may act on the request
            // limitRate: Reactor Netty would otherwise pull many chunks ahead of the socket
            Flux<ByteBuf> chunks = JdkFlowAdapter.flowPublisherToFlux(streaming.source().get())
                    .limitRate(STREAM_PREFETCH)
                    .doOnNext(b -> written.run())
                    .map(Unpooled::wrappedBuffer);
            return out.send(chunks).then().doOnSuccess(v -> written.run());
        }
        EncodedBody bytes = (EncodedBody) body;
        req.header(HttpHeaderNames.CONTENT_TYPE, bytes.contentType());
        req.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.bytes().length));
        return out.sendByteArray(Mono.just(bytes.bytes())).then().doOnSuccess(v -> written.run());
    }

    /** Whether no header before {@code i} has the same name (a handful of headers: no set needed). */
    private static boolean firstOfItsName(List<Map.Entry<String, String>> headers, int i) {
        String name = headers.get(i).getKey();
        for (int j = 0; j < i; j++) {
            if (headers.get(j).getKey().equalsIgnoreCase(name)) {
                return false;
            }
        }
        return true;
    }
}
