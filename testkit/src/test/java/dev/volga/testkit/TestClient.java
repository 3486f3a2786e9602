package dev.volga.testkit;

import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** A Reactor Netty client for the testkit's own tests: no retries, its own connection pool. */
final class TestClient implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** A complete response. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final ConnectionProvider pool =
            ConnectionProvider.builder("testkit-test").maxConnections(256).pendingAcquireMaxCount(-1).build();
    private final HttpClient client;

    TestClient(StubServer server) {
        this.client = HttpClient.create(pool).baseUrl(server.baseUrl()).disableRetry(true);
    }

    HttpClient http() {
        return client;
    }

    Mono<Response> exchange(String method, String uri, String body, Map<String, String> headers) {
        HttpClient.RequestSender sender = client
                .headers(h -> headers.forEach(h::add))
                .request(HttpMethod.valueOf(method))
                .uri(uri);
        HttpClient.ResponseReceiver<?> receiver =
                body == null ? sender : sender.send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8,
                        io.netty.buffer.ByteBufAllocator.DEFAULT));
        return receiver.responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8)
                .defaultIfEmpty("")
                .map(text -> {
                    Map<String, String> h = new LinkedHashMap<>();
                    res.responseHeaders().forEach(e -> h.put(e.getKey().toLowerCase(java.util.Locale.ROOT), e.getValue()));
                    return new Response(res.status().code(), h, text);
                }));
    }

    Response call(String method, String uri) {
        return exchange(method, uri, null, Map.of()).block(TIMEOUT);
    }

    Response call(String method, String uri, String body) {
        return exchange(method, uri, body, Map.of()).block(TIMEOUT);
    }

    @Override
    public void close() {
        pool.disposeLater().block(TIMEOUT);
    }
}
