package dev.volga.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The loopback server of the throughput and memory runs: a bare Reactor Netty {@code HttpServer}
 * that answers fixed bodies (the spec's examples) with no journal, no routing table and no state,
 * so that as much of the shared CPU as possible goes to the clients under test. It runs in a child
 * JVM ({@link #startChild}) so that its garbage and JIT do not count against the client's heap.
 *
 * <ul>
 *   <li>{@code GET /nodul/plans?AUTH_TOKEN=…} — Nodul's {@code /plans} example envelope (401 envelope without the token)</li>
 *   <li>{@code GET /clodo/} — a Clodo login: 204 with {@code X-Auth-Token}, management URL {@code /clodo/v1}</li>
 *   <li>{@code GET /clodo/v1/servers} — Clodo's server-list XML example (401 without {@code X-Auth-Token})</li>
 *   <li>{@code GET /connections} — how many connections the server has accepted so far</li>
 *   <li>{@code GET /stream/N/plans} — a Nodul {@code /plans} envelope of {@code N} generated plans,
 *       written chunked as the client reads it (never held whole)</li>
 * </ul>
 */
public final class LeanServer {

    /** The token every contender sends. */
    public static final String TOKEN = "bench-token";

    private static final byte[] PLANS = Fixtures.bytes("nodul-plans.json");
    private static final byte[] SERVERS = Fixtures.bytes("clodo-servers.xml");
    private static final byte[] UNAUTHORIZED = "{\"success\":false,\"request_id\":\"x\",\"data\":null,\"errors\":[{\"code\":\"auth.Unauthorized\",\"message\":\"no token\"}]}"
            .getBytes(StandardCharsets.UTF_8);
    private static final int CHUNK_ITEMS = 512;
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private LeanServer() {
    }

    /**
     * Serves until standard input closes; prints the base URL first.
     *
     * @param args unused
     * @throws IOException on I/O failure
     */
    public static void main(String[] args) throws IOException {
        DisposableServer server = HttpServer.create().host("127.0.0.1").port(0)
                .doOnChannelInit((observer, channel, address) -> CONNECTIONS.incrementAndGet())
                .handle(LeanServer::serve).bindNow();
        System.out.println("http://127.0.0.1:" + server.port());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the parent closes our stdin
        }
        server.disposeNow();
    }

    private static Mono<Void> serve(HttpServerRequest req, HttpServerResponse res) {
        QueryStringDecoder uri = new QueryStringDecoder(req.uri());
        String path = uri.rawPath();
        if (path.startsWith("/stream/") && path.endsWith("/plans")) {
            return stream(res, Long.parseLong(path.substring("/stream/".length(), path.length() - "/plans".length())));
        }
        switch (path) {
            case "/nodul/plans" -> {
                List<String> token = uri.parameters().get("AUTH_TOKEN");
                boolean ok = token != null && token.contains(TOKEN);
                return fixed(res, ok ? 200 : 401, "application/json", ok ? PLANS : UNAUTHORIZED);
            }
            case "/clodo", "/clodo/" -> {
                String base = "http://" + req.requestHeaders().get("Host");
                res.status(204).header("X-Auth-Token", TOKEN).header("X-Server-Management-Url", base + "/clodo/v1");
                return res.send();
            }
            case "/clodo/v1/servers", "/clodo/v1/servers/" -> {
                boolean ok = TOKEN.equals(req.requestHeaders().get("X-Auth-Token"));
                return ok ? fixed(res, 200, "application/xml; charset=UTF-8", SERVERS)
                        : fixed(res, 401, "application/xml; charset=UTF-8",
                        "<Unauthorized code=\"401\"><message>Unauthorized</message><details>token</details></Unauthorized>"
                                .getBytes(StandardCharsets.UTF_8));
            }
            case "/connections" -> {
                return fixed(res, 200, "text/plain", Long.toString(CONNECTIONS.get()).getBytes(StandardCharsets.UTF_8));
            }
            default -> {
                return fixed(res, 404, "text/plain", ("no route " + path).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static Mono<Void> fixed(HttpServerResponse res, int status, String type, byte[] body) {
        res.status(HttpResponseStatus.valueOf(status)).header("Content-Type", type).header("Content-Length", Integer.toString(body.length));
        return res.send(Mono.just(Unpooled.wrappedBuffer(body))).then();
    }

    /** The envelope of {@code count} plans, generated a chunk at a time on demand. */
    private static Mono<Void> stream(HttpServerResponse res, long count) {
        res.status(200).header("Content-Type", "application/json");
        AtomicLong next = new AtomicLong();
        Flux<ByteBuf> body = Flux.generate(sink -> {
            long from = next.get();
            if (from > count) {
                sink.complete();
                return;
            }
            StringBuilder sb = new StringBuilder(CHUNK_ITEMS * 200);
            if (from == 0) {
                sb.append("{\"success\":true,\"request_id\":\"stream\",\"data\":{\"plans\":[");
            }
            long to = Math.min(count, from + CHUNK_ITEMS);
            for (long i = from; i < to; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append("{\"id\":\"").append(i).append("\",\"name\":\"Plan ").append(i)
                        .append("\",\"status\":\"plan_status_active\",\"features\":[{\"alias\":\"regular_microcredits\",\"value\":{\"int64\":\"")
                        .append(i * 1000).append("\",\"bool\":false}}],\"created_at\":\"2025-04-29T13:00:15Z\",\"updated_at\":\"2025-04-29T13:00:15Z\"}");
            }
            if (to == count) {
                sb.append("]},\"errors\":[]}");
                next.set(count + 1);
            } else {
                next.set(to);
            }
            sink.next(Unpooled.wrappedBuffer(sb.toString().getBytes(StandardCharsets.UTF_8)));
        });
        return res.send(body).then();
    }

    /**
     * Starts the server in a child JVM on the same module path.
     *
     * @param heap the child's {@code -Xmx}, e.g. {@code "512m"}
     * @return the running child
     * @throws IOException if it does not start
     */
    public static Child startChild(String heap) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseParallelGC"));
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null) {
            command.addAll(List.of("-p", modulePath, "-m", "dev.volga.benchmarks/" + LeanServer.class.getName()));
        } else {
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), LeanServer.class.getName()));
        }
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String baseUrl = out.readLine();
        if (baseUrl == null) {
            process.destroyForcibly();
            throw new IOException("the server JVM did not start");
        }
        return new Child(process, baseUrl);
    }

    /** A server in a child JVM; closing it ends the child. */
    public static final class Child implements AutoCloseable {
        private final Process process;
        private final String baseUrl;

        Child(Process process, String baseUrl) {
            this.process = Objects.requireNonNull(process);
            this.baseUrl = baseUrl;
        }

        /** @return e.g. {@code http://127.0.0.1:54321} */
        public String baseUrl() {
            return baseUrl;
        }

        @Override
        public void close() throws IOException {
            process.getOutputStream().close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
