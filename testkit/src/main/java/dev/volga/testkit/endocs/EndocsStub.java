package dev.volga.testkit.endocs;

import dev.volga.testkit.FaultRule;
import dev.volga.testkit.Faults;
import dev.volga.testkit.JournalAssertions;
import dev.volga.testkit.ProviderStub;
import dev.volga.testkit.Quota;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.SecretScan;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A stateful in-memory EnDocs Cloud server (the 2022 1C exchange API, 15 routes under {@code /api}),
 * written from the API reference's wire format, not from any client's classes.
 *
 * <ul>
 *   <li>Auth: {@code Authorization: Bearer <token>}; no header → 400 {@code #err-80}, no token → 400
 *       {@code #err-30}, unknown token → 401 {@code #err-40}, an unverifiable token → 400 "Could not
 *       validate token"; {@link #allAuthFailuresAs401(boolean)} switches to the public page's "always
 *       401". {@link #expireToken()} arms the rotation quirk: the next request with the token succeeds
 *       and silently replaces it, so the old one then gets {@code #err-40}.</li>
 *   <li>Quota per token (default: a token bucket of 300 per minute, i.e. 5 per second, with a burst
 *       of 10, from the public page's "300 requests per minute"): 429 with {@code Retry-After};
 *       configurable with {@link #quota(int, Duration, int)} or {@link #quota(Quota)}, read with
 *       {@link #quota()}.</li>
 *   <li>Errors as plain text with {@code #err-NN} (or another form, {@link #errorForm(ErrorForm)}).</li>
 *   <li>Scans, contracts, documents, organizations, counterparties and files in memory; feeds with
 *       {@code {"Key","Value"}} bodies, id cursors and the account's sync settings; upserts answering
 *       201 with the entity or 204, keyed by {@code ContractID}/{@code MetaID}/{@code EDIId}/{@code Ext_ID};
 *       an update copies only keys spelled exactly as the server's property names; files as base64
 *       inside JSON, 20 MiB per file ({@code #err-20}), 30,000,000 bytes per request (413).</li>
 * </ul>
 *
 * <p>Faults ({@link #faults()}) are written as EnDocs would, in the current {@link ErrorForm}:
 * {@link FaultRule#unauthorized} as 401 {@code #err-40}, {@link FaultRule#status} and
 * {@link FaultRule#tooManyRequests} as error texts, {@link FaultRule#malformedBody} as cut-off JSON.
 * {@link #verify()} asserts on the journal, {@link #reset()} clears everything between tests.
 *
 * <p>The same control surface answers JSON over HTTP under {@code /__admin} (seeding, read-back,
 * switches, tokens, reset; see {@code docs/testkit-admin.md}), for tests in any language.
 *
 * <p>Entities are kept as JSON objects with the server's PascalCase property names (as its C# model)
 * and written out in camelCase as System.Text.Json's camel-case policy does ({@code Ext_ID} →
 * {@code ext_ID}, {@code INN} → {@code inn}, {@code OCRtype} → {@code ocRtype}). Thread-safe.
 *
 * <pre>{@code
 * try (EndocsStub endocs = EndocsStub.start()) {
 *     long scan = endocs.addScan("bill.pdf", bytes, "manager@example.ru");
 *     // client.baseUrl(endocs.baseUrl()).token(Secret.of("token", endocs.token())) …
 * }
 * }</pre>
 */
public final class EndocsStub implements ProviderStub {

    /** The token a stub accepts unless told otherwise. */
    public static final String DEFAULT_TOKEN = "endocs-stub-token-0123456789";
    /**
     * The quota a stub starts with, per token: a token bucket of 300 per minute (5 per second) with a
     * burst of 10. The public page promises "300 requests per minute" per key without saying how it
     * counts; the 2022 server itself has no limiter.
     */
    public static final Quota DEFAULT_QUOTA = Quota.of(300, Duration.ofMinutes(1), 10);
    /** The largest file the server stores, decoded: 20 MiB. */
    public static final long MAX_FILE_SIZE = 20L * 1024 * 1024;
    /** The largest request body (ASP.NET Core's default): 30,000,000 bytes. */
    public static final int MAX_REQUEST_BODY = 30_000_000;

    /** The form in which error texts are sent. */
    public enum ErrorForm {
        /** {@code text/plain}: the 2022 server without an {@code Accept: application/json}. */
        PLAIN_TEXT,
        /** A JSON string literal: the 2022 server with {@code Accept: application/json}. */
        JSON_STRING,
        /** {@code {"error": "…"}}: the public documentation's wording. */
        ERROR_OBJECT,
        /** {@code {"message": "…"}}. */
        MESSAGE_OBJECT,
        /** ASP.NET ProblemDetails with the text as {@code title}. */
        PROBLEM_DETAILS
    }

    private final StubServer server;
    private final EndocsState state;
    private final EndocsWire wire;

    private EndocsStub(String token, int port) {
        SecretScan.register(token);
        this.state = new EndocsState(token);
        this.wire = new EndocsWire(state);
        this.server = StubServer.start(port);
        server.ownedBy(this);
        server.route("*", "/**", new EndocsRoutes(state, wire)::handle);
        server.faultDialect(wire.dialect());
        EndocsAdmin.register(this, state, server);
        quota(DEFAULT_QUOTA);
    }

    /**
     * Starts a stub on a free loopback port accepting {@link #DEFAULT_TOKEN}.
     *
     * @return the running stub
     */
    public static EndocsStub start() {
        return start(DEFAULT_TOKEN);
    }

    /**
     * Starts a stub on a free loopback port.
     *
     * @param token the token the account has
     * @return the running stub
     */
    public static EndocsStub start(String token) {
        return start(token, 0);
    }

    /**
     * Starts a stub on a given loopback port.
     *
     * @param token the token the account has
     * @param port the port, 0 for a free one
     * @return the running stub
     */
    public static EndocsStub start(String token, int port) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        return new EndocsStub(token, port);
    }

    /**
     * The faults injected into this stub: paths as recorded, compared without regard to case as
     * the server routes (e.g. {@code /api/output/getclientinfo} hits {@code /api/Output/GetClientInfo}).
     *
     * @return the faults
     */
    public Faults faults() {
        return server.faults().ignoringPathCase();
    }

    /**
     * Assertions on the journal, paths compared without regard to case as the server routes;
     * {@code noStaleToken()} fails for any request refused for a missing, unknown, unverifiable or
     * replaced token.
     *
     * @return the assertions
     */
    public JournalAssertions verify() {
        return JournalAssertions.of(server).ignoringPathCase()
                .withStaleTokens(r -> state.staleTokenRequests.contains(r.sequence()));
    }

    /**
     * The received requests matching a method and path pattern.
     *
     * @param method the method, or {@code "*"}
     * @param pathPattern the path pattern, e.g. {@code /api/output/getnewcontracts/**}
     * @return an immutable snapshot, in arrival order
     */
    public List<RecordedRequest> requests(String method, String pathPattern) {
        return server.requests(method, pathPattern);
    }

    /**
     * Every received request.
     *
     * @return an immutable snapshot, in arrival order
     */
    public List<RecordedRequest> journal() {
        return server.journal();
    }

    /**
     * Back to the state after start: forgets the journal, scripts, injected faults, the quota's
     * buckets and count, every entity, file and user, and every switch ({@link #errorForm},
     * {@link #blocked}, {@link #expireToken}, …); the token is the one the stub started with. The
     * quota setting ({@link #quota}, {@link #noQuota}) stays.
     */
    public void reset() {
        server.reset();
        state.reset();
    }

    /**
     * Forgets the journal, scripts, injected faults and the quota's buckets and count, but keeps
     * data and switches: for tests that share a seeded stub.
     */
    public void clearJournalAndFaults() {
        server.reset();
        state.staleTokenRequests.clear();
    }

    /** @return the base URL without the {@code /api} base path, e.g. {@code http://127.0.0.1:54321} */
    public String baseUrl() {
        return server.baseUrl();
    }

    /** @return the underlying server: its journal, scripted responses and faults */
    public StubServer server() {
        return server;
    }

    /** @return the token the account has now (changes when the rotation quirk fires) */
    public String token() {
        return state.token();
    }

    // ------------------------------------------------------------------ switches

    /**
     * The per-token quota: {@code permits} per {@code period}, up to {@code burst} back to back (a
     * token bucket). Beyond it: 429 with {@code Retry-After} in whole seconds. Resets the buckets and
     * the count of {@link #tooManyRequestsSent()}.
     *
     * @param permits requests per period, at least 1
     * @param period the period, positive
     * @param burst requests tolerated back to back, at least 1
     * @return this
     */
    public EndocsStub quota(int permits, Duration period, int burst) {
        return quota(Quota.of(permits, period, burst));
    }

    /**
     * The per-token quota given as a {@link Quota} (e.g. on a test's clock); its key is replaced by
     * the {@code Authorization} header. Resets the buckets and the count.
     *
     * @param quota the quota
     * @return this
     */
    public EndocsStub quota(Quota quota) {
        server.quota(quota.keyedBy(r -> r.header("Authorization").orElse("")));
        return this;
    }

    /**
     * The quota enforced now, as set (its key is the {@code Authorization} header).
     *
     * @return the quota, empty after {@link #noQuota()}
     */
    public Optional<Quota> quota() {
        return server.quota();
    }

    /** @return this stub without a quota */
    public EndocsStub noQuota() {
        server.noQuota();
        return this;
    }

    /** @return how many requests were refused with 429 by the quota since it was set or the stub reset */
    public int tooManyRequestsSent() {
        return server.quotaRefusals();
    }

    /**
     * @param value true for the public page's behaviour: every authentication failure is a 401
     * @return this
     */
    public EndocsStub allAuthFailuresAs401(boolean value) {
        synchronized (state) {
            state.allAuthAs401 = value;
        }
        return this;
    }

    /**
     * Arms the token-rotation quirk: the next request with the current token succeeds, and the server
     * silently replaces the token with a new one ({@link #token()}), so the old one then gets 401
     * {@code #err-40}.
     *
     * @return this
     */
    public EndocsStub expireToken() {
        synchronized (state) {
            state.rotateOnNextUse = true;
        }
        return this;
    }

    /**
     * Replaces the account's token with a new random one at once: requests with the old one get 401
     * {@code #err-40} from now on (an expiry armed by {@link #expireToken()} is dropped).
     *
     * @return the new token, also {@link #token()}
     */
    public String rotateToken() {
        return state.rotateToken();
    }

    /**
     * @param value a token the server knows but whose signature it cannot validate (400 "Could not validate token")
     * @return this
     */
    public EndocsStub unverifiableToken(String value) {
        state.unverifiableToken(value);
        return this;
    }

    /**
     * @param value how error texts are sent
     * @return this
     */
    public EndocsStub errorForm(ErrorForm value) {
        Objects.requireNonNull(value, "value");
        synchronized (state) {
            state.errorForm = value;
        }
        return this;
    }

    /**
     * @param value whether the account is blocked ({@code #err-50} on feeds, users and writes)
     * @return this
     */
    public EndocsStub blocked(boolean value) {
        synchronized (state) {
            state.blocked = value;
        }
        return this;
    }

    /**
     * @param value whether the storage quota is used up ({@code #err-60} on writes)
     * @return this
     */
    public EndocsStub storageQuotaExceeded(boolean value) {
        synchronized (state) {
            state.storageFull = value;
        }
        return this;
    }

    /**
     * @param value the lowest {@code Version1CExchange} accepted when a body sends one ({@code #err-10} below it)
     * @return this
     */
    public EndocsStub minimumExchangeVersion(int value) {
        synchronized (state) {
            state.minExchangeVersion = value;
        }
        return this;
    }

    /**
     * The account's 1C exchange settings.
     *
     * @param contractsOn sync contracts (off: the contracts feed answers {@code {"Key":0,"Value":null}})
     * @param invoicesOn sync incoming invoices
     * @param inputsOn sync purchase receipts
     * @param approvedOnly return only approved, executed, acknowledged or signed items
     * @return this
     */
    public EndocsStub syncSettings(boolean contractsOn, boolean invoicesOn, boolean inputsOn, boolean approvedOnly) {
        synchronized (state) {
            state.syncContracts = contractsOn;
            state.syncInvoices = invoicesOn;
            state.syncInputs = inputsOn;
            state.onlyApproved = approvedOnly;
        }
        return this;
    }

    /**
     * @param value true to write feed bodies as {@code {"key","value"}} (.NET 5+) instead of {@code {"Key","Value"}}
     * @return this
     */
    public EndocsStub lowercaseKeyValue(boolean value) {
        synchronized (state) {
            state.lowercaseKeyValue = value;
        }
        return this;
    }

    /**
     * @param value true to write {@code +} in base64 as {@code \u002B}, as System.Text.Json's default encoder does
     * @return this
     */
    public EndocsStub escapePlusInBase64(boolean value) {
        synchronized (state) {
            state.escapePlus = value;
        }
        return this;
    }

    /**
     * Answers the next {@code n} requests (any route, before any check) with an error text.
     *
     * @param n how many
     * @param status the status
     * @param text the error text, sent in the current {@link ErrorForm}
     * @return this
     */
    public EndocsStub failNext(int n, int status, String text) {
        for (int i = 0; i < n; i++) {
            server.enqueue(wire.error(status, text));
        }
        return this;
    }

    /**
     * Answers the next {@code n} requests with 429 and {@code Retry-After}.
     *
     * @param n how many
     * @param retryAfter the pause to ask for, whole seconds; null to send no {@code Retry-After}
     * @return this
     */
    public EndocsStub rateLimitNext(int n, Duration retryAfter) {
        for (int i = 0; i < n; i++) {
            StubResponse r = wire.error(429, "Too Many Requests");
            server.enqueue(retryAfter == null ? r : r.header("Retry-After", Long.toString(retryAfter.toSeconds())));
        }
        return this;
    }

    // ------------------------------------------------------------------ seeding and state

    /**
     * Adds a user of the account (users have no id of their own).
     *
     * @param email the e-mail
     * @param userName the display name
     * @param isBlocked whether the user is blocked
     */
    public void addUser(String email, String userName, boolean isBlocked) {
        state.addUser(email, userName, isBlocked);
    }

    /**
     * Adds an unprocessed scan with one file, as if it came by mail.
     *
     * @param fileName the file name
     * @param content the bytes
     * @param sender the sender's e-mail
     * @return the scan id
     */
    public long addScan(String fileName, byte[] content, String sender) {
        return addScan(fileName, content, sender, null);
    }

    /**
     * Adds an unprocessed scan with one file and an OCR state (scans "На распознавании" are not in the feed).
     *
     * @param fileName the file name
     * @param content the bytes
     * @param sender the sender's e-mail
     * @param ocrState the OCR state, or null
     * @return the scan id
     */
    public long addScan(String fileName, byte[] content, String sender, String ocrState) {
        return state.addScan(fileName, content, sender, ocrState);
    }

    /**
     * Adds a contract created in EnDocs (PascalCase keys as the server's model, e.g. {@code Name},
     * {@code State}, {@code Ext_ID}; an absent {@code Ext_ID} puts it in the new-contracts feed).
     *
     * @param fields the fields
     * @return the contract id
     */
    public long addContract(Map<String, ?> fields) {
        return state.addContract(fields);
    }

    /**
     * Adds an accounting document created in EnDocs (PascalCase keys; {@code DocTypeId} 14 puts it in
     * the invoices feed, 1 in the inputs feed while it has no {@code Ext_ID}).
     *
     * @param fields the fields
     * @return the document id
     */
    public long addDocument(Map<String, ?> fields) {
        return state.addDocument(fields);
    }

    /**
     * Attaches a file to an entity, replacing one of the same name (files have no id of their own).
     *
     * @param kind {@code MetaID}, {@code ContractID} or {@code NonFormID}
     * @param id the entity id
     * @param fileName the file name
     * @param content the bytes
     */
    public void addFile(String kind, long id, String fileName, byte[] content) {
        state.addFile(kind, id, fileName, content);
    }

    /**
     * @param id a scan id
     * @return the scan with PascalCase keys, if it exists (deleted ones too)
     */
    public Optional<Map<String, Object>> scan(long id) {
        return state.read(state.scans, id);
    }

    /**
     * @param id a contract id
     * @return the contract with PascalCase keys, if it exists
     */
    public Optional<Map<String, Object>> contract(long id) {
        return state.read(state.contracts, id);
    }

    /**
     * @param id a document id
     * @return the document with PascalCase keys, if it exists
     */
    public Optional<Map<String, Object>> document(long id) {
        return state.read(state.documents, id);
    }

    /** @return how many scans, contracts and documents exist (deleted scans included) */
    public int entityCount() {
        return state.entityCount();
    }

    /**
     * The files of an entity.
     *
     * @param kind {@code MetaID}, {@code ContractID} or {@code NonFormID}
     * @param id the entity id
     * @return file name to bytes, in order
     */
    public Map<String, byte[]> files(String kind, long id) {
        return state.files(kind, id);
    }

    /** Stops the server. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "EndocsStub[" + baseUrl() + "]";
    }

    /** System.Text.Json's camel-case policy (.NET Core 3.x), as the wire writes property names. */
    static String camel(String name) {
        return EndocsWire.camel(name);
    }

    /** The server's date parsing: several formats; a value with zero minutes and seconds moves to 12:00. */
    static String inputDate(String text) {
        return EndocsState.inputDate(text);
    }
}
