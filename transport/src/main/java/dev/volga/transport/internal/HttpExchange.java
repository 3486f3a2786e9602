package dev.volga.transport.internal;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.TransportException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.ElementReader;
import dev.volga.api.spi.EncodedBody;
import dev.volga.api.spi.StreamingBody;
import io.netty.buffer.Unpooled;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.timeout.ReadTimeoutException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;

/**
 * One HTTP exchange on Reactor Netty: write the request, read the whole response within the size
 * cap, and turn wire failures into {@link TransportException}s that say whether the request may
 * have reached the server. Never retries (Reactor Netty's own retry is disabled: whether a write
 * may be repeated is the pipeline's decision, not the connection's).
 */
public final class HttpExchange {

    /**
     * One request as it goes on the wire.
     *
     * @param describe builds the request as printed in messages, secrets masked (only when a
     *                 message needs it: most requests never print)
     */
    public record WireRequest(String method, String url, List<Map.Entry<String, String>> headers, Object body,
                              java.util.function.Supplier<String> describe, Integer maxResponseSize, Duration responseTimeout) {
        /** Validates the fields. */
        public WireRequest {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
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

    /** How many chunks of a streaming body may be requested ahead of the socket. */
    private static final int STREAM_PREFETCH = 4;

    private static final byte[] NO_BYTES = new byte[0];
    /** How much of a streamed body's start is read before its elements are passed on. */
    static final int HOLD_BYTES = 256 * 1024;

    private final HttpClient http;
    private final Duration responseTimeout;
    private final int maxResponseBytes;
    private final String userAgent;
    private volatile boolean closed;

    /**
     * @param http the configured client
     * @param responseTimeout longest wait from sending to having the whole response
     * @param maxResponseBytes the response size cap
     * @param userAgent the User-Agent header
     */
    public HttpExchange(HttpClient http, Duration responseTimeout, int maxResponseBytes, String userAgent) {
        this(http, responseTimeout, maxResponseBytes, userAgent, false);
    }

    /**
     * @param http the configured client
     * @param responseTimeout longest wait from sending to having the whole response
     * @param maxResponseBytes the response size cap
     * @param userAgent the User-Agent header
     * @param wireLog whether every HTTP message is logged as text, secrets masked ({@link WireLog})
     */
    public HttpExchange(HttpClient http, Duration responseTimeout, int maxResponseBytes, String userAgent, boolean wireLog) {
        // secret query values never reach Reactor Netty's own logs (see SecretQuery)
        this.http = http.doOnChannelInit((observer, channel, address) -> {
            SecretQuery.install(channel);
            DecoderFailures.install(channel);
            if (wireLog) {
                WireLog.install(channel);
            }
        });
        this.responseTimeout = responseTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.userAgent = userAgent;
    }

    /**
     * One client's view of this exchange: its provider (in errors), clock ({@code receivedAt},
     * timeouts) and redactor (messages) bound once.
     *
     * @param provider provider name for errors
     * @param clock time source
     * @param redactor masks secrets in messages
     * @return the bound exchange
     */
    public Bound bind(String provider, Scheduler clock, UnaryOperator<String> redactor) {
        return new Bound(Objects.requireNonNull(provider, "provider"), Objects.requireNonNull(clock, "clock"),
                Objects.requireNonNull(redactor, "redactor"));
    }

    /** {@link HttpExchange} bound to one client's provider, clock and redactor. */
    public final class Bound {
        final String provider;
        final Scheduler clock;
        final UnaryOperator<String> redactor;

        private Bound(String provider, Scheduler clock, UnaryOperator<String> redactor) {
            this.provider = provider;
            this.clock = clock;
            this.redactor = redactor;
        }

        /**
         * Sends a request and reads its response through {@code reader}. A 2xx response of a
         * reader that {@link BodyReader#streams() streams} goes element by element as the body
         * arrives, with backpressure: the socket is read only as fast as the subscriber asks, so
         * memory holds about one piece of the body whatever its length. Any other response is read
         * whole (within the size cap) and handed to {@link BodyReader#whole}.
         *
         * <p>The response timeout bounds the wait for the first element or the end (for a response
         * read whole, or a short listing whose elements are held back to its end: the whole
         * response) and each later pause of the body (Reactor Netty's read timeout), not the whole
         * of a long listing; a subscriber that stops asking for longer than the timeout ends it
         * with a {@code TIMEOUT}. Cancelling closes the connection.
         *
         * @param request what to send
         * @param reader what the response turns into
         * @param <E> what the response yields
         * @return the elements, or a {@link TransportException} / the reader's error
         */
        public <E> Flux<E> exchange(WireRequest request, BodyReader<E> reader) {
            return Flux.defer(() -> {
                AtomicBoolean written = new AtomicBoolean();
                return call(request, redactor, written, (resp, content) -> respond(resp, content, request, reader))
                        // the first element (or the end) within the timeout: a response read whole, or a
                        // short listing held back to its end, is bounded as a whole; Mono.timeout's
                        // behaviour without a timer task per request (see Deadlines)
                        .as(f -> Deadlines.timeoutFirst(f, timeout(request), clock))
                        .onErrorMap(e -> !(e instanceof ApiException), e -> wireError(e, written.get(), provider, request));
            });
        }

        private <E> Publisher<E> respond(HttpClientResponse resp, reactor.netty.ByteBufFlux content, WireRequest request,
                                         BodyReader<E> reader) {
            int status = resp.status().code();
            ElementReader<E> elements = null;
            if (reader.streams() && status >= 200 && status < 300) {
                ApiResponse head = new ApiResponse(status, headers(resp.responseHeaders()), NO_BYTES,
                        Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS)), redactor);
                try {
                    elements = reader.elements(head);
                } catch (RuntimeException e) {
                    return Flux.error(e);
                }
            }
            if (elements == null) {
                return read(resp, content, this, request).flatMapMany(reader::whole);
            }
            ElementReader<E> streamed = elements;
            long declared = contentLength(resp.responseHeaders());
            if (declared >= 0 && declared <= HOLD_BYTES) {
                // short and of known length: its elements would be held back to its end anyway
                return readBody(resp, content, provider, request)
                        .flatMapIterable(body -> streamed.readWhole(java.nio.ByteBuffer.wrap(body)));
            }
            return elements(streamed, content, cap(request), tooLarge -> tooLarge(provider, request, status, -1, tooLarge));
        }
    }

    /**
     * The body through an element reader: each piece is read while Netty still holds it (nothing is
     * copied unless the reader keeps it), one piece is asked for at a time. The elements of the
     * first {@link #HOLD_BYTES} of the body are held back until the body has gone past that or
     * ended, so that a short listing whose connection breaks has emitted nothing and can be retried
     * whole, as a response read whole would be.
     */
    private static <E> Flux<E> elements(ElementReader<E> reader, reactor.netty.ByteBufFlux content, int cap,
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
                        if (progress.received > HOLD_BYTES) {
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

    /** Writes the request (headers, then its body if any) and hands the response to {@code handler}. */
    private <V> Flux<V> call(WireRequest request, UnaryOperator<String> redactor, AtomicBoolean written,
                             BiFunction<HttpClientResponse, reactor.netty.ByteBufFlux, Publisher<V>> handler) {
        if (closed) {
            return Flux.error(new IllegalStateException("the Volga transport is closed: " + request.printable()
                    + " was not sent"));
        }
        SecretQuery query = SecretQuery.of(request.url(), redactor);
        return http.request(HttpMethod.valueOf(request.method()))
                .uri(query.url())
                .send((req, out) -> {
                    out.withConnection(c -> {
                        query.prepare(c.channel());
                        WireLog.prepare(c.channel(), redactor);
                    });
                    // the read timeout between pieces of the response, when it is not the client's own
                    if (request.responseTimeout() != null && !request.responseTimeout().equals(responseTimeout)) {
                        req.responseTimeout(request.responseTimeout());
                    }
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
                    Object body = request.body();
                    if (body == null) {
                        // headers only: the request may be on the wire from here on
                        written.set(true);
                        return out;
                    }
                    if (body instanceof StreamingBody streaming) {
                        req.header(HttpHeaderNames.CONTENT_TYPE, streaming.contentType());
                        req.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(streaming.contentLength()));
                        // from the first chunk on, the server may act on the request
                        // limitRate: Reactor Netty would otherwise pull many chunks ahead of the socket
                        Flux<ByteBuf> chunks = JdkFlowAdapter.flowPublisherToFlux(streaming.source().get())
                                .limitRate(STREAM_PREFETCH)
                                .doOnNext(b -> written.set(true))
                                .map(Unpooled::wrappedBuffer);
                        return out.send(chunks).then().doOnSuccess(v -> written.set(true));
                    }
                    EncodedBody bytes = (EncodedBody) body;
                    req.header(HttpHeaderNames.CONTENT_TYPE, bytes.contentType());
                    req.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.bytes().length));
                    return out.sendByteArray(Mono.just(bytes.bytes())).then().doOnSuccess(v -> written.set(true));
                })
                .response(handler);
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

    private Duration timeout(WireRequest request) {
        return request.responseTimeout() != null ? request.responseTimeout() : responseTimeout;
    }

    private int cap(WireRequest request) {
        return request.maxResponseSize() != null ? request.maxResponseSize() : maxResponseBytes;
    }

    /** Refuses every later request; what is in flight finishes. */
    public void close() {
        closed = true;
    }

    private Mono<ApiResponse> read(HttpClientResponse resp, reactor.netty.ByteBufFlux content, Bound bound, WireRequest request) {
        return readBody(resp, content, bound.provider, request).map(body -> new ApiResponse(resp.status().code(),
                headers(resp.responseHeaders()), body, Instant.ofEpochMilli(bound.clock.now(TimeUnit.MILLISECONDS)), bound.redactor));
    }

    /** The whole body within the size cap. */
    private Mono<byte[]> readBody(HttpClientResponse resp, reactor.netty.ByteBufFlux content, String provider, WireRequest request) {
        int cap = cap(request);
        long declared = contentLength(resp.responseHeaders());
        if (declared > cap) {
            return Mono.error(tooLarge(provider, request, resp.status().code(), declared, cap));
        }
        BodyAccumulator acc = new BodyAccumulator(declared, cap);
        return content.handle((ByteBuf buf, reactor.core.publisher.SynchronousSink<Object> sink) -> {
            if (!acc.add(buf)) {
                sink.error(tooLarge(provider, request, resp.status().code(), -1, cap));
            }
        }).then(Mono.fromSupplier(acc::bytes));
    }

    private static TransportException tooLarge(String provider, WireRequest request, int status, long declared, int cap) {
        String size = declared > 0 ? declared + " bytes declared" : "more than " + cap + " bytes";
        return new TransportException(ApiError.builder(provider).httpStatus(status)
                .message(request.printable() + ": response too large (" + size + ", cap " + cap
                        + " bytes); raise maxResponseSize to accept it")
                .build(), TransportException.Kind.RESPONSE_TOO_LARGE, true, null);
    }

    private static long contentLength(HttpHeaders headers) {
        String v = headers.get(HttpHeaderNames.CONTENT_LENGTH);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static Map<String, List<String>> headers(HttpHeaders headers) {
        // immutable single-value lists: ApiResponse's List.copyOf keeps them instead of copying
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : headers) {
            map.merge(e.getKey(), List.of(e.getValue()), (a, b) -> {
                List<String> all = new ArrayList<>(a);
                all.addAll(b);
                return all;
            });
        }
        return map;
    }

    private Throwable wireError(Throwable e, boolean written, String provider, WireRequest request) {
        TransportException.Kind kind;
        boolean sent = written;
        String what;
        if (e instanceof TimeoutException) {
            kind = TransportException.Kind.TIMEOUT;
            what = "no complete response within " + timeout(request);
        } else if (e instanceof ReadTimeoutException) {
            kind = TransportException.Kind.TIMEOUT;
            what = "no response data for " + timeout(request);
        } else if (isConnectFailure(e)) {
            kind = TransportException.Kind.CONNECT;
            sent = false;
            what = "cannot connect";
        } else if (e instanceof io.netty.handler.codec.DecoderException && !(e.getCause() instanceof javax.net.ssl.SSLException)) {
            // a response HTTP's framing cannot carry (see DecoderFailures); we did get an answer
            kind = TransportException.Kind.MALFORMED_RESPONSE;
            sent = true;
            what = "malformed response";
            e = e.getCause() != null && !(e instanceof io.netty.handler.codec.TooLongFrameException) ? e.getCause() : e;
        } else if (e instanceof PrematureCloseException) {
            kind = TransportException.Kind.CONNECTION_CLOSED;
            what = "connection closed before the response was complete";
        } else if (e instanceof IOException) {
            kind = TransportException.Kind.IO;
            what = "I/O failure";
        } else {
            return e;
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
        return new TransportException(ApiError.builder(provider)
                .message(request.printable() + ": " + what + " (" + detail + ")" + (sent ? "" : "; the request was not sent"))
                .build(), kind, sent, e);
    }

    private static boolean isConnectFailure(Throwable e) {
        if (e instanceof ConnectException || e instanceof UnknownHostException || e instanceof NoRouteToHostException
                || e instanceof io.netty.channel.ConnectTimeoutException) {
            return true;
        }
        // reactor-pool's acquire failures live in a shaded internal package: match by name
        String name = e.getClass().getSimpleName();
        return name.equals("PoolAcquireTimeoutException") || name.equals("PoolAcquirePendingLimitException");
    }

    /**
     * Copies response bytes out of Netty buffers as they arrive, refusing to grow past the cap. With
     * a declared length the bytes go straight into one exactly sized array (peak 1× the body);
     * without, each chunk is kept as it came and joined once at the end (peak 2×, never the 3× of a
     * doubling buffer).
     */
    static final class BodyAccumulator {
        private final int cap;
        private byte[] exact;
        private List<byte[]> chunks;
        private int size;

        BodyAccumulator(long declared, int cap) {
            this.cap = cap;
            if (declared >= 0 && declared <= cap) {
                this.exact = new byte[(int) declared];
            } else {
                this.chunks = new ArrayList<>();
            }
        }

        boolean add(ByteBuf buf) {
            int n = buf.readableBytes();
            if ((long) size + n > cap) {
                return false;
            }
            if (exact != null && size + n <= exact.length) {
                buf.getBytes(buf.readerIndex(), exact, size, n);
            } else {
                if (exact != null) { // more than declared: keep going as chunks
                    chunks = new ArrayList<>();
                    chunks.add(java.util.Arrays.copyOf(exact, size));
                    exact = null;
                }
                byte[] chunk = new byte[n];
                buf.getBytes(buf.readerIndex(), chunk);
                chunks.add(chunk);
            }
            size += n;
            return true;
        }

        byte[] bytes() {
            if (exact != null) {
                return size == exact.length ? exact : java.util.Arrays.copyOf(exact, size);
            }
            if (chunks.size() == 1) {
                return chunks.get(0);
            }
            byte[] all = new byte[size];
            int pos = 0;
            for (byte[] chunk : chunks) {
                System.arraycopy(chunk, 0, all, pos, chunk.length);
                pos += chunk.length;
            }
            chunks = null;
            return all;
        }
    }
}
