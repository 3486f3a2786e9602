package dev.volga.testkit;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * A small in-process HTTP/1.1 stub server on Reactor Netty, bound to {@code 127.0.0.1}.
 *
 * <p>Each request is answered by, in this order: an injected fault that hits it ({@link #faults()}),
 * the first matching scripted response ({@link #enqueue(StubResponse)},
 * {@link #enqueue(String, String, StubResponse)}; each is used once, first in first out), a 429 when
 * it exceeds the {@link #quota(Quota) quota}, the first matching route in registration order
 * ({@link #route}), or the fallback ({@link #fallback}, by default 404 {@code no route for METHOD
 * PATH}). Error faults and quota refusals are written by the {@link #faultDialect(FaultDialect)
 * dialect}. Every request is
 * journaled with its complete body before the response is produced, so a test can assert on
 * {@link #journal()} as soon as its client has the response. A handler that throws is answered with
 * 500 and the exception message.
 *
 * <p>Paths under {@link #ADMIN_PREFIX} ({@code /__admin}) are the stub's admin API (JSON over HTTP,
 * for tests in any language; see {@link #admin}); they never reach the above and are not journaled.
 *
 * <p>Nothing blocks a Netty event loop: delays and slow bodies run on Reactor timers. The server is
 * thread-safe; routes and scripts may be changed while it serves.
 *
 * <pre>{@code
 * try (StubServer stub = StubServer.start()) {
 *     stub.route("GET", "/items/{id}", req -> StubResponse.json(200, "{\"id\":1}"));
 *     stub.enqueue(StubResponse.status(503));            // the first request fails
 *     stub.faults().inject(FaultRule.dropAfterRead().on("POST", "/items").times(1));
 *     // ... exercise a client against stub.baseUrl() ...
 *     assertThat(stub.requests("GET", "/items/*")).hasSize(2);
 * }
 * }</pre>
 */
public final class StubServer implements AutoCloseable {

    /**
     * The path prefix of the admin API, reserved on every stub: requests under it go to the admin
     * API (see {@link #admin}), never to a provider route, and are not journaled, faulted or counted.
     */
    public static final String ADMIN_PREFIX = "/__admin";

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final byte[] EMPTY = new byte[0];
    /** Request headers whose values are credentials, registered with the {@link SecretScan}. */
    static final List<String> CREDENTIAL_HEADERS = List.of("Authorization", "X-Auth-Token", "X-Auth-Key", "X-Api-Key");
    /** Query parameters whose values are credentials, registered with the {@link SecretScan}. */
    static final List<String> CREDENTIAL_PARAMS = List.of("AUTH_TOKEN", "access_token", "api_key", "token");

    /** Open client connections; closed channels leave by themselves, late arrivals after close are closed. */
    private final ChannelGroup connections = new DefaultChannelGroup("stub-server", GlobalEventExecutor.INSTANCE, true);
    private final DisposableServer server;
    private final AtomicLong sequence = new AtomicLong();
    private final List<Route> routes = new CopyOnWriteArrayList<>();
    private final Deque<Script> scripts = new ArrayDeque<>();
    private final List<RecordedRequest> journal = new ArrayList<>();
    private volatile StubHandler fallback = StubServer::noRoute;
    private final Faults faults = new Faults();
    private volatile FaultDialect dialect = FaultDialect.plain();
    private volatile Quota.State quota;
    private volatile boolean normaliseDotSegments;
    private final AdminApi admin = new AdminApi(this);
    private volatile ProviderStub owner;

    private StubServer(int port) {
        this.server = HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .doOnConnection(connection -> connections.add(connection.channel()))
                .handle(this::serve)
                .bindNow();
    }

    /**
     * Starts a server on a free loopback port.
     *
     * @return the running server
     */
    public static StubServer start() {
        return start(0);
    }

    /**
     * Starts a server on the given loopback port.
     *
     * @param port the port, 0 for a free one
     * @return the running server
     */
    public static StubServer start(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new StubServer(port);
    }

    /**
     * The base URL, without a trailing slash.
     *
     * @return e.g. {@code http://127.0.0.1:54321}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /**
     * The bound port.
     *
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * Adds a route; routes are tried in registration order.
     *
     * @param method the method, or {@code "*"} for any
     * @param pathPattern the path pattern: literal segments, {@code *} or {@code {name}} for one
     *     segment, a trailing {@code **} for any rest
     * @param handler computes the response
     * @return this server
     */
    public StubServer route(String method, String pathPattern, StubHandler handler) {
        routes.add(new Route(RequestMatcher.of(method, pathPattern), Objects.requireNonNull(handler, "handler")));
        return this;
    }

    /**
     * Replaces the handler for requests no script or route answers.
     *
     * @param handler the fallback handler
     * @return this server
     */
    public StubServer fallback(StubHandler handler) {
        this.fallback = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Adds a route to the admin API under {@link #ADMIN_PREFIX}: JSON in, JSON out. Routes added
     * here are matched before the built-in ones ({@code GET /__admin} lists all, {@code GET|DELETE
     * /journal}, {@code GET|POST|DELETE /faults}, {@code DELETE /faults/{id}}, {@code GET|PUT /quota},
     * {@code POST /reset}), so a provider stub may replace a built-in, e.g. its reset. See
     * {@code docs/testkit-admin.md}.
     *
     * @param method the HTTP method
     * @param pathPattern the path below the prefix, e.g. {@code /plans/{id}}; syntax as for {@link #route}
     * @param handler answers the request
     * @return this server
     */
    public StubServer admin(String method, String pathPattern, AdminHandler handler) {
        admin.register(method, pathPattern, java.util.Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Scripts the answer to the next request, whatever its method and path, ahead of the routes.
     *
     * @param response the response, used once
     * @return this server
     */
    public StubServer enqueue(StubResponse response) {
        return addScript(null, response);
    }

    /**
     * Scripts the answer to the next request matching a method and path pattern, ahead of the
     * routes. Scripts are consumed first in first out among those that match.
     *
     * @param method the method, or {@code "*"} for any
     * @param pathPattern the path pattern, as for {@link #route}
     * @param response the response, used once
     * @return this server
     */
    public StubServer enqueue(String method, String pathPattern, StubResponse response) {
        return addScript(RequestMatcher.of(method, pathPattern), response);
    }

    /**
     * The faults injected into this server: rules that hit requests ahead of scripts, quota and
     * routes.
     *
     * @return the faults (the same object on every call)
     */
    public Faults faults() {
        return faults;
    }

    /**
     * Sets how injected error faults and quota refusals are written ({@link FaultDialect#plain()}
     * by default; each provider stub sets its own).
     *
     * @param value the dialect
     * @return this server
     */
    public StubServer faultDialect(FaultDialect value) {
        this.dialect = Objects.requireNonNull(value, "dialect");
        return this;
    }

    /**
     * The dialect of injected error faults and quota refusals.
     *
     * @return the dialect
     */
    public FaultDialect faultDialect() {
        return dialect;
    }

    /**
     * Normalises each request's path before anything else sees it, as a server or reverse proxy in
     * front of an application does (off by default): percent-escapes are decoded (including
     * {@code %2E} and {@code %2F}, as nginx decodes them), then the dot segments {@code .} and
     * {@code ..} are removed with RFC 3986 §5.2.4 {@code remove_dot_segments} (a {@code ..} above the
     * root stays at the root, as in RFC 3986 and ASP.NET Core; nginx answers 400 there), then every
     * segment is percent-encoded again. Faults, scripts, quota, routes and the journal all see the
     * normalised path, so a test can show that {@code GET /api/a/../b} reaches the route of
     * {@code /api/b}. The model is nginx's: it decodes more than ASP.NET Core (which keeps
     * {@code %2F}), so what is safe here is safe behind either.
     *
     * @param value whether to normalise
     * @return this server
     */
    public StubServer normaliseDotSegments(boolean value) {
        this.normaliseDotSegments = value;
        return this;
    }

    /**
     * Enforces a quota on the requests routes and fallback answer, with fresh buckets; past it they
     * are answered 429 with {@code Retry-After} in the dialect's form.
     *
     * @param value the quota
     * @return this server
     */
    public StubServer quota(Quota value) {
        this.quota = new Quota.State(Objects.requireNonNull(value, "quota"));
        return this;
    }

    /**
     * Stops enforcing a quota (the default).
     *
     * @return this server
     */
    public StubServer noQuota() {
        this.quota = null;
        return this;
    }

    /**
     * The enforced quota.
     *
     * @return the quota, empty if none
     */
    public Optional<Quota> quota() {
        Quota.State q = quota;
        return q == null ? Optional.empty() : Optional.of(q.quota());
    }

    /**
     * How many requests the quota refused since it was set or the server {@link #reset()}.
     *
     * @return the count, 0 without a quota
     */
    public int quotaRefusals() {
        Quota.State q = quota;
        return q == null ? 0 : q.refused();
    }

    /**
     * Assertions on this server's journal.
     *
     * @return the assertions, paths as recorded
     */
    public JournalAssertions verify() {
        return JournalAssertions.of(this);
    }

    /**
     * The received requests.
     *
     * @return an immutable snapshot, in arrival order
     */
    public List<RecordedRequest> journal() {
        synchronized (journal) {
            List<RecordedRequest> copy = new ArrayList<>(journal);
            copy.sort(Comparator.comparingLong(RecordedRequest::sequence));
            return List.copyOf(copy);
        }
    }

    /**
     * The number of journaled requests.
     *
     * @return the journal size
     */
    public int requestCount() {
        synchronized (journal) {
            return journal.size();
        }
    }

    /**
     * The journaled requests matching a method and path pattern.
     *
     * @param method the method, or {@code "*"} for any
     * @param pathPattern the path pattern, as for {@link #route}
     * @return an immutable snapshot, in arrival order
     */
    public List<RecordedRequest> requests(String method, String pathPattern) {
        RequestMatcher matcher = RequestMatcher.of(method, pathPattern);
        return journal().stream().filter(r -> matcher.matches(r.method(), r.path())).toList();
    }

    /**
     * Clears the journal, the unused scripts and the injected faults and refills the quota's
     * buckets (with its refusal count); keeps routes, fallback, dialect and the quota setting.
     */
    public void reset() {
        faults.clear();
        Quota.State q = quota;
        if (q != null) {
            q.reset();
        }
        synchronized (scripts) {
            scripts.clear();
        }
        synchronized (journal) {
            journal.clear();
        }
    }

    /**
     * Stops the server: stops accepting, closes every open connection (so pending delayed or slow
     * responses end with a closed connection) and waits up to 5 seconds for both. Idempotent.
     *
     * @throws IllegalStateException if the server did not stop in time
     */
    /**
     * Names the provider stub this server serves, so that the admin API's {@code PUT /quota},
     * {@code DELETE /quota} and {@code POST /reset} go through the stub: its quota keyed as the
     * provider keys it (per token, per login), its full reset.
     *
     * @param stub the provider stub
     * @return this server
     */
    public StubServer ownedBy(ProviderStub stub) {
        this.owner = java.util.Objects.requireNonNull(stub, "stub");
        return this;
    }

    /** The provider stub this server serves, or null. */
    ProviderStub owner() {
        return owner;
    }

    /**
     * Calls the admin API in-process, as an HTTP request would (the standalone server's {@code --seed}).
     *
     * @param method the method
     * @param path the path below {@link #ADMIN_PREFIX}, starting with {@code /}
     * @param body the JSON body, empty for none
     * @return the answer
     */
    StubResponse adminCall(String method, String path, byte[] body) {
        QueryStringDecoder uri = new QueryStringDecoder(path);
        return admin.answer(method.toUpperCase(java.util.Locale.ROOT), uri.rawPath(), uri.parameters(), body);
    }

    /** Forgets the journal only (the admin API's {@code DELETE /journal}). */
    void clearJournal() {
        synchronized (journal) {
            journal.clear();
        }
    }

    @Override
    public void close() {
        if (!server.isDisposed()) {
            server.disposeNow(CLOSE_TIMEOUT);
        }
        if (!connections.close().awaitUninterruptibly(CLOSE_TIMEOUT.toMillis())) {
            throw new IllegalStateException("connections of " + this + " not closed within " + CLOSE_TIMEOUT);
        }
    }

    @Override
    public String toString() {
        return "StubServer[" + baseUrl() + ", routes=" + routes.size() + "]";
    }

    private StubServer addScript(RequestMatcher matcher, StubResponse response) {
        Objects.requireNonNull(response, "response");
        synchronized (scripts) {
            scripts.addLast(new Script(matcher, response));
        }
        return this;
    }

    private StubResponse takeScript(String method, String path) {
        synchronized (scripts) {
            for (Iterator<Script> it = scripts.iterator(); it.hasNext(); ) {
                Script s = it.next();
                if (s.matcher() == null || s.matcher().matches(method, path)) {
                    it.remove();
                    return s.response();
                }
            }
        }
        return null;
    }

    private Publisher<Void> serve(HttpServerRequest req, HttpServerResponse res) {
        String method = req.method().name();
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        if (uri.rawPath().equals(ADMIN_PREFIX) || uri.rawPath().startsWith(ADMIN_PREFIX + "/")) {
            String below = uri.rawPath().substring(ADMIN_PREFIX.length());
            String adminPath = below.isEmpty() ? "/" : below;
            return req.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY)
                    .flatMap(body -> send(res, admin.answer(method, adminPath, uri.parameters(), body)));
        }
        long seq = sequence.incrementAndGet();
        Instant receivedAt = Instant.now();
        String path = normaliseDotSegments ? DotSegments.normalise(uri.rawPath()) : uri.rawPath();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        // entry by entry: names() is case-sensitive while getAll() is not, so "Accept" and "accept"
        // would each collect both values
        for (Map.Entry<String, String> h : req.requestHeaders()) {
            headers.computeIfAbsent(h.getKey(), k -> new ArrayList<>(1)).add(h.getValue());
        }
        registerCredentials(req, uri.parameters());
        RecordedRequest head =
                new RecordedRequest(seq, method, path, uri.rawQuery(), uri.parameters(), headers, EMPTY, receivedAt);
        Faults.Hit hit = faults.take(method, path);
        FaultRule.Kind kind = hit == null ? null : hit.rule().kind();
        if (kind == FaultRule.Kind.DROP_BEFORE_READ) {
            record(head);
            return drop(res);
        }
        boolean replaced = kind != null && switch (kind) {
            case STATUS, TOO_MANY_REQUESTS, UNAUTHORIZED, MALFORMED_BODY, DROP_AFTER_READ -> true;
            default -> false;
        };
        StubResponse scripted = replaced ? null : takeScript(method, path);
        if (scripted != null && scripted.fault() == Fault.DROP_BEFORE_READ) {
            record(head);
            Duration wait = scripted.delay().plus(hit == null ? Duration.ZERO : hit.latency());
            return wait.isZero() ? drop(res) : Mono.delay(wait).then(drop(res));
        }
        Quota.State q = quota;
        String refusedFor = replaced || scripted != null || q == null ? null : q.take(head);
        return req.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY).flatMap(body -> {
            RecordedRequest request =
                    new RecordedRequest(seq, method, path, uri.rawQuery(), uri.parameters(), headers, body, receivedAt);
            record(request);
            StubResponse response;
            if (replaced) {
                response = faultAnswer(hit.rule(), request);
            } else if (refusedFor != null) {
                response = dialectAnswer(() -> dialect.tooManyRequests(request, Optional.of(refusedFor)));
            } else {
                response = scripted != null ? scripted : answer(request);
            }
            if (kind == FaultRule.Kind.TRUNCATED_BODY) {
                response = response.fault(Fault.TRUNCATED_BODY);
            } else if (kind == FaultRule.Kind.SLOW_BODY) {
                response = response.slowBody(hit.rule().chunkBytes(), hit.rule().pause());
            } else if (kind == FaultRule.Kind.OVERSIZED_HEADER) {
                response = response.header("X-Oversized", "x".repeat(hit.rule().chunkBytes()));
            }
            Duration wait = response.delay().plus(hit == null ? Duration.ZERO : hit.latency());
            Mono<Void> send = send(res, response);
            return wait.isZero() ? send : Mono.delay(wait).then(send);
        });
    }

    /**
     * Every credential a client sends is one its tests must never print: the {@link SecretScan}
     * learns it on arrival (the value after the scheme of {@code Authorization}).
     */
    private static void registerCredentials(HttpServerRequest req, Map<String, List<String>> params) {
        for (String name : CREDENTIAL_HEADERS) {
            for (String value : req.requestHeaders().getAll(name)) {
                int space = value.indexOf(' ');
                SecretScan.register(name.equals("Authorization") && space > 0 ? value.substring(space + 1).trim() : value);
            }
        }
        for (String name : CREDENTIAL_PARAMS) {
            params.getOrDefault(name, List.of()).forEach(SecretScan::register);
        }
    }

    private StubResponse faultAnswer(FaultRule rule, RecordedRequest request) {
        FaultDialect d = dialect;
        return switch (rule.kind()) {
            case STATUS -> dialectAnswer(() -> d.status(request, rule.status()));
            case TOO_MANY_REQUESTS -> dialectAnswer(() -> d.tooManyRequests(request, rule.retryAfterHeader()));
            case UNAUTHORIZED -> dialectAnswer(() -> d.unauthorized(request));
            case MALFORMED_BODY -> dialectAnswer(() -> d.malformed(request));
            case DROP_AFTER_READ -> StubResponse.status(200).fault(Fault.DROP_AFTER_READ);
            default -> throw new IllegalStateException("not an answering fault: " + rule);
        };
    }

    private static StubResponse dialectAnswer(Supplier<StubResponse> answer) {
        return guarded(() -> Objects.requireNonNull(answer.get(), "fault dialect returned null"));
    }

    private void record(RecordedRequest request) {
        synchronized (journal) {
            journal.add(request);
        }
    }

    private StubResponse answer(RecordedRequest request) {
        return guarded(() -> {
            StubHandler handler = fallback;
            for (Route route : routes) {
                if (route.matcher().matches(request.method(), request.path())) {
                    handler = route.handler();
                    break;
                }
            }
            return Objects.requireNonNull(handler.handle(request), "handler returned null");
        });
    }

    /** Runs a handler; a failure becomes a 500 with its message. */
    private static StubResponse guarded(Supplier<StubResponse> handler) {
        try {
            return handler.get();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            return StubResponse.status(500)
                    .header("Content-Type", "text/plain; charset=utf-8")
                    .body(String.valueOf(e.getMessage()));
        }
    }

    private static Mono<Void> send(HttpServerResponse res, StubResponse response) {
        return switch (response.fault()) {
            case NONE -> response.pieces() != null ? Mono.defer(() -> {
                head(res, response, 0);
                res.responseHeaders().remove(HttpHeaderNames.CONTENT_LENGTH);
                res.header(HttpHeaderNames.TRANSFER_ENCODING, "chunked");
                // one piece at a time: the generator runs only as fast as the connection drains
                return res.sendByteArray(Flux.fromIterable(() -> response.pieces().get()).limitRate(1)).then();
            }) : Mono.defer(() -> {
                byte[] body = response.bodyBytes();
                head(res, response, body.length);
                return res.sendByteArray(Mono.just(body)).then();
            });
            case DROP_BEFORE_READ, DROP_AFTER_READ -> drop(res);
            case TRUNCATED_BODY -> Mono.defer(() -> {
                byte[] body = response.bodyBytes();
                int sent = body.length / 2;
                head(res, response, 0);
                // declare more than will ever come, whatever the response said
                res.responseHeaders().remove(HttpHeaderNames.TRANSFER_ENCODING);
                res.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(body.length + 100L));
                byte[] part = Arrays.copyOf(body, sent);
                Mono<Void> close = drop(res);
                return res.sendByteArray(Flux.just(part)).then().then(close);
            });
            case SLOW_BODY -> Mono.defer(() -> {
                byte[] body = response.bodyBytes();
                head(res, response, body.length);
                int chunk = response.slowChunkBytes();
                Flux<byte[]> chunks = Flux.range(0, (body.length + chunk - 1) / chunk)
                        .map(i -> Arrays.copyOfRange(body, i * chunk, Math.min(body.length, (i + 1) * chunk)))
                        .delayElements(response.slowPause());
                return res.sendByteArray(chunks).then();
            });
        };
    }

    /** Sets status and headers; a Content-Length unless the response sets its own framing. */
    private static void head(HttpServerResponse res, StubResponse response, long contentLength) {
        res.status(HttpResponseStatus.valueOf(response.status()));
        for (Map.Entry<String, String> h : response.headers()) {
            res.addHeader(h.getKey(), h.getValue());
        }
        if (!res.responseHeaders().contains(HttpHeaderNames.CONTENT_LENGTH)
                && !res.responseHeaders().contains(HttpHeaderNames.TRANSFER_ENCODING)) {
            res.header(HttpHeaderNames.CONTENT_LENGTH, Long.toString(contentLength));
        }
    }

    /** Closes the connection without (further) response. */
    private static Mono<Void> drop(HttpServerResponse res) {
        Channel[] channel = new Channel[1];
        res.withConnection(connection -> channel[0] = connection.channel());
        // the channel is taken now: once a response is sent, the connection of res is a disposed placeholder
        return Mono.fromRunnable(() -> channel[0].close());
    }

    private static StubResponse noRoute(RecordedRequest request) {
        return StubResponse.status(404)
                .header("Content-Type", "text/plain; charset=utf-8")
                .body("no route for " + request.method() + " " + request.path());
    }

    private record Route(RequestMatcher matcher, StubHandler handler) {
    }

    private record Script(RequestMatcher matcher, StubResponse response) {
    }
}
