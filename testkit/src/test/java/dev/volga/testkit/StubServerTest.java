package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.PrematureCloseException;
import reactor.test.StepVerifier;

@ExtendWith(NoLeaks.class)
class StubServerTest {

    private StubServer stub;
    private TestClient client;

    @BeforeEach
    void start() {
        stub = StubServer.start();
        client = new TestClient(stub);
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    @Test
    void bindsLoopbackOnAFreePort() {
        assertThat(stub.port()).isPositive();
        assertThat(stub.baseUrl()).isEqualTo("http://127.0.0.1:" + stub.port());
    }

    @Test
    void routesByMethodAndPathPattern() {
        stub.route("GET", "/items/{id}", req -> StubResponse.ok("item " + req.path()))
                .route("GET", "/files/**", req -> StubResponse.ok("file " + req.path()))
                .route("*", "/any/*", req -> StubResponse.ok("any " + req.method()))
                .route("DELETE", "/items/{id}", req -> StubResponse.status(204));

        assertThat(client.call("GET", "/items/42").body()).isEqualTo("item /items/42");
        assertThat(client.call("GET", "/files").body()).isEqualTo("file /files");
        assertThat(client.call("GET", "/files/a/b/c.txt").body()).isEqualTo("file /files/a/b/c.txt");
        assertThat(client.call("PUT", "/any/x", "b").body()).isEqualTo("any PUT");
        assertThat(client.call("DELETE", "/items/42").status()).isEqualTo(204);
        TestClient.Response miss = client.call("GET", "/items/42/extra");
        assertThat(miss.status()).isEqualTo(404);
        assertThat(miss.body()).isEqualTo("no route for GET /items/42/extra");
    }

    @Test
    void firstMatchingRouteWins() {
        stub.route("GET", "/a/*", req -> StubResponse.ok("first"))
                .route("GET", "/a/b", req -> StubResponse.ok("second"));

        assertThat(client.call("GET", "/a/b").body()).isEqualTo("first");
    }

    @Test
    void fallbackReplacesThe404() {
        stub.fallback(req -> StubResponse.json(418, "{\"path\":\"" + req.path() + "\"}"));

        TestClient.Response response = client.call("GET", "/whatever");
        assertThat(response.status()).isEqualTo(418);
        assertThat(response.headers()).containsEntry("content-type", "application/json");
        assertThat(response.body()).isEqualTo("{\"path\":\"/whatever\"}");
    }

    @Test
    void responseHeadersStatusAndBinaryBody() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        stub.route("GET", "/bin", req -> StubResponse.status(201).header("X-Thing", "1").body(bytes));

        byte[] received = client.http().get().uri("/bin")
                .responseSingle((res, content) -> {
                    assertThat(res.status().code()).isEqualTo(201);
                    assertThat(res.responseHeaders().get("x-thing")).isEqualTo("1");
                    assertThat(res.responseHeaders().get("content-length")).isEqualTo("4");
                    return content.asByteArray();
                })
                .block(TestClient.TIMEOUT);
        assertThat(received).containsExactly(bytes);
    }

    @Test
    void journalRecordsTheWholeRequest() {
        stub.route("POST", "/orders", req -> StubResponse.status(201));

        TestClient.Response response = client.exchange("POST", "/orders?tag=a&tag=b%20c&empty=", "{\"n\":1}",
                Map.of("X-Request-Id", "r-1", "Content-Type", "application/json")).block(TestClient.TIMEOUT);
        assertThat(response.status()).isEqualTo(201);

        assertThat(stub.requestCount()).isEqualTo(1);
        RecordedRequest recorded = stub.journal().get(0);
        assertThat(recorded.sequence()).isEqualTo(1);
        assertThat(recorded.method()).isEqualTo("POST");
        assertThat(recorded.path()).isEqualTo("/orders");
        assertThat(recorded.rawQuery()).isEqualTo("tag=a&tag=b%20c&empty=");
        assertThat(recorded.uri()).isEqualTo("/orders?tag=a&tag=b%20c&empty=");
        assertThat(recorded.queryParams()).containsEntry("tag", List.of("a", "b c")).containsEntry("empty", List.of(""));
        assertThat(recorded.queryParam("tag")).contains("a");
        assertThat(recorded.queryParam("missing")).isEmpty();
        assertThat(recorded.header("x-request-id")).contains("r-1");
        assertThat(recorded.header("X-REQUEST-ID")).contains("r-1");
        assertThat(recorded.headers().get("content-type")).containsExactly("application/json");
        assertThat(recorded.header("host")).contains("127.0.0.1:" + stub.port());
        assertThat(recorded.bodyText()).isEqualTo("{\"n\":1}");
        assertThat(recorded.body()).isEqualTo("{\"n\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(recorded.receivedAt()).isNotNull();
        assertThat(recorded.toString()).contains("POST /orders?tag=a", "7 bytes").doesNotContain("{\"n\":1}");
    }

    @Test
    void journalIsInArrivalOrderAndFilterable() {
        client.call("GET", "/a/1");
        client.call("POST", "/a/2", "x");
        client.call("GET", "/b");

        assertThat(stub.journal()).extracting(RecordedRequest::path).containsExactly("/a/1", "/a/2", "/b");
        assertThat(stub.journal()).extracting(RecordedRequest::sequence).containsExactly(1L, 2L, 3L);
        assertThat(stub.requests("GET", "/**")).extracting(RecordedRequest::path).containsExactly("/a/1", "/b");
        assertThat(stub.requests("*", "/a/*")).extracting(RecordedRequest::path).containsExactly("/a/1", "/a/2");
        assertThat(stub.requests("DELETE", "/**")).isEmpty();
    }

    @Test
    void journalIsASnapshot() {
        List<RecordedRequest> before = stub.journal();
        client.call("GET", "/x");

        assertThat(before).isEmpty();
        assertThat(stub.journal()).hasSize(1);
        assertThatThrownBy(() -> stub.journal().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void requestIsJournaledBeforeTheHandlerAnswers() {
        AtomicReference<Integer> countSeenByHandler = new AtomicReference<>();
        stub.route("GET", "/x", req -> {
            countSeenByHandler.set(stub.requestCount());
            return StubResponse.ok("x");
        });

        client.call("GET", "/x");
        assertThat(countSeenByHandler.get()).isEqualTo(1);
    }

    @Test
    void scriptedResponsesComeFirstInFifoOrderThenRoutes() {
        stub.route("*", "/**", req -> StubResponse.ok("route"));
        stub.enqueue(StubResponse.status(503).body("first")).enqueue(StubResponse.ok("second"));

        TestClient.Response first = client.call("GET", "/one");
        assertThat(first.status()).isEqualTo(503);
        assertThat(first.body()).isEqualTo("first");
        assertThat(client.call("POST", "/two", "b").body()).isEqualTo("second");
        assertThat(client.call("GET", "/three").body()).isEqualTo("route");
        assertThat(stub.requestCount()).isEqualTo(3);
    }

    @Test
    void scopedScriptsAnswerOnlyMatchingRequests() {
        stub.route("*", "/**", req -> StubResponse.ok("route"));
        stub.enqueue("POST", "/orders/*", StubResponse.status(429).header("Retry-After", "1"))
                .enqueue(StubResponse.ok("any"));

        // the scoped script does not match, the unscoped one behind it does
        assertThat(client.call("GET", "/orders/1").body()).isEqualTo("any");
        assertThat(client.call("POST", "/orders/1", "x").status()).isEqualTo(429);
        assertThat(client.call("POST", "/orders/1", "x").body()).isEqualTo("route");
    }

    @Test
    void scopedScriptIsUsedOnceByTheMatchingRequest() {
        stub.route("*", "/**", req -> StubResponse.ok("route"));
        stub.enqueue("POST", "/orders/*", StubResponse.status(429).header("Retry-After", "1"));

        assertThat(client.call("GET", "/orders/1").body()).isEqualTo("route");
        assertThat(client.call("POST", "/other", "x").body()).isEqualTo("route");
        TestClient.Response limited = client.call("POST", "/orders/7", "x");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers()).containsEntry("retry-after", "1");
        assertThat(client.call("POST", "/orders/7", "x").body()).isEqualTo("route");
    }

    @Test
    void delayPostponesTheAnswer() {
        stub.enqueue(StubResponse.ok("late").delay(Duration.ofMillis(300)));

        long start = System.nanoTime();
        TestClient.Response response = client.call("GET", "/slow");
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(response.body()).isEqualTo("late");
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void delayDoesNotHoldUpOtherRequests() {
        stub.route("GET", "/fast", req -> StubResponse.ok("fast"));
        stub.enqueue("GET", "/slow", StubResponse.ok("slow").delay(Duration.ofSeconds(2)));

        var slow = client.exchange("GET", "/slow", null, Map.of()).toFuture();
        // the slow request was received and is waiting; a fast one still gets through meanwhile
        assertThat(client.call("GET", "/fast").body()).isEqualTo("fast");
        assertThat(slow).isNotDone();
        assertThat(slow.join().body()).isEqualTo("slow");
    }

    @Test
    void dropBeforeReadClosesWithoutResponseOrBody() {
        stub.route("*", "/**", req -> StubResponse.ok("route"));
        stub.enqueue(StubResponse.ok("never").fault(Fault.DROP_BEFORE_READ));

        StepVerifier.create(client.exchange("POST", "/drop", "payload", Map.of()))
                .expectError(IOException.class)
                .verify(TestClient.TIMEOUT);
        assertThat(stub.journal()).singleElement().satisfies(r -> {
            assertThat(r.path()).isEqualTo("/drop");
            assertThat(r.body()).isEmpty();
        });
        // the server keeps serving
        assertThat(client.call("GET", "/after").body()).isEqualTo("route");
    }

    @Test
    void dropAfterReadJournalsTheBodyAndClosesWithoutResponse() {
        stub.enqueue("POST", "/drop", StubResponse.ok("never").fault(Fault.DROP_AFTER_READ));

        StepVerifier.create(client.exchange("POST", "/drop", "payload", Map.of()))
                .expectError(IOException.class)
                .verify(TestClient.TIMEOUT);
        assertThat(stub.journal()).singleElement().satisfies(r -> assertThat(r.bodyText()).isEqualTo("payload"));
    }

    @Test
    void routeHandlerCanDropTheConnection() {
        stub.route("GET", "/drop", req -> StubResponse.status(200).fault(Fault.DROP_AFTER_READ));

        StepVerifier.create(client.exchange("GET", "/drop", null, Map.of()))
                .expectError(IOException.class)
                .verify(TestClient.TIMEOUT);
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void dropBeforeReadFromAHandlerHasReadTheBodyAlready() {
        stub.route("POST", "/drop", req -> StubResponse.status(200).fault(Fault.DROP_BEFORE_READ));

        StepVerifier.create(client.exchange("POST", "/drop", "payload", Map.of()))
                .expectError(IOException.class)
                .verify(TestClient.TIMEOUT);
        assertThat(stub.journal()).singleElement().satisfies(r -> assertThat(r.bodyText()).isEqualTo("payload"));
    }

    @Test
    void delayedDropClosesAfterTheDelay() {
        stub.enqueue(StubResponse.status(200).fault(Fault.DROP_BEFORE_READ).delay(Duration.ofMillis(200)));

        long start = System.nanoTime();
        StepVerifier.create(client.exchange("GET", "/drop", null, Map.of()))
                .expectError(IOException.class)
                .verify(TestClient.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
    }

    @Test
    void truncatedBodyDeclaresMoreThanItSends() {
        String body = "0123456789".repeat(10);
        stub.enqueue(StubResponse.ok(body).fault(Fault.TRUNCATED_BODY));
        AtomicReference<String> contentLength = new AtomicReference<>();
        AtomicReference<Integer> status = new AtomicReference<>();

        StepVerifier.create(client.http().get().uri("/t").responseSingle((res, content) -> {
                    status.set(res.status().code());
                    contentLength.set(res.responseHeaders().get("content-length"));
                    return content.asString();
                }))
                .expectError(PrematureCloseException.class)
                .verify(TestClient.TIMEOUT);
        assertThat(status.get()).isEqualTo(200);
        assertThat(Long.parseLong(contentLength.get())).isGreaterThan(body.length());
    }

    @Test
    void truncatedBodySendsOnlyPartOfTheBody() {
        String body = "abcdefghij".repeat(10);
        stub.enqueue(StubResponse.ok(body).fault(Fault.TRUNCATED_BODY));
        StringBuilder received = new StringBuilder();

        StepVerifier.create(client.http().get().uri("/t")
                        .response((res, content) -> content.asString().doOnNext(received::append)))
                .thenConsumeWhile(part -> true)
                .expectError(PrematureCloseException.class)
                .verify(TestClient.TIMEOUT);
        assertThat(received.toString()).isNotEmpty().hasSizeLessThan(body.length());
        assertThat(body).startsWith(received.toString());
    }

    @Test
    void slowBodyArrivesCompleteInChunksOverTime() {
        String body = "x".repeat(40);
        stub.enqueue(StubResponse.ok(body).slowBody(4, Duration.ofMillis(30)));
        List<Integer> chunkSizes = new java.util.concurrent.CopyOnWriteArrayList<>();

        long start = System.nanoTime();
        String received = client.http().get().uri("/slow")
                .response((res, content) -> content.asString())
                .doOnNext(s -> chunkSizes.add(s.length()))
                .collect(Collectors.joining())
                .block(TestClient.TIMEOUT);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

        assertThat(received).isEqualTo(body);
        assertThat(chunkSizes).hasSizeGreaterThan(1).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(10 * 30));
    }

    @Test
    void slowBodyFaultUsesDefaultChunking() {
        String body = "y".repeat(20);
        stub.enqueue(StubResponse.ok(body).fault(Fault.SLOW_BODY));

        assertThat(client.call("GET", "/slow").body()).isEqualTo(body);
    }

    @Test
    void resetClearsJournalAndScriptsButKeepsRoutes() {
        stub.route("GET", "/r", req -> StubResponse.ok("route"));
        client.call("GET", "/r");
        stub.enqueue(StubResponse.ok("scripted"));
        stub.enqueue("GET", "/r", StubResponse.ok("scoped"));

        stub.reset();

        assertThat(stub.journal()).isEmpty();
        assertThat(stub.requestCount()).isZero();
        assertThat(client.call("GET", "/r").body()).isEqualTo("route");
        assertThat(client.call("GET", "/r").body()).isEqualTo("route");
        assertThat(stub.requestCount()).isEqualTo(2);
    }

    @Test
    void handlerExceptionBecomes500WithTheMessage() {
        stub.route("GET", "/boom", req -> {
            throw new IllegalStateException("kaputt");
        });

        TestClient.Response response = client.call("GET", "/boom");
        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("kaputt");
        assertThat(stub.requestCount()).isEqualTo(1);
    }

    @Test
    void concurrentRequestsAreAllJournaled() {
        int n = 200;
        stub.route("POST", "/c/{i}", req -> StubResponse.ok(req.bodyText().toUpperCase(java.util.Locale.ROOT)));

        List<TestClient.Response> responses = Flux.range(0, n)
                .flatMap(i -> client.exchange("POST", "/c/" + i, "body-" + i, Map.of()), n)
                .collectList()
                .block(Duration.ofSeconds(30));

        assertThat(responses).hasSize(n).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        assertThat(responses).extracting(TestClient.Response::body)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, n).mapToObj(i -> "BODY-" + i).toList());
        List<RecordedRequest> journal = stub.journal();
        assertThat(journal).hasSize(n);
        assertThat(journal).extracting(RecordedRequest::sequence)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, n).mapToObj(i -> (long) i).toList());
        Set<String> bodies = new HashSet<>();
        journal.forEach(r -> {
            assertThat(r.bodyText()).isEqualTo("body-" + r.path().substring("/c/".length()));
            bodies.add(r.bodyText());
        });
        assertThat(bodies).hasSize(n);
    }

    @Test
    void closeStopsTheServer() {
        StubServer other = StubServer.start();
        other.route("GET", "/who", req -> StubResponse.ok("the closed stub"));
        try (TestClient otherClient = new TestClient(other)) {
            assertThat(otherClient.call("GET", "/who").body()).isEqualTo("the closed stub");
            other.close();
            other.close(); // idempotent

            // not a bare connect: on a busy machine another process may take the freed port at once
            String after = otherClient.exchange("GET", "/who", null, Map.of()).map(TestClient.Response::body)
                    .onErrorReturn("refused").block(TestClient.TIMEOUT);
            assertThat(after).isNotEqualTo("the closed stub");
        }
    }

    @Test
    void closeEndsPendingResponsesWithAClosedConnection() throws InterruptedException {
        StubServer other = StubServer.start();
        other.enqueue(StubResponse.ok("too late").delay(Duration.ofSeconds(30)));
        try (TestClient otherClient = new TestClient(other)) {
            var pending = otherClient.exchange("GET", "/pending", null, Map.of()).toFuture();
            for (int i = 0; i < 200 && other.requestCount() == 0; i++) {
                Thread.sleep(10);
            }
            assertThat(other.requestCount()).isEqualTo(1);

            other.close();

            assertThat(pending).failsWithin(TestClient.TIMEOUT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCauseInstanceOf(IOException.class);
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> stub.route("GET", "no-slash", req -> StubResponse.status(200)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.route("GET", "/a/**/b", req -> StubResponse.status(200)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.enqueue(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> StubServer.start(70000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void normalisesDotSegmentsOnlyWhenAsked() {
        stub.route("GET", "/api/b/{x}", req -> StubResponse.ok("b " + req.path()))
                .route("GET", "/api/a/**", req -> StubResponse.ok("a " + req.path()));

        // off (the default): the path is routed as sent
        assertThat(client.call("GET", "/api/a/../b/1").body()).isEqualTo("a /api/a/../b/1");

        stub.normaliseDotSegments(true);
        assertThat(client.call("GET", "/api/a/../b/1").body()).isEqualTo("b /api/b/1");
        // decoded first, as nginx does: %2E%2E and %2F are dot segments and slashes too
        assertThat(client.call("GET", "/api/a/%2E%2E/b/2").body()).isEqualTo("b /api/b/2");
        assertThat(client.call("GET", "/api/a/x/..%2F..%2Fb%2F3").body()).isEqualTo("b /api/b/3");
        assertThat(client.call("GET", "/api/a/./c/%2E/d").body()).isEqualTo("a /api/a/c/d");
        // a trailing dot segment leaves a trailing slash; ".." above the root stays at the root
        assertThat(client.call("GET", "/api/a/c/..").body()).isEqualTo("a /api/a/");
        assertThat(client.call("GET", "/../../api/b/4").body()).isEqualTo("b /api/b/4");
        // what is not a dot segment is kept, re-encoded
        assertThat(client.call("GET", "/api/b/...").body()).isEqualTo("b /api/b/...");
        assertThat(client.call("GET", "/api/b/x%20y%2Bz").body()).isEqualTo("b /api/b/x%20y%2Bz");
        assertThat(stub.journal()).extracting(RecordedRequest::path).contains("/api/b/1", "/api/a/");
    }
}
