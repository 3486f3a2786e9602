package dev.volga.testkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.volga.api.AuthenticationException;
import dev.volga.api.DecodingException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.RetrySettings;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.Faults;
import dev.volga.testkit.JournalAssertions;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.ProviderStub;
import dev.volga.testkit.Quota;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.Exceptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

/**
 * The tests every Volga client must pass against its provider's stub, written once: every fault of
 * the testkit's vocabulary ({@link FaultRule.Kind}), hostile answers (deep nesting, invalid UTF-8,
 * a proxy's HTML page, a wrong content type, a huge body) and bad arguments refused before any
 * I/O. A provider's test class extends it and supplies the provider-specific bits: how to start
 * its stub, build a client, make one call that reads and one that writes, and its bad-argument
 * cases. A new provider gets the shared tests by extending it.
 *
 * <p>Each test runs on a fresh stub and a client on a pool of ONE connection with a
 * {@linkplain #RESPONSE_TIMEOUT two-second response timeout}; after each test (faults cleared, no
 * quota) a normal read must still get that connection, so a connection leaked by a failure fails
 * the test, and the paranoid leak detector ({@link NoLeaks}) watches the buffers. Every error a
 * test expects is printed with its stack trace and must not contain {@link #secret()}.
 *
 * <p>The expectations are the transport's retry rules: an idempotent read is retried on a 429
 * (after {@code Retry-After}), a 502/503/504, a timeout, a truncated body and a dropped
 * connection; a write only on a 429 and on a connection dropped before the request was read; a
 * 500, a 401, a malformed body and an oversized header are never retried.
 *
 * <p>Needs JUnit Jupiter's API and {@code dev.volga.api} at test time (the testkit declares both
 * optional); the client and transport types stay the subclass's, as type parameters.
 *
 * @param <C> the client type
 * @param <T> the transport type the client is built on (closed after each test)
 */
@ExtendWith(NoLeaks.class)
public abstract class ClientConformanceTest<C extends AutoCloseable, T extends AutoCloseable> {

    /** How long a test waits for any one call. */
    protected static final Duration WAIT = Duration.ofSeconds(10);

    /** The response timeout of the transport {@link #transport} builds. */
    protected static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);

    /** Retries as the defaults, but with a backoff of 1 to 5 ms. */
    protected static final RetrySettings FAST_RETRY = RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private AutoCloseable stub;
    private ConnectionProvider pool;
    private T transport;
    private C client;

    /** For subclasses. */
    protected ClientConformanceTest() {
    }

    // ------------------------------------------------------------------ provider-specific bits

    /**
     * Starts the provider's stub (a fresh one for each test), seeded so that {@link #read} succeeds.
     * The subclass keeps it for its own accessors. A {@link ProviderStub} needs nothing more; any
     * other stub needs {@link #server()}, {@link #faults()} and {@link #verify()} overridden.
     *
     * @return the stub, closed after the test
     */
    protected abstract AutoCloseable startStub();

    /**
     * The stub's HTTP server: the base scripts answers on it and sets a quota on it.
     *
     * @return the {@linkplain ProviderStub#server() server} of the stub {@link #startStub()}
     *     returned
     */
    protected StubServer server() {
        return providerStub().server();
    }

    /**
     * The provider stub's faults, whose rule paths are read after its base path (as
     * {@link #readPattern()} and {@link #writePattern()} are).
     *
     * @return the {@linkplain ProviderStub#faults() faults} of the stub {@link #startStub()}
     *     returned
     */
    protected Faults faults() {
        return providerStub().faults();
    }

    /**
     * The path every provider route sits under on the stub, for scripted answers (empty if none).
     *
     * @return e.g. {@code "/latenode/v1/whitelabel"}; empty by default
     */
    protected String basePath() {
        return "";
    }

    /**
     * The provider stub's journal assertions (they know its base path, its login and its stale
     * tokens, so {@code noStaleToken()} works).
     *
     * @return the {@linkplain ProviderStub#verify() assertions} of the stub {@link #startStub()}
     *     returned, over the current journal
     */
    protected JournalAssertions verify() {
        return providerStub().verify();
    }

    private ProviderStub providerStub() {
        if (stub instanceof ProviderStub p) {
            return p;
        }
        throw new IllegalStateException(stub + " is no ProviderStub: override server(), faults() and verify()");
    }

    /**
     * The credential the client sends; it must never show in an error or its stack trace.
     *
     * @return the token or key
     */
    protected abstract String secret();

    /**
     * Builds the transport the test's clients share.
     *
     * @param pool a connection pool of one connection, disposed after the test
     * @param responseTimeout the response timeout to set ({@link #RESPONSE_TIMEOUT})
     * @return the transport, closed after the test
     */
    protected abstract T transport(ConnectionProvider pool, Duration responseTimeout);

    /**
     * Builds a client of the stub on the given transport, without a client-side rate limit.
     *
     * @param transport the transport of {@link #transport}
     * @param retry the retry settings ({@link #FAST_RETRY} or {@link RetrySettings#none()})
     * @return the client; the base closes the clients it builds
     */
    protected abstract C client(T transport, RetrySettings retry);

    /**
     * One idempotent read: a {@code GET} on a path {@link #readPattern()} matches, whose answer is
     * decoded whole (not streamed item by item, so the transport's size cap applies). The answer is
     * checked inside the returned {@code Mono} (e.g. with {@code doOnNext}).
     *
     * @param client the client
     * @return the call, emitting the checked answer
     */
    protected abstract Mono<?> read(C client);

    /**
     * The path pattern of {@link #read}'s requests (method {@code GET}) after the
     * {@linkplain #basePath() base path}, as for {@link StubServer#route}.
     *
     * @return e.g. {@code "/quotas"} or {@code "/v1/servers/**"}
     */
    protected abstract String readPattern();

    /**
     * One write that creates an entity (so it is never repeated once it may have arrived): a
     * {@code POST} on a path {@link #writePattern()} matches, whose answer has a body. The answer is
     * checked inside the returned {@code Mono}.
     *
     * @param client the client
     * @return the call, emitting the checked answer
     */
    protected abstract Mono<?> write(C client);

    /**
     * The path pattern of {@link #write}'s requests (method {@code POST}) after the
     * {@linkplain #basePath() base path}.
     *
     * @return the pattern
     */
    protected abstract String writePattern();

    /**
     * Text that {@link #write}'s request body contains (the whole body, or a name in it).
     *
     * @return the text
     */
    protected abstract String writeBodyMarker();

    /**
     * How many entities of the kind {@link #write} creates the stub holds now.
     *
     * @return the count
     */
    protected abstract int entityCount();

    /**
     * A well-formed answer to {@link #read} (JSON) with {@code text} inside one of its string
     * values, for hostile variants of it (invalid UTF-8 in place of {@code text}).
     *
     * @param text the text to place in a string value
     * @return the body
     */
    protected abstract String readAnswer(String text);

    /**
     * Every public method that takes arguments, called with a null, blank or out-of-range value.
     * Called after the stub and {@link #client()} are up.
     *
     * @return the cases
     */
    protected abstract List<BadArgument> badArguments();

    /**
     * The client builder's credential setters, each building as far as it needs to refuse the value
     * it is given.
     *
     * @return the setters
     */
    protected abstract List<CredentialSetter> credentialSetters();

    /**
     * The {@code errorCode} of the {@link AuthenticationException} a 401 gives, if the provider's
     * 401 body carries one.
     *
     * @return the code, empty to check none
     */
    protected Optional<String> unauthorizedErrorCode() {
        return Optional.empty();
    }

    /**
     * How many times the client sends {@link #read} when every answer is 401: once, or twice for a
     * client that logs in again and replays once.
     *
     * @return 1 by default
     */
    protected int readsSentOnAPersistent401() {
        return 1;
    }

    /**
     * How many requests the first {@link #read} of a fresh client sends (1, or 2 with a login), for
     * the stub's quota.
     *
     * @return 1 by default
     */
    protected int requestsOfAFirstRead() {
        return 1;
    }

    /**
     * Further checks after a test that sent reads and writes, e.g. that the client logged in only
     * once. Nothing by default.
     *
     * @param verify the stub's journal assertions
     */
    protected void verifyAuthentication(JournalAssertions verify) {
    }

    /**
     * The content types that a 200 answer to {@link #read} must not have: each ends in a
     * {@link DecodingException} with an excerpt of the body.
     *
     * @return {@code text/html} and {@code application/xml} by default (a client that reads XML
     *     too leaves the latter out)
     */
    protected List<String> foreignContentTypes() {
        return List.of("text/html", "application/xml");
    }

    // ------------------------------------------------------------------ life cycle and helpers

    /** Starts the stub, the pool of one connection, the transport and the client. */
    @BeforeEach
    public void startConformance() {
        stub = startStub();
        pool = ConnectionProvider.builder("conformance").maxConnections(1).pendingAcquireTimeout(Duration.ofSeconds(3)).build();
        transport = transport(pool, RESPONSE_TIMEOUT);
        client = client(transport, FAST_RETRY);
    }

    /**
     * Clears faults and quota, checks that the only connection is free again, closes everything.
     *
     * @throws Exception if closing a client fails
     */
    @AfterEach
    public void theOnlyConnectionIsFreeAgain() throws Exception {
        try {
            faults().clear();
            server().noQuota();
            readSucceeds();
        } finally {
            try {
                client.close();
                transport.close();
                pool.disposeLater().block(WAIT);
            } finally {
                stub.close();
            }
        }
    }

    /**
     * The client of the current test (fast retries, on the pool of one connection).
     *
     * @return the client
     */
    protected final C client() {
        return client;
    }

    /** Runs {@link #read} with the test's client and expects its checked answer. */
    protected final void readSucceeds() {
        assertNotNull(read(client).block(WAIT), "the read answered");
    }

    /**
     * Runs a call that must fail, checks the error's type and that the credential is nowhere in it.
     *
     * @param call the call
     * @param type the expected error type
     * @param <E> the type
     * @return the error
     */
    protected final <E extends Throwable> E failure(Mono<?> call, Class<E> type) {
        Throwable caught = null;
        try {
            call.block(WAIT);
        } catch (Throwable e) {
            caught = Exceptions.unwrap(e); // block() wraps a checked exception
        }
        if (caught == null) {
            fail("expected " + type.getSimpleName() + ", the call completed");
        }
        if (!type.isInstance(caught)) {
            fail("expected " + type.getName() + ", got " + caught, caught);
        }
        StringWriter trace = new StringWriter();
        caught.printStackTrace(new PrintWriter(trace));
        assertFalse(trace.toString().contains(secret()), "the credential never shows: " + trace);
        return type.cast(caught);
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void atLeast(Duration min, Duration actual, String what) {
        assertTrue(actual.compareTo(min) >= 0, what + ": " + actual + " < " + min);
    }

    private FaultRule onRead(FaultRule rule) {
        return rule.on("GET", readPattern());
    }

    private FaultRule onWrite(FaultRule rule) {
        return rule.on("POST", writePattern());
    }

    private void enqueueRead(StubResponse response) {
        server().enqueue("GET", basePath() + readPattern(), response);
    }

    private C clientWithoutRetries() {
        return client(transport, RetrySettings.none());
    }

    // ------------------------------------------------------------------ faults

    /** Latency only delays; beyond the response timeout a read is retried, a write is not. */
    @Test
    public void latencyOnlyDelaysAndBeyondTheResponseTimeoutIsRetriedForAReadButNotForAWrite() {
        readSucceeds();
        faults().inject(onRead(FaultRule.latency(Duration.ofMillis(200))).times(1));
        long start = System.nanoTime();
        readSucceeds();
        atLeast(Duration.ofMillis(200), since(start), "the latency delayed the answer");
        verify().exactly(2, "GET", readPattern());

        faults().inject(onRead(FaultRule.latency(Duration.ofMillis(2500), Duration.ofMillis(3000))).times(1));
        readSucceeds();
        verify().exactly(4, "GET", readPattern());

        faults().inject(onWrite(FaultRule.latency(Duration.ofMillis(2500))).times(1));
        assertEquals(TransportException.Kind.TIMEOUT, failure(write(client), TransportException.class).kind());
        verifyAuthentication(verify().exactlyOne("POST", writePattern()));
    }

    /** A 429 with {@code Retry-After} is waited out and retried, even for a write. */
    @Test
    public void a429WithRetryAfterIsWaitedOutAndRetriedEvenForAWrite() {
        int before = entityCount();
        faults().inject(onWrite(FaultRule.tooManyRequests(Duration.ofSeconds(1))).times(1));
        long start = System.nanoTime();
        assertNotNull(write(client).block(WAIT), "the write answered");
        atLeast(Duration.ofSeconds(1), since(start), "Retry-After was honoured");
        verify().exactly(2, "POST", writePattern());
        assertEquals(before + 1, entityCount(), "the write created one entity");
    }

    /**
     * Without retries a 429 is a {@link RateLimitedException} from the server, with its Retry-After.
     *
     * @throws Exception if closing a client fails
     */
    @Test
    public void withoutRetriesA429IsARateLimitedExceptionCarryingRetryAfter() throws Exception {
        try (C once = clientWithoutRetries()) {
            faults().inject(onRead(FaultRule.tooManyRequests(Duration.ofSeconds(9))).times(1));
            RateLimitedException e = failure(read(once), RateLimitedException.class);
            assertEquals(429, e.httpStatus());
            assertEquals(RateLimitedException.Source.SERVER, e.source());
            assertEquals(Optional.of(Duration.ofSeconds(9)), e.retryAfter(), "the server's Retry-After reaches the caller");
        }
    }

    /** A 401 that persists is an {@link AuthenticationException}, and no stale token was sent. */
    @Test
    public void a401ThatPersistsIsAnAuthenticationError() {
        faults().inject(onRead(FaultRule.unauthorized()));
        AuthenticationException e = failure(read(client), AuthenticationException.class);
        assertEquals(401, e.httpStatus());
        unauthorizedErrorCode().ifPresent(code -> assertEquals(Optional.of(code), e.errorCode()));
        verify().exactly(readsSentOnAPersistent401(), "GET", readPattern()).noStaleToken();
    }

    /**
     * A 503 is retried for a read until it recovers; for a write, or when a 502/504 persists, it is
     * a {@link ServerErrorException}; a 500 is never retried.
     */
    @Test
    public void a503IsRetriedForAReadAndAServerErrorForAWriteOrWhenItPersists() {
        faults().inject(onRead(FaultRule.status(503)).times(2));
        readSucceeds();
        verify().exactly(3, "GET", readPattern());

        faults().inject(onWrite(FaultRule.status(503)).times(1));
        assertEquals(503, failure(write(client), ServerErrorException.class).httpStatus());
        verify().exactlyOne("POST", writePattern());

        int reads = 3;
        for (int status : new int[] {502, 504}) {
            faults().inject(onRead(FaultRule.status(status)));
            assertEquals(status, failure(read(client), ServerErrorException.class).httpStatus());
            reads += FAST_RETRY.maxAttempts();
            verify().exactly(reads, "GET", readPattern());
            faults().clear();
        }

        faults().inject(onRead(FaultRule.status(500)).times(1));
        assertEquals(500, failure(read(client), ServerErrorException.class).httpStatus());
        verifyAuthentication(verify().exactly(reads + 1, "GET", readPattern()));
    }

    /** A malformed body is a {@link DecodingException}, not retried. */
    @Test
    public void aMalformedBodyIsADecodingError() {
        faults().inject(onRead(FaultRule.malformedBody()).times(1));
        assertEquals(200, failure(read(client), DecodingException.class).httpStatus());
        verify().exactlyOne("GET", readPattern());
    }

    /** A truncated body is retried for a read; for a write it is a connection error after sending. */
    @Test
    public void aTruncatedBodyIsRetriedForAReadAndAConnectionErrorForAWrite() {
        faults().inject(onRead(FaultRule.truncatedBody()).times(1));
        readSucceeds();
        verify().exactly(2, "GET", readPattern());

        faults().inject(onWrite(FaultRule.truncatedBody()).times(1));
        TransportException e = failure(write(client), TransportException.class);
        assertEquals(TransportException.Kind.CONNECTION_CLOSED, e.kind());
        assertTrue(e.requestSent(), "the request was sent");
        verify().exactlyOne("POST", writePattern());
    }

    /** A connection dropped before the request was read: a read is retried, a write fails unapplied. */
    @Test
    public void aConnectionDroppedBeforeTheRequestWasReadIsRetriedForAReadAndAnErrorForAWrite() {
        faults().inject(onRead(FaultRule.dropBeforeRead()).times(1));
        readSucceeds();
        verify().exactly(2, "GET", readPattern());

        int before = entityCount();
        faults().inject(onWrite(FaultRule.dropBeforeRead()).times(1));
        assertEquals(TransportException.Kind.CONNECTION_CLOSED, failure(write(client), TransportException.class).kind());
        verify().exactlyOne("POST", writePattern());
        assertEquals(before, entityCount(), "nothing was created");
    }

    /** A connection dropped after the request was read is never repeated for a write. */
    @Test
    public void aConnectionDroppedAfterTheRequestWasReadIsNeverRepeatedForAWrite() {
        faults().inject(onWrite(FaultRule.dropAfterRead()).times(1));
        assertEquals(TransportException.Kind.CONNECTION_CLOSED, failure(write(client), TransportException.class).kind());
        verify().exactlyOne("POST", writePattern())
                .every("POST", writePattern(), r -> r.bodyText().contains(writeBodyMarker()), "carries the write's body");

        faults().inject(onRead(FaultRule.dropAfterRead()).times(1));
        readSucceeds();
        verify().exactly(2, "GET", readPattern());
    }

    /** A header too long for the decoder is a malformed response, not retried. */
    @Test
    public void anOversizedHeaderIsAMalformedResponseAndNotRetried() {
        faults().inject(onRead(FaultRule.oversizedHeader(200 * 1024)).times(1));
        assertEquals(TransportException.Kind.MALFORMED_RESPONSE, failure(read(client), TransportException.class).kind());
        verify().exactlyOne("GET", readPattern());
    }

    /** A slow body within the response timeout arrives whole; beyond it, a write times out. */
    @Test
    public void aSlowBodyWithinTheTimeoutArrivesWholeAndBeyondItTimesOut() {
        faults().inject(onRead(FaultRule.slowBody(64, Duration.ofMillis(5))).times(1));
        readSucceeds();
        verify().exactlyOne("GET", readPattern());

        faults().inject(onWrite(FaultRule.slowBody(4, Duration.ofMillis(100))).times(1));
        assertEquals(TransportException.Kind.TIMEOUT, failure(write(client), TransportException.class).kind());
        verify().exactlyOne("POST", writePattern());
    }

    /**
     * The stub's quota answers 429 past it, with a Retry-After of at least a second.
     *
     * @throws Exception if closing a client fails
     */
    @Test
    public void theStubsQuotaAnswers429PastItWithRetryAfter() throws Exception {
        try (C once = clientWithoutRetries()) {
            int permits = requestsOfAFirstRead() + 1;
            server().quota(Quota.of(permits, Duration.ofMinutes(1), permits));
            assertNotNull(read(once).block(WAIT));
            assertNotNull(read(once).block(WAIT));
            RateLimitedException e = failure(read(once), RateLimitedException.class);
            assertEquals(429, e.httpStatus());
            assertTrue(e.retryAfter().filter(d -> d.compareTo(Duration.ofSeconds(1)) >= 0).isPresent(),
                    "Retry-After of at least 1 s: " + e.retryAfter());
            assertEquals(1, server().quotaRefusals());
            verifyAuthentication(verify());
        }
    }

    /** Each kind of fault has its test above; a new kind needs one too. */
    @Test
    public void aNewFaultKindNeedsItsTestHere() {
        assertEquals(10, FaultRule.Kind.values().length, "the ten kinds, each tested above against every client");
    }

    // ------------------------------------------------------------------ hostile answers

    /** Reads once without retries (so the scripted answer is the one judged) and expects an error. */
    private <E extends Throwable> E answerFails(Class<E> type) {
        try (C once = clientWithoutRetries()) {
            return failure(read(once), type);
        } catch (Exception e) {
            throw new IllegalStateException("closing a client failed", e);
        }
    }

    /** Deeply nested JSON is a {@link DecodingException} with a short message, not a stack overflow. */
    @Test
    public void deeplyNestedJsonIsADecodingErrorNotAStackOverflow() {
        enqueueRead(StubResponse.json(200, "[".repeat(100_000)));
        DecodingException e = answerFails( DecodingException.class);
        assertTrue(e.getMessage().length() < 1000, "a short message: " + e.getMessage().length());

        enqueueRead(StubResponse.json(200, readAnswer("x").replace("\"x\"", "{\"a\":".repeat(50_000) + "1" + "}".repeat(50_000))));
        answerFails( DecodingException.class);
        enqueueRead(StubResponse.json(200, "{\"a\":".repeat(100_000)));
        answerFails( DecodingException.class);
    }

    /** Invalid UTF-8 in a string value is a {@link DecodingException}. */
    @Test
    public void invalidUtf8IsADecodingError() {
        String[] parts = readAnswer("\u0000").split("\u0000", 2);
        byte[] head = parts[0].getBytes(StandardCharsets.UTF_8);
        byte[] tail = parts[1].getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28; // an invalid 2-byte sequence
        body[head.length + 2] = (byte) 0xFF;
        System.arraycopy(tail, 0, body, head.length + 3, tail.length);
        enqueueRead(StubResponse.status(200).header("Content-Type", "application/json").body(body));
        answerFails( DecodingException.class);
    }

    /** A proxy's HTML 502 page is a {@link ServerErrorException} with a short excerpt of it. */
    @Test
    public void aProxys502PageIsAServerErrorWithAShortExcerpt() {
        String html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
                + "<hr><center>nginx</center>" + "<!-- padding -->".repeat(500) + "</body></html>";
        enqueueRead(StubResponse.status(502).header("Content-Type", "text/html").body(html));
        ServerErrorException e = answerFails(ServerErrorException.class);
        assertEquals(502, e.httpStatus());
        assertTrue(e.getMessage().contains("502 Bad Gateway"), "an excerpt: " + e.getMessage());
        assertTrue(e.getMessage().length() < 1000, "a short message: " + e.getMessage().length());
    }

    /** A 200 with a content type the client does not read is a {@link DecodingException} with an excerpt. */
    @Test
    public void aWrongContentTypeOnA200IsADecodingErrorWithAnExcerpt() {
        for (String type : foreignContentTypes()) {
            String body = type.contains("xml") ? "<captive><portal>log in</portal></captive>"
                    : "<html><body>Please log in to the captive portal</body></html>";
            enqueueRead(StubResponse.status(200).header("Content-Type", type).body(body));
            DecodingException e = answerFails( DecodingException.class);
            assertTrue(e.getMessage().contains("portal"), type + ": an excerpt of the body: " + e.getMessage());
        }
    }

    /** A body past the transport's size cap is refused: {@link TransportException.Kind#RESPONSE_TOO_LARGE}. */
    @Test
    public void aHugeBodyIsRefusedByTheSizeCap() {
        enqueueRead(StubResponse.json(200, "{\"x\":\"" + "x".repeat(9 * 1024 * 1024) + "\"}"));
        assertEquals(TransportException.Kind.RESPONSE_TOO_LARGE, answerFails( TransportException.class).kind());
    }

    // ------------------------------------------------------------------ bad arguments

    /**
     * Every {@linkplain #badArguments() bad-argument case} is refused with its exception type, the
     * message naming the parameter, and nothing reaches the stub (not even a login).
     *
     * @return one test per case
     */
    @TestFactory
    public Stream<DynamicTest> badArgumentsAreRefusedBeforeAnyIo() {
        return badArguments().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            Throwable thrown = null;
            try {
                Object result = c.call().call();
                if (result instanceof Publisher<?> p) {
                    // a lazy refusal is accepted too, as long as it is an error signal and nothing is sent
                    Flux.from(p).take(1).then().block(Duration.ofSeconds(5));
                }
            } catch (Throwable e) {
                thrown = e;
            }
            assertNotNull(thrown, "the call is refused");
            assertInstanceOf(c.type(), thrown, "the refusal's type");
            assertTrue(String.valueOf(thrown.getMessage()).contains(c.param()),
                    "the message names " + c.param() + ": " + thrown.getMessage());
            assertEquals(List.of(), server().journal(), "nothing was sent");
        }));
    }

    /** A credential with CR, LF or NUL is refused without echoing it, and nothing is sent. */
    @Test
    public void aCredentialWithControlCharactersIsRefusedWithoutEchoingIt() {
        for (CredentialSetter setter : credentialSetters()) {
            for (String bad : new String[] {"s3cr3t\r\nX-Evil: 1", "s3cr3t\n", "s3cr3t\u0000"}) {
                Throwable thrown = null;
                try {
                    setter.set().accept(bad);
                } catch (Throwable e) {
                    thrown = e;
                }
                IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class, thrown, setter.name());
                assertTrue(e.getMessage().contains(setter.param()), setter.name() + " names " + setter.param() + ": " + e.getMessage());
                assertFalse(e.getMessage().contains("s3cr3t") || e.getMessage().contains("Evil"), "echoes nothing: " + e.getMessage());
            }
        }
        assertEquals(List.of(), server().journal(), "nothing was sent");
    }

    /**
     * One credential setter of a client builder, for
     * {@link #aCredentialWithControlCharactersIsRefusedWithoutEchoingIt()}.
     *
     * @param name a display name, e.g. {@code "builder.key(String)"}
     * @param param the parameter the refusal's message names, e.g. {@code "key"}
     * @param set sets the value (and builds, if the builder checks only then)
     */
    public record CredentialSetter(String name, String param, Consumer<String> set) {
    }
}
