package dev.volga.transport.internal;

import dev.volga.api.ApiException;
import dev.volga.api.TransportException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.ElementReader;
import reactor.core.publisher.Flux;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import reactor.netty.Connection;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.HttpClientRequest;
import reactor.netty.http.client.HttpClientResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.reactivestreams.Publisher;

/**
 * One HTTP exchange on Reactor Netty: write the request, read the whole response within the size
 * cap, and turn wire failures into {@link TransportException}s that say whether the request may
 * have reached the server. Never retries (Reactor Netty's own retry is disabled: whether a write
 * may be repeated is the pipeline's decision, not the connection's).
 */
public final class HttpExchange {

    private static final byte[] NO_BYTES = new byte[0];
    /** The name of a long streamed body's read timeout in the channel's pipeline. */
    private static final String READ_TIMEOUT = "volga.readTimeout";
    /** How much of a streamed body's start is read before its elements are passed on. */
    static final int HOLD_BYTES = 256 * 1024;

    private final HttpClient http;
    private final Duration responseTimeout;
    private final int maxResponseBytes;
    private final String userAgent;
    private final boolean wireLog;
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
        }).doOnRequest(this::prepare);
        this.responseTimeout = responseTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.userAgent = userAgent;
        this.wireLog = wireLog;
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
         * response) and each later pause of the body (a Netty read timeout on the connection), not the whole
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
                Sending sending = new Sending(request, redactor);
                return call(sending, (resp, content) -> respond(resp, content, sending, reader))
                        // the first element (or the end) within the timeout: a response read whole, or a
                        // short listing held back to its end, is bounded as a whole; Mono.timeout's
                        // behaviour without a timer task per request (see Deadlines)
                        .as(f -> Deadlines.timeoutFirst(f, timeout(request), clock))
                        .onErrorMap(e -> !(e instanceof ApiException), e -> WireErrors.wireError(e, sending.written, provider, request, timeout(request)));
            });
        }

        private <E> Publisher<E> respond(HttpClientResponse resp, reactor.netty.ByteBufFlux content, Sending sending,
                                         BodyReader<E> reader) {
            WireRequest request = sending.request;
            int status = resp.status().code();
            ElementReader<E> elements = null;
            if (reader.streams() && status >= 200 && status < 300) {
                ApiResponse head = response(resp, NO_BYTES, this);
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
            // a long body: each pause of it within the response timeout (the first element, or the
            // end, is bounded by the exchange's deadline)
            Connection connection = sending.connection;
            if (connection != null) {
                // Reactor Netty removes a handler added this way as the connection goes back to its
                // pool (Connection.addHandlerFirst), so an idle pooled connection is never timed out
                // (CallTimeoutTest: aLongListingsReadTimeoutEndsWithItsResponseAndSparesTheIdleConnection)
                connection.addHandlerFirst(READ_TIMEOUT, new ReadTimeoutHandler(timeout(request).toMillis(), TimeUnit.MILLISECONDS));
            }
            return ElementStream.elements(streamed, content, cap(request), tooLarge -> WireErrors.tooLarge(provider, request, status, -1, tooLarge));
        }
    }


    /**
     * Writes the request (headers, then its body if any) and hands the response to {@code handler}.
     * A request without a body is written by Reactor Netty itself, its headers set by
     * {@link #prepare}, which finds the request through the subscriber's context: no send handler,
     * no outbound publisher per request (issue 19's overhead profile).
     */
    private <V> Flux<V> call(Sending sending, BiFunction<HttpClientResponse, reactor.netty.ByteBufFlux, Publisher<V>> handler) {
        WireRequest request = sending.request;
        if (closed) {
            return Flux.error(new IllegalStateException("the Volga transport is closed: " + request.printable()
                    + " was not sent"));
        }
        HttpClient.RequestSender sender = http.request(HttpMethod.valueOf(request.method())).uri(sending.query.url());
        Flux<V> response = request.body() == null ? sender.response(handler)
                : sender.send((req, out) -> RequestWriter.body(req, out, request, sending::written)).response(handler);
        return response.contextWrite(c -> c.put(Sending.class, sending));
    }

    /** Reactor Netty's request hook: the request's headers, secrets and wire log, before anything is written. */
    private void prepare(HttpClientRequest req, Connection connection) {
        Sending sending = req.currentContextView().getOrDefault(Sending.class, null);
        if (sending == null) {
            return; // not one of ours (a customizer's own request on this client)
        }
        sending.connection = connection;
        sending.query.prepare(connection.channel());
        if (wireLog) {
            WireLog.prepare(connection.channel(), sending.redactor);
        }
        RequestWriter.headers(req, sending.request, userAgent);
        if (sending.request.body() == null) {
            // headers only: the request may be on the wire from here on
            sending.written = true;
        }
    }

    /** One exchange's request as the request hook and the response handler share it. */
    private static final class Sending {
        final WireRequest request;
        final UnaryOperator<String> redactor;
        final SecretQuery query;
        /** The request's connection, once it has one. */
        volatile Connection connection;
        /** Whether any of the request may have reached the server. */
        volatile boolean written;

        Sending(WireRequest request, UnaryOperator<String> redactor) {
            this.request = request;
            this.redactor = redactor;
            // secret query values never reach Reactor Netty: placeholders, restored as the request is encoded
            this.query = SecretQuery.of(request.url(), request.secrets(), redactor);
        }

        void written() {
            written = true;
        }
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
        return readBody(resp, content, bound.provider, request).map(body -> response(resp, body, bound));
    }

    /** The response as a codec sees it; its headers are copied out of Netty's only if a codec asks for all of them. */
    private static ApiResponse response(HttpClientResponse resp, byte[] body, Bound bound) {
        HttpHeaders headers = resp.responseHeaders();
        Scheduler clock = bound.clock;
        return new ApiResponse(resp.status().code(), headers::getAll, () -> headers(headers), body,
                () -> Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS)), bound.redactor);
    }

    /** The whole body within the size cap. */
    private Mono<byte[]> readBody(HttpClientResponse resp, reactor.netty.ByteBufFlux content, String provider, WireRequest request) {
        int cap = cap(request);
        long declared = contentLength(resp.responseHeaders());
        if (declared > cap) {
            return Mono.error(WireErrors.tooLarge(provider, request, resp.status().code(), declared, cap));
        }
        BodyAccumulator acc = new BodyAccumulator(declared, cap);
        return content.handle((ByteBuf buf, reactor.core.publisher.SynchronousSink<Object> sink) -> {
            if (!acc.add(buf)) {
                sink.error(WireErrors.tooLarge(provider, request, resp.status().code(), -1, cap));
            }
        }).then(Mono.fromSupplier(acc::bytes));
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

}
