package dev.volga.hardening;

import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.DecodingException;
import dev.volga.api.NotFoundException;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.clodo.Format;
import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.FileSelector;
import dev.volga.hardening.FaultMatrixTest.Expected;
import dev.volga.hardening.FaultMatrixTest.Row;
import dev.volga.nodul.NodulClient;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.IntSupplier;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * Issue 21 items 4, 5, 7 and 8 as fault-matrix rows: hostile input from the caller (dot segments,
 * control characters) and from the server (a 200 without its root field, a hostile management URL).
 * Each row runs once against the cluster's stubs and reports what happened next to what is promised.
 */
final class ProviderHardeningRows {

    private static final String CRLF_TOKEN = "SECRET-crlf\r\nX-Evil: 1";

    private ProviderHardeningRows() {
    }

    static List<Row> all(Cluster cluster) {
        List<Row> rows = new ArrayList<>();
        EndocsStub endocs = cluster.endocsStub();
        ClodoStub clodo = cluster.clodoStub();

        // item 4: dot segments, against a stub that normalises them as nginx does
        endocs.server().normaliseDotSegments(true);
        try {
            rows.add(refused("EnDocs", "dot segment in an id (normalising server)", "files().byExtId(\"../GetMetaFileById/1\")",
                    "id", () -> cluster.endocs().files().byExtId("../GetMetaFileById/1").block(FaultMatrixTest.BOUND),
                    () -> endocs.journal().size(), Set.of(Cluster.ENDOCS_TOKEN)));
            rows.add(refused("EnDocs", "dot segment as request id (normalising server)", "feeds().newContracts().pull(0, \"..\")",
                    "requestId", () -> cluster.endocs().feeds().newContracts().pull(0, "..").block(FaultMatrixTest.BOUND),
                    () -> endocs.journal().size(), Set.of(Cluster.ENDOCS_TOKEN)));
            endocs.clearJournalAndFaults();
            rows.add(api("EnDocs", "dots that are no dot segment (normalising server)", "files().byExtId(\"doc.v1..final\")",
                    Expected.fails(NotFoundException.class, "#err-70 from its own route", e -> e.httpStatus() == 400 || e.httpStatus() == 404, 1),
                    cluster.endocs().files().byExtId("doc.v1..final"),
                    () -> endocs.requests("GET", "/api/File/GetFileByExtId/*").size(), Set.of(Cluster.ENDOCS_TOKEN)));
        } finally {
            endocs.server().normaliseDotSegments(false);
            endocs.clearJournalAndFaults();
        }

        // item 7: control characters in credentials and caller-supplied ids
        rows.add(refused("Nodul", "CR/LF in the token", "builder().token(\"…\\r\\n…\").build()", "token",
                () -> NodulClient.builder().baseUrl(cluster.nodulStub().baseUrl()).token(CRLF_TOKEN).build(),
                () -> 0, Set.of(CRLF_TOKEN, "SECRET-crlf")));
        rows.add(refused("EnDocs", "CR/LF in the token", "builder().token(Secret \"…\\r\\n…\").build()", "token",
                () -> EndocsClient.builder().baseUrl(endocs.baseUrl()).token(Secret.of("token", CRLF_TOKEN)).build(),
                () -> 0, Set.of(CRLF_TOKEN, "SECRET-crlf")));
        rows.add(refused("Clodo", "CR/LF in the key", "builder().key(Secret \"…\\r\\n…\").build()", "key",
                () -> ClodoClient.builder().authUrl(clodo.authUrl()).user("u").key(Secret.of("key", CRLF_TOKEN)).build(),
                () -> 0, Set.of(CRLF_TOKEN, "SECRET-crlf")));
        rows.add(refused("EnDocs", "CR/LF in a request id", "feeds().newContracts().pull(0, \"r\\r\\nforged\")", "requestId",
                () -> cluster.endocs().feeds().newContracts().pull(0, "r\r\nforged log line").block(FaultMatrixTest.BOUND),
                () -> endocs.journal().size(), Set.of("forged log line")));

        // item 5: a 200 without its root field or a required one
        clodo.clearJournalAndFaults();
        clodo.http().enqueue("GET", "/v1/billing/balance", StubResponse.json(200, "{}"));
        rows.add(api("Clodo", "200 without its root field: {}", "billing().balance()",
                Expected.fails(DecodingException.class, "naming billing.balance and balance",
                        e -> e.httpStatus() == 200 && e.getMessage().contains("billing.balance"), 1),
                cluster.clodo().billing().balance(), () -> clodo.requests("GET", "/v1/billing/balance").size(),
                Set.of(Cluster.CLODO_KEY)));
        clodo.http().enqueue("GET", "/v1/servers/*", StubResponse.json(200, "{\"server\":{\"name\":\"x\"}}"));
        rows.add(api("Clodo", "200 with a server without id", "servers().get(1)",
                Expected.fails(DecodingException.class, "naming servers.get and id",
                        e -> e.getMessage().contains("servers.get") && e.getMessage().contains("has no id"), 1),
                cluster.clodo().servers().get(1), () -> clodo.requests("GET", "/v1/servers/*").size(), Set.of(Cluster.CLODO_KEY)));
        clodo.clearJournalAndFaults();

        // item 8: hostile management URLs in the login answer; a fresh client, so that it logs in
        try (StubServer other = StubServer.start()) {
            other.fallback(req -> StubResponse.json(200, "{\"server\":{\"id\":1,\"name\":\"stolen\"}}"));
            rows.add(hostileLogin(clodo, other, "same host, another port", other.baseUrl() + "/v1"));
            rows.add(hostileLogin(clodo, other, "a query (?x=)", clodo.managementUrl() + "?x="));
            rows.add(hostileLogin(clodo, other, "user info", clodo.managementUrl().replace("://", "://u@")));
        }
        clodo.clearJournalAndFaults();
        return rows;
    }

    private static Row hostileLogin(ClodoStub clodo, StubServer other, String what, String url) {
        clodo.clearJournalAndFaults();
        other.reset();
        String token = "tok-hostile-" + Long.toHexString(System.nanoTime());
        clodo.http().enqueue("GET", "/", StubResponse.status(204).header("X-Auth-Token", token).header("X-Server-Management-Url", url));
        try (ClodoClient client = ClodoClient.builder().authUrl(clodo.authUrl()).user(Cluster.CLODO_USER)
                .key(Secret.of("key", Cluster.CLODO_KEY)).format(Format.JSON).rateLimits(RateLimitSettings.unlimited())
                .retry(Cluster.RETRY).build()) {
            Row row = api("Clodo", "login answer's management URL: " + what, "servers().get(1)",
                    Expected.fails(AuthenticationException.class, "management URL refused",
                            e -> e.getMessage().contains("management URL"), 1),
                    client.servers().get(1), () -> clodo.journal().size() + other.requestCount(), Set.of(Cluster.CLODO_KEY, token));
            if (other.requestCount() > 0) {
                List<String> problems = new ArrayList<>(row.problems());
                problems.add("the other server got " + other.requestCount() + " request(s)");
                return new Row(row.provider(), row.fault(), row.method(), row.call(), row.expected(), row.outcome(), row.requests(),
                        row.extraLogins(), List.copyOf(problems));
            }
            return row;
        }
    }

    /** A call that must be refused before any I/O with an IllegalArgumentException naming the parameter. */
    private static Row refused(String provider, String fault, String call, String parameter, Callable<?> action,
                               IntSupplier requests, Set<String> secrets) {
        int before = requests.getAsInt();
        Expected expected = new Expected(false, null, "IllegalArgumentException naming " + parameter + ", nothing sent",
                e -> false, 0, 0);
        List<String> problems = new ArrayList<>();
        String outcome;
        try {
            Object result = action.call();
            if (result instanceof AutoCloseable c) {
                c.close();
            }
            outcome = "accepted";
            problems.add("expected an IllegalArgumentException, the call was accepted");
        } catch (IllegalArgumentException e) {
            outcome = "IllegalArgumentException (" + parameter + ")";
            if (!e.getMessage().contains(parameter)) {
                problems.add("the message does not name " + parameter + ": " + e.getMessage());
            }
            secrets.forEach(s -> {
                if (e.getMessage().contains(s)) {
                    problems.add("the message echoes the value");
                }
            });
        } catch (Exception e) {
            outcome = e.getClass().getSimpleName();
            problems.add("expected an IllegalArgumentException, got " + e);
        }
        int sent = requests.getAsInt() - before;
        if (sent != 0) {
            problems.add("the stub saw " + sent + " request(s), expected 0");
        }
        return new Row(provider, fault, Cluster.Method.GET, call, expected, outcome, sent, 0, List.copyOf(problems));
    }

    /** A call that must end in a typed ApiException, after a given number of requests. */
    private static Row api(String provider, String fault, String call, Expected expected, Mono<?> action, IntSupplier requests,
                           Set<String> secrets) {
        List<String> problems = new ArrayList<>();
        String outcome;
        try {
            action.block(FaultMatrixTest.BOUND);
            outcome = "success";
            problems.add("expected " + expected.error().getSimpleName() + ", got success");
        } catch (RuntimeException e) {
            Throwable t = reactor.core.Exceptions.unwrap(e);
            outcome = t.getClass().getSimpleName() + (t instanceof ApiException a ? " HTTP " + a.httpStatus() : "");
            Predicate<ApiException> check = expected.check();
            if (!expected.error().isInstance(t)) {
                problems.add("expected " + expected.error().getSimpleName() + ", got " + t);
            } else if (!check.test((ApiException) t)) {
                problems.add("expected " + expected.error().getSimpleName() + " " + expected.detail() + ", got " + t);
            }
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            for (String s : secrets) {
                if (trace.toString().contains(s)) {
                    problems.add("the error shows a credential");
                }
            }
        }
        int sent = requests.getAsInt();
        if (sent != expected.requests()) {
            problems.add("the stub saw " + sent + " request(s), expected " + expected.requests());
        }
        return new Row(provider, fault, Cluster.Method.GET, call, expected, outcome, sent, 0, List.copyOf(problems));
    }
}
