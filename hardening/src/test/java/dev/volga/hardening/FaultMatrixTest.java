package dev.volga.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.DecodingException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.PoolProbe;
import dev.volga.testkit.endocs.EndocsStub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Signal;
import reactor.test.StepVerifier;

/**
 * Issue #8's fault matrix: every provider × every fault of the testkit × {GET, POST}, through one
 * shared transport (one connection pool for the three clients, as production would share it).
 *
 * <p>Each case injects one fault into the provider's stub, makes one call bounded against hangs,
 * and compares what happened with the outcome the documentation promises (DESIGN.md "Retries",
 * {@code RetrySettings}, {@code TransportException}): written down below in {@link #expected} from
 * those rules, not read off the code. "Requests" counts what the stub's journal saw on the call's
 * endpoint, so a repeated POST shows. Rules that decide the expectations:
 * <ul>
 *   <li>idempotent requests (the GET listings) are retried on connection failures (timeout,
 *       closed or dropped connection) and on 502/503/504; a POST is not, once it may have been
 *       written;</li>
 *   <li>any request is retried on 429, waiting {@code Retry-After}; after the last attempt the
 *       caller gets a {@link RateLimitedException} carrying it;</li>
 *   <li>a 401 makes a client that can log in (Clodo) log in again and replay once; a static token
 *       (Nodul, EnDocs) cannot be refreshed, so the caller gets an {@link AuthenticationException};
 *       a 429 or 401 answer means the server did not act, so replaying even a POST duplicates
 *       nothing;</li>
 *   <li>a body that cannot be read is a {@link DecodingException}, never retried.</li>
 * </ul>
 * After the matrix the pool has no connection lent out and the paranoid leak detector reported no
 * buffer ({@link NoLeaks}). The table goes to stdout and {@code target/fault-matrix.md}. The
 * transport runs with {@code HttpClient.wiretap(true)}, so every exchange is logged at DEBUG for the
 * build's secret scan.
 */
@ExtendWith(NoLeaks.class)
class FaultMatrixTest {

    /** Every call ends within this, or the case is a hang. */
    static final Duration BOUND = Duration.ofSeconds(30);
    /** The per-call deadline the {@link Fault#DRIP} case sets ({@code Volga.callTimeout}). */
    static final Duration DRIP_DEADLINE = Duration.ofMillis(1500);
    /** What the 429 storm asks for. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    /** The faults, as the testkit offers them, each limited to the call's endpoint. */
    enum Fault {
        LATENCY("latency 3 s > 2 s response timeout (once)", () -> FaultRule.latency(Cluster.BEYOND_TIMEOUT).times(1)),
        STORM_429("429 storm, Retry-After 1 s (every request)", () -> FaultRule.tooManyRequests(RETRY_AFTER)),
        UNAUTHORIZED("401 mid-session (once)", () -> FaultRule.unauthorized().times(1)),
        STATUS_503("503 (twice)", () -> FaultRule.status(503).times(2)),
        MALFORMED("malformed body (once)", () -> FaultRule.malformedBody().times(1)),
        TRUNCATED("truncated body (once)", () -> FaultRule.truncatedBody().times(1)),
        DROP_BEFORE_READ("dropped before the request was read (once)", () -> FaultRule.dropBeforeRead().times(1)),
        DROP_AFTER_READ("dropped after the request was read (once)", () -> FaultRule.dropAfterRead().times(1)),
        SLOW_BODY("slow body, 1 byte / 100 ms > timeout (once)", () -> FaultRule.slowBody(1, Duration.ofMillis(100)).times(1)),
        // issue 21 items 3 and 6
        OVERSIZED_HEADER("200 KiB response header (once)", () -> FaultRule.oversizedHeader(200 * 1024).times(1)),
        DRIP("body dripped 1 byte / 500 ms (every request); per-call callTimeout 1.5 s < 2 s response timeout",
                () -> FaultRule.slowBody(1, Duration.ofMillis(500)));

        final String label;
        private final Supplier<FaultRule> rule;

        Fault(String label, Supplier<FaultRule> rule) {
            this.label = label;
            this.rule = rule;
        }

        FaultRule rule() {
            return rule.get();
        }
    }

    /** What a case must end with. */
    record Expected(boolean success, Class<? extends ApiException> error, String detail, Predicate<ApiException> check,
                    int requests, int extraLogins) {

        static Expected succeeds(int requests) {
            return new Expected(true, null, "success", e -> false, requests, 0);
        }

        static Expected fails(Class<? extends ApiException> type, String detail, Predicate<ApiException> check,
                              int requests) {
            return new Expected(false, type, detail, check, requests, 0);
        }

        Expected plusLogins(int n) {
            return new Expected(success, error, detail, check, requests, n);
        }

        String describe() {
            String what = success ? "success" : (error == null ? "" : error.getSimpleName() + " ") + detail;
            return what + ", " + requests + " req" + (extraLogins > 0 ? " +" + extraLogins + " login" : "");
        }
    }

    static Expected timeout(int requests) {
        return Expected.fails(TransportException.class, "TIMEOUT sent",
                e -> ((TransportException) e).kind() == TransportException.Kind.TIMEOUT
                        && ((TransportException) e).requestSent(), requests);
    }

    static Expected closed(int requests) {
        return Expected.fails(TransportException.class, "CONNECTION_CLOSED sent",
                e -> ((TransportException) e).kind() == TransportException.Kind.CONNECTION_CLOSED
                        && ((TransportException) e).requestSent(), requests);
    }

    /**
     * The documented outcome of one case. Attempts: {@code RetrySettings.defaults()}, 3 in all.
     */
    static Expected expected(Cluster.Provider provider, Fault fault, Cluster.Method method) {
        boolean idempotent = method == Cluster.Method.GET;
        int attempts = Cluster.RETRY.maxAttempts();
        return switch (fault) {
            // timeout: a connection failure after the request was written; retried only when idempotent
            case LATENCY, SLOW_BODY -> idempotent ? Expected.succeeds(2) : timeout(1);
            // 429: retried for any method until the attempts run out; the caller learns Retry-After
            case STORM_429 -> Expected.fails(RateLimitedException.class, "SERVER 429 Retry-After 1 s",
                    e -> ((RateLimitedException) e).source() == RateLimitedException.Source.SERVER
                            && e.httpStatus() == 429 && e.retryAfter().equals(java.util.Optional.of(RETRY_AFTER)),
                    attempts);
            // 401: log in again and replay once where the client can log in, else an authentication error
            case UNAUTHORIZED -> provider.logsIn() ? Expected.succeeds(2).plusLogins(1)
                    : Expected.fails(AuthenticationException.class, "401", e -> e.httpStatus() == 401, 1);
            // 503 twice: an idempotent request is retried into success on the third attempt; a POST never
            case STATUS_503 -> idempotent ? Expected.succeeds(3)
                    : Expected.fails(ServerErrorException.class, "503", e -> e.httpStatus() == 503, 1);
            // an unreadable 200 is a decoding error, never retried
            case MALFORMED -> Expected.fails(DecodingException.class, "HTTP 200", e -> e.httpStatus() == 200, 1);
            // the connection closed under the request: retried only when idempotent
            case TRUNCATED, DROP_BEFORE_READ, DROP_AFTER_READ -> idempotent ? Expected.succeeds(2) : closed(1);
            // a head HTTP cannot frame: typed, and like an unreadable body never retried
            case OVERSIZED_HEADER -> Expected.fails(TransportException.class, "MALFORMED_RESPONSE sent",
                    e -> ((TransportException) e).kind() == TransportException.Kind.MALFORMED_RESPONSE
                            && ((TransportException) e).requestSent(), 1);
            // the call's own deadline, shorter than the response timeout, ends it: nothing is retried after it
            case DRIP -> Expected.fails(TransportException.class, "TIMEOUT (call timeout) sent",
                    e -> ((TransportException) e).kind() == TransportException.Kind.TIMEOUT
                            && ((TransportException) e).requestSent() && e.getMessage().contains("call timeout"), 1);
        };
    }

    /** One case as it happened. */
    record Row(String provider, String fault, Cluster.Method method, String call, Expected expected, String outcome,
               int requests, int extraLogins, List<String> problems) {
    }

    @Test
    void everyProviderEveryFaultEveryMethodEndsAsDocumented() throws Exception {
        List<Row> rows = new ArrayList<>();
        // Reactor Netty's wiretap on (the transport turns it into its masked wire log): the build's
        // secret scan reads every exchange of the matrix, faults included, for the three credentials
        try (Cluster cluster = Cluster.start(50, http -> http.wiretap(true))) {
            ExecutorService threads = Executors.newFixedThreadPool(cluster.providers().size());
            try {
                List<Future<List<Row>>> perProvider = new ArrayList<>();
                cluster.providers().forEach(Cluster.Provider::warmUp);
                for (Cluster.Provider p : cluster.providers()) {
                    // providers run side by side (own stub, own client, shared transport); cases of
                    // one provider one after another, so each case's journal is its own
                    perProvider.add(threads.submit(() -> runAll(p)));
                }
                for (Future<List<Row>> f : perProvider) {
                    rows.addAll(f.get());
                }
            } finally {
                threads.shutdownNow();
            }
            rows.add(midStream(cluster));
            // issue 21 items 4, 5, 7, 8 (provider hardening): kept together at the end of the rows
            List<Row> providerRows = ProviderHardeningRows.all(cluster);
            rows.addAll(providerRows);
            String table = table(rows);
            System.out.println(table);
            Reports.write("fault-matrix.md", table);

            List<String> problems = rows.stream().flatMap(r -> r.problems().stream()
                    .map(p -> r.provider() + " / " + r.fault() + " / " + r.method() + ": " + p)).toList();
            assertThat(problems).as("cases that did not end as documented\n" + table).isEmpty();
            assertThat(rows).hasSize(cluster.providers().size() * Fault.values().length * Cluster.Method.values().length + 1
                    + providerRows.size());
            assertThat(providerRows).hasSize(12);

            PoolProbe.Snapshot idle = cluster.probe().awaitIdle(Duration.ofSeconds(10));
            assertThat(idle.acquired()).as("connections still lent out").isZero();
            assertThat(idle.pending()).as("acquisitions still waiting").isZero();
        }
        NoLeaks.assertNoLeaks("the fault matrix");
    }

    private static List<Row> runAll(Cluster.Provider p) {
        List<Row> rows = new ArrayList<>();
        // warmed up: a session exists before the first case, so a 401 arrives mid-session
        for (Fault fault : Fault.values()) {
            for (Cluster.Method method : Cluster.Method.values()) {
                rows.add(runOne(p, fault, method));
            }
        }
        return rows;
    }

    private static Row runOne(Cluster.Provider p, Fault fault, Cluster.Method method) {
        p.clearJournalAndFaults();
        int loginsBefore = p.logins();
        p.faults().inject(fault.rule().on(method.name(), p.path(method)));
        List<String> problems = new ArrayList<>();
        reactor.core.publisher.Mono<?> call = p.call(method);
        if (fault == Fault.DRIP) {
            call = call.contextWrite(dev.volga.transport.Volga.callTimeout(DRIP_DEADLINE));
        }
        Signal<?> end = awaitEnd(call.materialize(), problems);
        p.faults().clear();
        int requests = p.requests(method);
        int extraLogins = p.logins() - loginsBefore;
        Expected expected = expected(p, fault, method);
        String outcome = end == null ? "HANG" : describe(end);
        if (end != null) {
            check(end, expected, p, problems);
        }
        if (requests != expected.requests()) {
            problems.add("the stub saw " + requests + " request(s), expected " + expected.requests());
        }
        if (extraLogins != expected.extraLogins()) {
            problems.add(extraLogins + " extra login(s), expected " + expected.extraLogins());
        }
        return new Row(p.name(), fault.label, method, p.describe(method), expected, outcome, requests, extraLogins,
                List.copyOf(problems));
    }

    /**
     * The 401 mid-stream: an EnDocs feed watch (an endless stream of polls) has delivered the first
     * poll's item when the next poll is refused. A 401 is not one of the transient failures a watch
     * skips, and a static token cannot be refreshed: the stream ends with the error, after the item.
     */
    private static Row midStream(Cluster cluster) {
        EndocsStub stub = cluster.endocsStub();
        // no Ext_ID: in the feed (with the contracts the POST cases created)
        stub.addContract(Map.of("Name", "Договор аренды", "State", "Новый"));
        stub.clearJournalAndFaults();
        String feed = "/api/Output/GetNewContracts/**";
        List<Object> items = new ArrayList<>();
        Flux<?> watch = cluster.endocs().feeds().newContracts().watch(0, Duration.ofMillis(20)).doOnNext(item -> {
            if (items.isEmpty()) {
                stub.faults().inject(FaultRule.unauthorized().on("GET", feed).times(1));
            }
            items.add(item);
        });
        List<String> problems = new ArrayList<>();
        Signal<?> end = awaitEnd(watch.materialize().filter(s -> !s.isOnNext()), problems);
        stub.faults().clear();
        Expected expected = Expected.fails(AuthenticationException.class, "401 after the first poll's item",
                e -> e.httpStatus() == 401, 2);
        int requests = stub.requests("GET", feed).size();
        if (end != null) {
            check(end, expected, cluster.providers().stream().filter(p -> p.name().equals("EnDocs")).findFirst().orElseThrow(), problems);
        }
        if (items.isEmpty()) {
            // with 2 requests in all, every item came from the first poll (the second was refused)
            problems.add("no item before the end, expected the first poll's");
        }
        if (requests != expected.requests()) {
            problems.add("the stub saw " + requests + " request(s), expected " + expected.requests());
        }
        String outcome = end == null ? "HANG" : items.size() + " item(s) of poll 1, then " + describe(end);
        return new Row("EnDocs", "401 mid-stream (once, on the poll after the first item)", Cluster.Method.GET,
                "feeds().newContracts().watch(0, 20 ms)", expected, outcome, requests, 0, List.copyOf(problems));
    }

    /** How a call ended (its one signal), or null, with a problem noted, if it did not end within the bound. */
    private static Signal<?> awaitEnd(Publisher<? extends Signal<?>> ends, List<String> problems) {
        Signal<?>[] end = new Signal<?>[1];
        try {
            StepVerifier.create(ends).consumeNextWith(s -> end[0] = s).expectComplete().verify(BOUND);
        } catch (AssertionError hang) {
            problems.add("did not end within " + BOUND + ": " + hang.getMessage());
        }
        return end[0];
    }

    private static void check(Signal<?> end, Expected expected, Cluster.Provider p, List<String> problems) {
        if (expected.success()) {
            if (end.isOnError()) {
                problems.add("expected success, got " + end.getThrowable());
            }
            return;
        }
        if (!end.isOnError()) {
            problems.add("expected " + expected.error().getSimpleName() + ", got " + describe(end));
            return;
        }
        Throwable e = end.getThrowable();
        if (!expected.error().isInstance(e)) {
            problems.add("expected " + expected.error().getSimpleName() + ", got " + e);
        } else if (!expected.check().test((ApiException) e)) {
            problems.add("expected " + expected.error().getSimpleName() + " " + expected.detail() + ", got " + e);
        }
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String secret : p.secrets()) {
            if (trace.toString().contains(secret)) {
                problems.add("the error shows a credential: " + e);
            }
        }
    }

    private static String describe(Signal<?> end) {
        if (end.isOnError()) {
            Throwable e = end.getThrowable();
            String detail;
            if (e instanceof TransportException t) {
                detail = t.kind() + (t.requestSent() ? " sent" : " not sent");
            } else if (e instanceof RateLimitedException r) {
                detail = r.source() + " " + r.httpStatus() + r.retryAfter().map(d -> " Retry-After " + d.toSeconds() + " s").orElse("");
            } else if (e instanceof ApiException a) {
                detail = "HTTP " + a.httpStatus();
            } else {
                detail = String.valueOf(e.getMessage());
            }
            return e.getClass().getSimpleName() + " " + detail;
        }
        return end.isOnNext() ? "success" : "success (empty)";
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append("## Fault matrix: ").append(rows.size()).append(" cases, ")
                .append(rows.stream().filter(r -> r.problems().isEmpty()).count()).append(" as documented\n\n");
        sb.append("| provider | fault | method | call | expected | outcome | requests seen by the stub | verdict |\n");
        sb.append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (Row r : rows) {
            sb.append("| ").append(r.provider())
                    .append(" | ").append(r.fault())
                    .append(" | ").append(r.method())
                    .append(" | `").append(r.call()).append('`')
                    .append(" | ").append(r.expected().describe())
                    .append(" | ").append(r.outcome())
                    .append(" | ").append(r.requests()).append(r.extraLogins() > 0 ? " (+" + r.extraLogins() + " login)" : "")
                    .append(" | ").append(r.problems().isEmpty() ? "ok" : "**" + String.join("; ", r.problems()) + "**")
                    .append(" |\n");
        }
        return sb.toString();
    }
}
