package dev.volga.testkit.endocs;

import dev.volga.testkit.FaultDialect;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.Faults;
import dev.volga.testkit.JournalAssertions;
import dev.volga.testkit.Quota;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.SecretScan;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

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
 *   <li>Quota per token (default 300 per minute, a few back to back tolerated): 429 with
 *       {@code Retry-After}; configurable with {@link #quota(int, Duration, int)}.</li>
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
public final class EndocsStub implements AutoCloseable {

    /** The token a stub accepts unless told otherwise. */
    public static final String DEFAULT_TOKEN = "endocs-stub-token-0123456789";
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

    private static final Set<String> CONTRACT_PROPS = props("Type", "Name", "DocNumber", "DocDate", "ValidityPeriod",
            "Ext_ID", "Amount", "AmountWOVAT", "VAT", "Currency", "Comment", "Subject", "State");
    private static final Set<String> DOCUMENT_PROPS = props("Source", "DocNumber", "DocDate", "Amount", "AmountWOVAT",
            "AmountToPay", "VAT", "Currency", "DocNumTaxInvoice", "DocDateTaxInvoice", "DocNumInvoice", "DocDateInvoice",
            "DocTypeId", "Ext_ID", "State", "Comment", "Operation", "NotifyUser", "Paid", "Signed", "PaymentDate",
            "PaymentNumber", "PeriodFrom", "PeriodTo", "Reciever", "Address", "Delivery", "Contact", "TablePart",
            "CardData", "PackageID", "EDIId");
    private static final Set<String> DATE_PROPS = Set.of("DocDate", "ValidityPeriod", "PaymentDate", "PeriodFrom",
            "PeriodTo", "DocDateInvoice", "DocDateTaxInvoice", "Datetime1", "Datetime2", "Datetime3", "Datetime4");
    private static final Set<String> IN_RECOGNITION = Set.of("Отправка на распознавание", "На распознавании");
    private static final Set<String> APPROVED = Set.of("Согласовано", "Исполнено", "Ознакомлено", "Подписано");
    private static final Map<Integer, String> DOC_TYPES = Map.ofEntries(Map.entry(1, "Поступление"),
            Map.entry(2, "Реализация"), Map.entry(4, "Договор"), Map.entry(5, "Счет-фактура исходящий"),
            Map.entry(6, "Счет исходящий"), Map.entry(7, "Банк"), Map.entry(8, "Авансовый отчет"), Map.entry(9, "Отчет"),
            Map.entry(10, "Акт сверки"), Map.entry(11, "Входящая корреспонденция"),
            Map.entry(12, "Исходящая корреспонденция"), Map.entry(13, "Прочее"), Map.entry(14, "Счет входящий"),
            Map.entry(15, "Счет-фактура входящий"), Map.entry(16, "Необработанные"), Map.entry(19, "Служебная записка"));
    private static final int INVOICE_TYPE = 14;
    private static final int INPUT_TYPE = 1;
    private static final String UNSET = "0001-01-01T00:00:00Z";
    private static final DateTimeFormatter ZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'");
    private static final DateTimeFormatter UNZONED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    /** The server's input formats after {@code yyyy-MM-dd}, in its order; true when the format has a time. */
    private static final List<Map.Entry<DateTimeFormatter, Boolean>> INPUT_DATES = List.of(
            Map.entry(DateTimeFormatter.ofPattern("MM-dd-yyyy"), false),
            Map.entry(DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss"), true),
            Map.entry(DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm:ss"), true),
            Map.entry(DateTimeFormatter.ofPattern("dd.MM.yyyy"), false));

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final StubServer server;
    private final Object lock = new Object();

    // --- switches (guarded by lock) ---
    private String token;
    private final Set<String> unverifiable = new LinkedHashSet<>();
    private boolean rotateOnNextUse;
    private boolean allAuthAs401;
    private ErrorForm errorForm = ErrorForm.PLAIN_TEXT;
    private boolean blocked;
    private boolean storageFull;
    private int minExchangeVersion;
    private boolean syncContracts = true;
    private boolean syncInvoices = true;
    private boolean syncInputs = true;
    private boolean onlyApproved;
    private boolean lowercaseKeyValue;
    private boolean escapePlus;
    private final String initialToken;
    /** Sequence numbers of requests refused for a missing, unknown, unverifiable or replaced token. */
    private final Set<Long> staleTokenRequests = Collections.synchronizedSet(new HashSet<>());

    // --- data (guarded by lock) ---
    private long nextId = 100;
    private final Map<Long, ObjectNode> scans = new TreeMap<>();
    private final Map<Long, ObjectNode> contracts = new TreeMap<>();
    private final Map<Long, ObjectNode> documents = new TreeMap<>();
    private final Map<Long, ObjectNode> organizations = new TreeMap<>();
    private final Map<Long, ObjectNode> contractors = new TreeMap<>();
    private final Map<String, List<StoredFile>> files = new HashMap<>();
    private final List<ObjectNode> users = new ArrayList<>();

    private record StoredFile(String name, byte[] content) {
    }

    private EndocsStub(String token, int port) {
        this.token = token;
        SecretScan.register(token);
        this.initialToken = token;
        this.server = StubServer.start(port);
        server.route("*", "/**", this::handle);
        server.faultDialect(new Dialect());
        quota(300, Duration.ofMinutes(1), 10);
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
                .withStaleTokens(r -> staleTokenRequests.contains(r.sequence()));
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
        staleTokenRequests.clear();
        synchronized (lock) {
            token = initialToken;
            unverifiable.clear();
            rotateOnNextUse = false;
            allAuthAs401 = false;
            errorForm = ErrorForm.PLAIN_TEXT;
            blocked = false;
            storageFull = false;
            minExchangeVersion = 0;
            syncContracts = true;
            syncInvoices = true;
            syncInputs = true;
            onlyApproved = false;
            lowercaseKeyValue = false;
            escapePlus = false;
            nextId = 100;
            scans.clear();
            contracts.clear();
            documents.clear();
            organizations.clear();
            contractors.clear();
            files.clear();
            users.clear();
        }
    }

    /**
     * Forgets the journal, scripts, injected faults and the quota's buckets and count, but keeps
     * data and switches: for tests that share a seeded stub.
     */
    public void clearJournalAndFaults() {
        server.reset();
        staleTokenRequests.clear();
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
        synchronized (lock) {
            return token;
        }
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
        synchronized (lock) {
            allAuthAs401 = value;
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
        synchronized (lock) {
            rotateOnNextUse = true;
        }
        return this;
    }

    /**
     * @param value a token the server knows but whose signature it cannot validate (400 "Could not validate token")
     * @return this
     */
    public EndocsStub unverifiableToken(String value) {
        synchronized (lock) {
            unverifiable.add(Objects.requireNonNull(value, "value"));
            SecretScan.register(value);
        }
        return this;
    }

    /**
     * @param value how error texts are sent
     * @return this
     */
    public EndocsStub errorForm(ErrorForm value) {
        synchronized (lock) {
            errorForm = Objects.requireNonNull(value, "value");
        }
        return this;
    }

    /**
     * @param value whether the account is blocked ({@code #err-50} on feeds, users and writes)
     * @return this
     */
    public EndocsStub blocked(boolean value) {
        synchronized (lock) {
            blocked = value;
        }
        return this;
    }

    /**
     * @param value whether the storage quota is used up ({@code #err-60} on writes)
     * @return this
     */
    public EndocsStub storageQuotaExceeded(boolean value) {
        synchronized (lock) {
            storageFull = value;
        }
        return this;
    }

    /**
     * @param value the lowest {@code Version1CExchange} accepted when a body sends one ({@code #err-10} below it)
     * @return this
     */
    public EndocsStub minimumExchangeVersion(int value) {
        synchronized (lock) {
            minExchangeVersion = value;
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
        synchronized (lock) {
            syncContracts = contractsOn;
            syncInvoices = invoicesOn;
            syncInputs = inputsOn;
            onlyApproved = approvedOnly;
        }
        return this;
    }

    /**
     * @param value true to write feed bodies as {@code {"key","value"}} (.NET 5+) instead of {@code {"Key","Value"}}
     * @return this
     */
    public EndocsStub lowercaseKeyValue(boolean value) {
        synchronized (lock) {
            lowercaseKeyValue = value;
        }
        return this;
    }

    /**
     * @param value true to write {@code +} in base64 as {@code \u002B}, as System.Text.Json's default encoder does
     * @return this
     */
    public EndocsStub escapePlusInBase64(boolean value) {
        synchronized (lock) {
            escapePlus = value;
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
            server.enqueue(error(status, text));
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
            StubResponse r = error(429, "Too Many Requests");
            server.enqueue(retryAfter == null ? r : r.header("Retry-After", Long.toString(retryAfter.toSeconds())));
        }
        return this;
    }

    // ------------------------------------------------------------------ seeding and state

    /**
     * Adds a user of the account.
     *
     * @param email the e-mail
     * @param userName the display name
     * @param isBlocked whether the user is blocked
     * @return this
     */
    public EndocsStub addUser(String email, String userName, boolean isBlocked) {
        ObjectNode u = nodes.objectNode().put("email", email).put("blocked", isBlocked).put("userName", userName);
        synchronized (lock) {
            users.add(u);
        }
        return this;
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
        synchronized (lock) {
            long id = nextId++;
            ObjectNode s = nodes.objectNode();
            s.put("Id", id).put("FileName", fileName).put("FileSize", content.length).put("Sender", sender)
                    .put("OcrState", ocrState).put("Deleted", false).put("Declined", false)
                    .put("Created", now()).put("Modified", now());
            scans.put(id, s);
            files.put("NonFormID:" + id, new ArrayList<>(List.of(new StoredFile(fileName, content.clone()))));
            return id;
        }
    }

    /**
     * Adds a contract created in EnDocs (PascalCase keys as the server's model, e.g. {@code Name},
     * {@code State}, {@code Ext_ID}; an absent {@code Ext_ID} puts it in the new-contracts feed).
     *
     * @param fields the fields
     * @return the contract id
     */
    public long addContract(Map<String, ?> fields) {
        synchronized (lock) {
            long id = nextId++;
            ObjectNode c = mapper.valueToTree(fields);
            c.put("Id", id).put("DocTypeId", 4).put("DocType", "Договор").put("Created", now()).put("Modified", now());
            if (!c.has("Deleted")) {
                c.put("Deleted", false);
            }
            contracts.put(id, c);
            return id;
        }
    }

    /**
     * Adds an accounting document created in EnDocs (PascalCase keys; {@code DocTypeId} 14 puts it in
     * the invoices feed, 1 in the inputs feed while it has no {@code Ext_ID}).
     *
     * @param fields the fields
     * @return the document id
     */
    public long addDocument(Map<String, ?> fields) {
        synchronized (lock) {
            long id = nextId++;
            ObjectNode d = mapper.valueToTree(fields);
            d.put("Id", id).put("Created", now()).put("Modified", now());
            if (!d.has("Deleted")) {
                d.put("Deleted", false);
            }
            if (d.has("DocTypeId")) {
                d.put("DocType", DOC_TYPES.get(d.get("DocTypeId").asInt()));
            }
            documents.put(id, d);
            return id;
        }
    }

    /**
     * Attaches a file to an entity.
     *
     * @param kind {@code MetaID}, {@code ContractID} or {@code NonFormID}
     * @param id the entity id
     * @param fileName the file name
     * @param content the bytes
     * @return this
     */
    public EndocsStub addFile(String kind, long id, String fileName, byte[] content) {
        synchronized (lock) {
            putFile(kind + ":" + id, fileName, content.clone());
        }
        return this;
    }

    /**
     * @param id a scan id
     * @return the scan with PascalCase keys, if it exists (deleted ones too)
     */
    public Optional<Map<String, Object>> scan(long id) {
        synchronized (lock) {
            return Optional.ofNullable(scans.get(id)).map(this::toMap);
        }
    }

    /**
     * @param id a contract id
     * @return the contract with PascalCase keys, if it exists
     */
    public Optional<Map<String, Object>> contract(long id) {
        synchronized (lock) {
            return Optional.ofNullable(contracts.get(id)).map(this::toMap);
        }
    }

    /**
     * @param id a document id
     * @return the document with PascalCase keys, if it exists
     */
    public Optional<Map<String, Object>> document(long id) {
        synchronized (lock) {
            return Optional.ofNullable(documents.get(id)).map(this::toMap);
        }
    }

    /** @return how many scans, contracts and documents exist (deleted scans included) */
    public int entityCount() {
        synchronized (lock) {
            return scans.size() + contracts.size() + documents.size();
        }
    }

    /**
     * The files of an entity.
     *
     * @param kind {@code MetaID}, {@code ContractID} or {@code NonFormID}
     * @param id the entity id
     * @return file name to bytes, in order
     */
    public Map<String, byte[]> files(String kind, long id) {
        synchronized (lock) {
            Map<String, byte[]> out = new LinkedHashMap<>();
            for (StoredFile f : files.getOrDefault(kind + ":" + id, List.of())) {
                out.put(f.name(), f.content());
            }
            return out;
        }
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

    // ------------------------------------------------------------------ dispatch

    private StubResponse handle(RecordedRequest req) {
        String[] seg = req.path().split("/");
        // "", "api", controller, action, params…
        if (seg.length < 4 || !seg[1].equalsIgnoreCase("api")) {
            return StubResponse.status(404);
        }
        String route = (seg[2] + "/" + seg[3]).toLowerCase(Locale.ROOT);
        List<String> params = new ArrayList<>();
        for (int i = 4; i < seg.length; i++) {
            params.add(java.net.URLDecoder.decode(seg[i], StandardCharsets.UTF_8));
        }
        synchronized (lock) {
            try {
                return dispatch(req, route, params);
            } catch (Reject r) {
                return r.response;
            }
        }
    }

    private StubResponse dispatch(RecordedRequest req, String route, List<String> p) {
        boolean get = req.method().equals("GET");
        switch (route) {
            case "output/getclientinfo" -> {
                expect(get, p.size() == 0);
                auth(req);
                return json(200, clientInfo());
            }
            case "output/getclientusers" -> {
                expect(get, p.size() == 0);
                auth(req);
                notBlocked();
                ArrayNode arr = nodes.arrayNode();
                users.stream().sorted(Comparator.comparing(u -> u.get("email").asString())).forEach(arr::add);
                return json(200, arr);
            }
            case "output/getnonformdoc", "output/getnewcontracts", "output/getnewinvoices", "output/getnewinputs" -> {
                expect(get, p.size() == 2);
                long docId = intParam(p.get(0));
                auth(req);
                notBlocked();
                return json(200, feed(route, docId));
            }
            case "file/getfilebyextid" -> {
                expect(get, p.size() == 1);
                auth(req);
                return fileCollection(byExtId(p.get(0)), "File not found ( #err-70)");
            }
            case "file/getfilebyextintid" -> {
                expect(get, p.size() == 2);
                auth(req);
                return fileCollection(byKind(p.get(0), p.get(1)), "File not found ( #err-70)");
            }
            case "file/getmetafilebyid" -> {
                expect(get, p.size() == 1);
                long id = intParam(p.get(0));
                auth(req);
                return fileCollection(files.get("MetaID:" + id), "Files not found ( #err-70)");
            }
            case "file/getcontractfilebyid" -> {
                expect(get, p.size() == 1);
                long id = intParam(p.get(0));
                auth(req);
                return fileCollection(files.get("ContractID:" + id), "Files not found ( #err-70)");
            }
            case "contract/addorupdatecontract" -> {
                expect(!get, p.isEmpty());
                return upsertContract(req, body(req));
            }
            case "metadata/addorupdateextdoc" -> {
                expect(!get, p.isEmpty());
                return upsertDocument(req, body(req), false);
            }
            case "metadata/addorupdatelocaldoc" -> {
                expect(!get, p.isEmpty());
                return upsertDocument(req, body(req), true);
            }
            case "metadata/addorupdatenonformdoc" -> {
                expect(!get, p.isEmpty());
                return uploadScan(req, body(req));
            }
            case "metadata/docapproval" -> {
                expect(!get, p.isEmpty());
                return approval(req, body(req));
            }
            default -> {
                return StubResponse.status(404);
            }
        }
    }

    /** Ends request handling with a response. */
    private static final class Reject extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient StubResponse response;

        Reject(StubResponse response) {
            super(null, null, false, false);
            this.response = response;
        }
    }

    private Reject reject(int status, String text) {
        return new Reject(error(status, text));
    }

    private static void expect(boolean methodOk, boolean paramsOk) {
        if (!paramsOk) {
            throw new Reject(StubResponse.status(404));
        }
        if (!methodOk) {
            throw new Reject(StubResponse.status(405));
        }
    }

    private long intParam(String value) {
        try {
            return Long.parseLong(value); // ids are int64 (document ids do pass 2^31)
        } catch (NumberFormatException e) {
            throw new Reject(problem("The value '" + value + "' is not valid."));
        }
    }

    private void auth(RecordedRequest req) {
        Optional<String> header = req.header("Authorization");
        if (header.isEmpty()) {
            staleTokenRequests.add(req.sequence());
            throw reject(allAuthAs401 ? 401 : 400, "No Authorization header ( #err-80)");
        }
        String h = header.get();
        if (!h.startsWith("Bearer ") || h.substring(7).isBlank()) {
            staleTokenRequests.add(req.sequence());
            throw reject(allAuthAs401 ? 401 : 400, "No token received ( #err-30)");
        }
        String presented = h.substring(7);
        if (unverifiable.contains(presented)) {
            staleTokenRequests.add(req.sequence());
            throw reject(allAuthAs401 ? 401 : 400, "Could not validate token");
        }
        if (!presented.equals(token)) {
            staleTokenRequests.add(req.sequence());
            throw reject(401, "Could not find any client for this token ( #err-40)");
        }
        if (rotateOnNextUse) {
            rotateOnNextUse = false;
            token = "rotated-" + UUID.randomUUID();
        }
    }

    private void notBlocked() {
        if (blocked) {
            throw reject(400, "Client is blocked ( #err-50)");
        }
    }

    private void writable(ObjectNode body) {
        notBlocked();
        JsonNode v = ci(body, "Version1CExchange");
        if (v != null && v.isNumber() && v.asInt() < minExchangeVersion) {
            throw reject(400, "Need update 1C configuration version ( #err-10)");
        }
        if (storageFull) {
            throw reject(400, "Storage quota excceeded ( #err-60)");
        }
    }

    private ObjectNode body(RecordedRequest req) {
        byte[] raw = req.body();
        if (raw.length > MAX_REQUEST_BODY) {
            throw new Reject(StubResponse.status(413));
        }
        String type = req.header("Content-Type").orElse("");
        if (!type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Reject(StubResponse.status(415));
        }
        if (raw.length == 0) {
            throw new Reject(problem("A non-empty request body is required."));
        }
        try {
            JsonNode node = mapper.readTree(raw);
            if (!node.isObject()) {
                throw new Reject(problem("The JSON value could not be converted."));
            }
            return (ObjectNode) node;
        } catch (JacksonException e) {
            throw new Reject(problem("The JSON value could not be converted."));
        }
    }

    // ------------------------------------------------------------------ routes

    private ObjectNode clientInfo() {
        ObjectNode c = nodes.objectNode();
        c.put("id", 12).putNull("name").putNull("token").put("tokenExpires", UNSET).put("storageQuota", 5.0)
                .put("storageUsed", 120.5).put("usersQuota", 10).put("usersUsed", users.size()).put("blocked", blocked)
                .putNull("inn").putNull("kpp").putNull("bik").putNull("legalName").putNull("email").putNull("billTo")
                .putNull("blockDate").putNull("tariffId").putNull("unicPerms").put("created", UNSET).putNull("phone")
                .putNull("lastLogin").putNull("ocrQuota").putNull("ocrUsed");
        return c;
    }

    private ObjectNode feed(String route, long docId) {
        ArrayNode items = nodes.arrayNode();
        int count;
        boolean off = switch (route) {
            case "output/getnewcontracts" -> !syncContracts;
            case "output/getnewinvoices" -> !syncInvoices;
            case "output/getnewinputs" -> !syncInputs;
            default -> false;
        };
        if (off) {
            return keyValue(0, null);
        }
        if (route.equals("output/getnonformdoc")) {
            List<ObjectNode> selected = scans.values().stream()
                    .filter(s -> !s.path("Deleted").asBoolean(false))
                    .filter(s -> !IN_RECOGNITION.contains(s.path("OcrState").asString("")))
                    .filter(s -> docId <= 0 || s.get("Id").asLong() > docId)
                    .sorted(Comparator.comparing((ObjectNode s) -> s.get("Created").asString())
                            .thenComparing(s -> s.get("Id").asLong()).reversed())
                    .toList();
            count = selected.size();
            for (ObjectNode s : selected) {
                for (StoredFile f : files.getOrDefault("NonFormID:" + s.get("Id").asLong(), List.of())) {
                    items.add(scanRow(s, f));
                }
            }
        } else if (route.equals("output/getnewcontracts")) {
            List<ObjectNode> selected = contracts.values().stream()
                    .filter(c -> blank(c.get("Ext_ID")) && !c.path("Deleted").asBoolean(false))
                    .filter(c -> c.get("Id").asLong() > docId)
                    .filter(c -> !onlyApproved || APPROVED.contains(c.path("State").asString("")))
                    .toList();
            count = selected.size();
            selected.forEach(c -> items.add(contractJson(c, false)));
        } else {
            int type = route.equals("output/getnewinvoices") ? INVOICE_TYPE : INPUT_TYPE;
            List<ObjectNode> selected = documents.values().stream()
                    .filter(d -> d.path("DocTypeId").asInt(0) == type)
                    .filter(d -> blank(d.get("Ext_ID")) && !d.path("Deleted").asBoolean(false))
                    .filter(d -> d.get("Id").asLong() > docId)
                    .filter(d -> !onlyApproved || APPROVED.contains(d.path("State").asString("")))
                    .toList();
            count = selected.size();
            selected.forEach(d -> items.add(documentJson(d, false)));
        }
        return keyValue(count, items);
    }

    private ObjectNode keyValue(int count, ArrayNode value) {
        ObjectNode kv = nodes.objectNode();
        kv.put(lowercaseKeyValue ? "key" : "Key", count);
        if (value == null) {
            kv.putNull(lowercaseKeyValue ? "value" : "Value");
        } else {
            kv.set(lowercaseKeyValue ? "value" : "Value", value);
        }
        return kv;
    }

    private ObjectNode scanRow(ObjectNode s, StoredFile f) {
        ObjectNode r = nodes.objectNode();
        r.put("id", s.get("Id").asLong()).put("fileName", f.name()).put("fileSize", f.content().length)
                .put("created", s.get("Created").asString()).put("modified", s.get("Modified").asString())
                .set("sender", s.get("Sender"));
        r.set("organization", s.has("OrganizationId") && !s.get("OrganizationId").isNull()
                ? orgJson(organizations.get(s.get("OrganizationId").asLong())) : nodes.nullNode());
        r.set("docTypeId", s.path("DocTypeId").isMissingNode() ? nodes.nullNode() : s.get("DocTypeId"));
        r.putNull("docTypeName").putNull("ocRtype").putNull("docNumber");
        r.set("docDate", s.path("DocDate").isMissingNode() ? nodes.nullNode() : s.get("DocDate"));
        r.set("amount", s.path("Amount").isMissingNode() ? nodes.nullNode() : s.get("Amount"));
        r.putNull("amountWOVAT").putNull("vat").putNull("amountToPay").put("currency", "RUB").putNull("docNumTaxInvoice")
                .putNull("docDateTaxInvoice").putNull("docNumInvoice").putNull("docDateInvoice").putNull("tablePart")
                .putNull("amountTotal").putNull("contractor").putNull("fileBase64").putNull("blobUrl").put("metaId", 0)
                .put("contractId", 0).put("nonFormDocId", 0).putNull("hasSignature");
        return r;
    }

    private StubResponse fileCollection(List<StoredFile> found, String notFound) {
        if (found == null || found.isEmpty()) {
            throw reject(400, notFound);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"binaries\":[".getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < found.size(); i++) {
            StoredFile f = found.get(i);
            out.writeBytes((i == 0 ? "{\"fileName\":" : ",{\"fileName\":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(mapper.writeValueAsBytes(f.name()));
            out.writeBytes(",\"fileBase64\":\"".getBytes(StandardCharsets.US_ASCII));
            byte[] b64 = Base64.getEncoder().encode(f.content());
            if (escapePlus) {
                for (byte b : b64) {
                    if (b == '+') {
                        out.writeBytes("\\u002B".getBytes(StandardCharsets.US_ASCII));
                    } else {
                        out.write(b);
                    }
                }
            } else {
                out.writeBytes(b64);
            }
            out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("]}".getBytes(StandardCharsets.US_ASCII));
        return StubResponse.status(200).header("Content-Type", "application/json; charset=utf-8").body(out.toByteArray());
    }

    private List<StoredFile> byExtId(String id) {
        try {
            long n = Long.parseLong(id);
            List<StoredFile> scanFiles = files.get("NonFormID:" + n);
            ObjectNode s = scans.get(n);
            if (s != null && !s.path("Deleted").asBoolean(false) && scanFiles != null) {
                return scanFiles;
            }
        } catch (NumberFormatException notNumber) {
            // a 1C id
        }
        return byOneCId(id);
    }

    private List<StoredFile> byOneCId(String id) {
        for (ObjectNode d : documents.values()) {
            if (id.equals(text(d.get("Ext_ID")))) {
                return files.get("MetaID:" + d.get("Id").asLong());
            }
        }
        for (ObjectNode c : contracts.values()) {
            if (id.equals(text(c.get("Ext_ID")))) {
                return files.get("ContractID:" + c.get("Id").asLong());
            }
        }
        return null;
    }

    private List<StoredFile> byKind(String id, String kind) {
        if (kind.equals("ExtID")) {
            return byOneCId(id);
        }
        if (!Set.of("NonFormID", "MetaID", "ContractID").contains(kind)) {
            throw reject(400, "File not found ( #err-70)");
        }
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw reject(400, "Id is not int");
        }
        return files.get(kind + ":" + n);
    }

    private StubResponse upsertContract(RecordedRequest req, ObjectNode body) {
        auth(req);
        required(body, "RequestID", "Field RequestID is required");
        required(body, "Name", "Field Name is required");
        ObjectNode contractorIn = object(body, "Contractor");
        ObjectNode orgIn = object(body, "Organization");
        if (contractorIn == null || blank(ci(contractorIn, "Ext_ID")) || orgIn == null || blank(ci(orgIn, "Ext_ID"))) {
            throw reject(400, "Field Contractor is required");
        }
        writable(body);
        ObjectNode org = upsertOrganization(orgIn);
        ObjectNode contractor = upsertContractor(contractorIn, org);
        ObjectNode existing = null;
        JsonNode contractId = ci(body, "ContractID");
        if (contractId != null && !contractId.isNull() && contractId.asLong() != 0) {
            existing = contracts.get(contractId.asLong());
            if (existing == null) {
                throw reject(400, "No Contract document was found");
            }
        } else if (!blank(ci(body, "Ext_ID"))) {
            String ext = text(ci(body, "Ext_ID"));
            existing = contracts.values().stream().filter(c -> ext.equals(text(c.get("Ext_ID")))
                    && org.get("Id").asLong() == c.path("OrganizationId").asLong()).findFirst().orElse(null);
        }
        List<StoredFile> newFiles = binaries(body, existing == null);
        if (existing != null) {
            copyExact(body, existing, CONTRACT_PROPS);
            existing.put("ContractorId", contractor.get("Id").asLong()).put("Modified", now()).put("ModifiedBy", "ExternalSystem");
            long existingId = existing.get("Id").asLong();
            newFiles.forEach(f -> putFile("ContractID:" + existingId, f.name(), f.content()));
            return StubResponse.status(204);
        }
        long id = nextId++;
        ObjectNode c = nodes.objectNode();
        c.put("Id", id);
        copyCaseInsensitive(body, c, CONTRACT_PROPS);
        c.put("DocTypeId", 4).put("DocType", "Договор").put("OrganizationId", org.get("Id").asLong())
                .put("ContractorId", contractor.get("Id").asLong()).put("Deleted", false)
                .put("Created", now()).put("Modified", now()).put("CreatedBy", "ExternalSystem").put("ModifiedBy", "ExternalSystem");
        if (blank(c.get("State"))) {
            c.put("State", "Проведено в 1С");
        }
        contracts.put(id, c);
        newFiles.forEach(f -> putFile("ContractID:" + id, f.name(), f.content()));
        moveScanFile(body, "ContractID:" + id);
        return json(201, contractJson(c, true)).header("Location", "/api/Contract/AddOrUpdateContract");
    }

    private StubResponse upsertDocument(RecordedRequest req, ObjectNode body, boolean local) {
        auth(req);
        required(body, "RequestID", "Field RequestID is required");
        ObjectNode orgIn = object(body, "Organization");
        if (orgIn == null || blank(ci(orgIn, "Ext_ID"))) {
            throw reject(400, "Field Organization is required");
        }
        if (!local) {
            JsonNode type = ci(body, "DocTypeId");
            if (type == null || !type.isNumber() || type.asInt() == 0) {
                throw reject(400, "Field DocType is required");
            }
            JsonNode source = ci(body, "Source");
            if (blank(source)) {
                throw reject(400, "Field Source is required");
            }
            if (!Set.of("Входящий", "Исходящий").contains(text(source))) {
                throw reject(400, "Field Source value incorrect");
            }
        }
        writable(body);
        ObjectNode org = upsertOrganization(orgIn);
        ObjectNode contractorIn = object(body, "Contractor");
        ObjectNode contractor = contractorIn == null ? null : upsertContractor(contractorIn, org);
        ObjectNode contractIn = object(body, "Contract");
        ObjectNode contract = contractIn == null ? null : upsertContractRef(contractIn, org, contractor);
        ObjectNode existing = null;
        if (!local) {
            JsonNode metaId = ci(body, "MetaID");
            if (metaId != null && !metaId.isNull() && metaId.asLong() != 0) {
                existing = documents.get(metaId.asLong());
                if (existing == null) {
                    throw reject(400, "No Metadata document was found");
                }
            }
            if (existing == null && !blank(ci(body, "EDIId"))) {
                String edi = text(ci(body, "EDIId"));
                existing = documents.values().stream().filter(d -> edi.equals(text(d.get("EDIId")))).findFirst().orElse(null);
            }
        }
        if (existing == null && !blank(ci(body, "Ext_ID"))) {
            String ext = text(ci(body, "Ext_ID"));
            existing = documents.values().stream().filter(d -> ext.equals(text(d.get("Ext_ID")))).findFirst().orElse(null);
        }
        List<StoredFile> newFiles = binaries(body, existing == null);
        if (existing != null) {
            Set<String> props = new LinkedHashSet<>(DOCUMENT_PROPS);
            if (local) {
                props.remove("Source");
            }
            copyExact(body, existing, props);
            if (contractor != null) {
                existing.put("ContractorId", contractor.get("Id").asLong());
            }
            if (contract != null) {
                existing.put("ContractId", contract.get("Id").asLong());
            }
            existing.put("Modified", now()).put("ModifiedBy", "ExternalSystem");
            ObjectNode target = existing;
            newFiles.forEach(f -> putFile("MetaID:" + target.get("Id").asLong(), f.name(), f.content()));
            return StubResponse.status(204);
        }
        long id = nextId++;
        ObjectNode d = nodes.objectNode();
        d.put("Id", id);
        copyCaseInsensitive(body, d, DOCUMENT_PROPS);
        if (local) {
            d.put("Source", "Внутренний");
        }
        d.put("OrganizationId", org.get("Id").asLong()).put("Deleted", false).put("Created", now()).put("Modified", now())
                .put("CreatedBy", "ExternalSystem").put("ModifiedBy", "ExternalSystem");
        if (d.has("DocTypeId")) {
            d.put("DocType", DOC_TYPES.get(d.get("DocTypeId").asInt()));
        }
        if (contractor != null) {
            d.put("ContractorId", contractor.get("Id").asLong());
        }
        if (contract != null) {
            d.put("ContractId", contract.get("Id").asLong());
        }
        if (blank(d.get("State"))) {
            d.put("State", "Проведено в 1С");
        }
        documents.put(id, d);
        newFiles.forEach(f -> putFile("MetaID:" + id, f.name(), f.content()));
        moveScanFile(body, "MetaID:" + id);
        return json(201, documentJson(d, true)).header("Location", "/api/Metadata/" + (local ? "AddOrUpdateLocalDoc" : "AddOrUpdateExtDoc"));
    }

    private StubResponse uploadScan(RecordedRequest req, ObjectNode body) {
        // file checks run before auth on this route
        JsonNode bins = ci(body, "Binaries");
        if (bins == null || !bins.isArray() || bins.isEmpty()) {
            throw reject(400, "File is required");
        }
        List<StoredFile> decoded = binaries(body, true);
        required(body, "RequestID", "Field RequestID is required");
        auth(req);
        long id = nextId++;
        ObjectNode s = nodes.objectNode();
        StoredFile first = decoded.get(0);
        s.put("Id", id).set("RequestID", ci(body, "RequestID"));
        for (String key : List.of("DocTypeId", "OrganizationId", "Sender", "Comment", "Amount", "ContractorId")) {
            JsonNode v = ci(body, key);
            if (v != null) {
                s.set(key, v);
            }
        }
        JsonNode date = ci(body, "DocDate");
        if (date != null && date.isString()) {
            s.put("DocDate", inputDate(date.asString()));
        }
        s.put("FileName", first.name()).put("FileSize", first.content().length).put("Deleted", false).put("Declined", false)
                .put("Created", now()).put("Modified", now());
        scans.put(id, s);
        files.put("NonFormID:" + id, new ArrayList<>(List.of(first)));
        ObjectNode out = nodes.objectNode();
        for (Map.Entry<String, JsonNode> e : s.properties()) {
            out.set(camel(e.getKey()), e.getValue());
        }
        out.put("fileExists", true).putNull("binaries").put("clientId", 12).putNull("client").putNull("ocrState");
        return json(201, out).header("Location", "/api/Metadata/AddOrUpdateNonFormDoc");
    }

    private StubResponse approval(RecordedRequest req, ObjectNode body) {
        auth(req);
        notBlocked();
        JsonNode approved = ci(body, "Approved");
        if (approved != null && approved.asBoolean(false)) {
            throw reject(400, "Wrong approval for document was found");
        }
        JsonNode id = ci(body, "NonFormID");
        if (id == null || !id.isNumber() || id.asLong() == 0) {
            throw reject(400, "Field NonFormID is required");
        }
        ObjectNode s = scans.get(id.asLong());
        if (s == null || s.path("Deleted").asBoolean(false)) {
            throw reject(400, "No NonFormDoc with id " + id.asLong() + " was found");
        }
        s.put("Declined", true).put("Deleted", true).put("Modified", now());
        JsonNode approver = ci(body, "Approver");
        s.put("DeclinedBy", approver == null ? null : approver.asString(null));
        JsonNode comment = ci(body, "Comment");
        if (comment != null) {
            s.set("DeclineComment", comment);
        }
        return StubResponse.status(200).header("Content-Type", "text/plain; charset=utf-8").body("Success");
    }

    // ------------------------------------------------------------------ entity helpers

    private ObjectNode upsertOrganization(ObjectNode in) {
        String ext = text(ci(in, "Ext_ID"));
        ObjectNode found = organizations.values().stream().filter(o -> ext.equals(text(o.get("Ext_ID")))).findFirst()
                .orElseGet(() -> byInnKpp(organizations, in, null));
        if (found != null) {
            return found;
        }
        if (blank(ci(in, "Name"))) {
            throw reject(400, "Field Name in Organization list is required");
        }
        long id = nextId++;
        ObjectNode o = nodes.objectNode().put("Id", id).put("Name", text(ci(in, "Name"))).put("INN", text(ci(in, "INN")))
                .put("KPP", text(ci(in, "KPP"))).put("Ext_ID", ext).put("ClientId", 12);
        organizations.put(id, o);
        return o;
    }

    private ObjectNode upsertContractor(ObjectNode in, ObjectNode org) {
        String ext = text(ci(in, "Ext_ID"));
        long orgId = org.get("Id").asLong();
        ObjectNode found = ext == null ? null : contractors.values().stream()
                .filter(c -> c.get("OrganizationId").asLong() == orgId && ext.equals(text(c.get("Ext_ID"))))
                .findFirst().orElse(null);
        if (found == null) {
            found = byInnKpp(contractors, in, orgId);
        }
        if (found != null) {
            return found;
        }
        if (blank(ci(in, "Name"))) {
            throw reject(400, "Field Name in Contractor list is required");
        }
        long id = nextId++;
        ObjectNode c = nodes.objectNode().put("Id", id).put("Name", text(ci(in, "Name"))).put("INN", text(ci(in, "INN")))
                .put("KPP", text(ci(in, "KPP"))).put("Ext_ID", ext).put("OrganizationId", orgId);
        contractors.put(id, c);
        return c;
    }

    private ObjectNode upsertContractRef(ObjectNode in, ObjectNode org, ObjectNode docContractor) {
        String ext = text(ci(in, "Ext_ID"));
        if (ext != null) {
            for (ObjectNode c : contracts.values()) {
                if (ext.equals(text(c.get("Ext_ID")))) {
                    return c;
                }
            }
        }
        if (blank(ci(in, "Name"))) {
            throw reject(400, "Field Name in Contract list is required");
        }
        ObjectNode ownIn = object(in, "Contractor");
        ObjectNode contractor = ownIn != null ? upsertContractor(ownIn, org) : docContractor;
        if (contractor == null) {
            throw reject(400, "Field Contractor in Contract list is required");
        }
        long id = nextId++;
        ObjectNode c = nodes.objectNode().put("Id", id).put("Name", text(ci(in, "Name"))).put("Ext_ID", ext)
                .put("OrganizationId", org.get("Id").asLong()).put("ContractorId", contractor.get("Id").asLong())
                .put("DocTypeId", 4).put("DocType", "Договор").put("State", "Проведено в 1С").put("Deleted", false)
                .put("Created", now()).put("Modified", now()).put("CreatedBy", "ExternalSystem");
        contracts.put(id, c);
        return c;
    }

    private static ObjectNode byInnKpp(Map<Long, ObjectNode> all, ObjectNode in, Long orgId) {
        String inn = text(ci(in, "INN"));
        String kpp = text(ci(in, "KPP"));
        if (inn == null) {
            return null;
        }
        return all.values().stream().filter(o -> orgId == null || o.path("OrganizationId").asLong() == orgId)
                .filter(o -> inn.equals(text(o.get("INN"))) && Objects.equals(kpp, text(o.get("KPP"))))
                .findFirst().orElse(null);
    }

    /** The files of {@code Binaries}; a create needs an array (a missing one fails with 500, as the server does). */
    private List<StoredFile> binaries(ObjectNode body, boolean create) {
        JsonNode bins = ci(body, "Binaries");
        List<StoredFile> out = new ArrayList<>();
        if (bins == null || bins.isNull()) {
            if (create) {
                throw reject(500, "Database Failure");
            }
            return out;
        }
        if (!bins.isArray()) {
            throw reject(500, "Database Failure");
        }
        for (JsonNode b : bins) {
            JsonNode data = b.isObject() ? ci((ObjectNode) b, "FileBase64") : null;
            JsonNode name = b.isObject() ? ci((ObjectNode) b, "FileName") : null;
            if (blank(data)) {
                throw reject(400, "No binaries FileBase64 string");
            }
            if (blank(name)) {
                throw reject(400, "No file name");
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(data.asString());
            } catch (IllegalArgumentException e) {
                throw reject(400, "Can not parse File to Base64");
            }
            if (bytes.length > MAX_FILE_SIZE) {
                throw reject(400, "Max File size exceeded ( #err-20)");
            }
            out.add(new StoredFile(name.asString(), bytes));
        }
        return out;
    }

    private void moveScanFile(ObjectNode body, String target) {
        JsonNode nonForm = ci(body, "NonFormID");
        if (nonForm == null || !nonForm.isNumber() || nonForm.asLong() == 0) {
            return;
        }
        ObjectNode s = scans.get(nonForm.asLong());
        if (s == null) {
            return;
        }
        for (StoredFile f : files.getOrDefault("NonFormID:" + nonForm.asLong(), List.of())) {
            putFile(target, f.name(), f.content());
        }
        s.put("Deleted", true).put("Modified", now());
    }

    private void putFile(String key, String name, byte[] content) {
        List<StoredFile> list = files.computeIfAbsent(key, k -> new ArrayList<>());
        list.removeIf(f -> f.name().equals(name));
        list.add(new StoredFile(name, content));
    }

    /** Update: only keys spelled exactly as a property name are copied; others are silently skipped. */
    private void copyExact(ObjectNode body, ObjectNode entity, Set<String> props) {
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (props.contains(e.getKey())) {
                entity.set(e.getKey(), normalise(e.getKey(), e.getValue()));
            }
        }
    }

    /** Create: keys matched to property names case-insensitively. */
    private void copyCaseInsensitive(ObjectNode body, ObjectNode entity, Set<String> props) {
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            for (String p : props) {
                if (p.equalsIgnoreCase(e.getKey())) {
                    entity.set(p, normalise(p, e.getValue()));
                }
            }
        }
    }

    private JsonNode normalise(String prop, JsonNode value) {
        if (DATE_PROPS.contains(prop) && value.isString()) {
            return nodes.stringNode(inputDate(value.asString()));
        }
        return value;
    }

    /** The server's date parsing: several formats; a value with zero minutes and seconds moves to 12:00. */
    static String inputDate(String text) {
        LocalDateTime parsed = null;
        try {
            parsed = LocalDate.parse(text).atStartOfDay();
        } catch (DateTimeParseException e) {
            for (Map.Entry<DateTimeFormatter, Boolean> f : INPUT_DATES) {
                try {
                    parsed = f.getValue() ? LocalDateTime.parse(text, f.getKey()) : LocalDate.parse(text, f.getKey()).atStartOfDay();
                    break;
                } catch (DateTimeParseException next) {
                    // try the next format
                }
            }
            if (parsed == null) {
                try {
                    parsed = LocalDateTime.parse(text);
                } catch (DateTimeParseException last) {
                    return text;
                }
            }
        }
        if (parsed.getMinute() == 0 && parsed.getSecond() == 0) {
            parsed = parsed.withHour(12);
        }
        return parsed.format(UNZONED);
    }

    private ObjectNode contractJson(ObjectNode c, boolean createResponse) {
        ObjectNode out = nodes.objectNode();
        out.put("id", c.get("Id").asLong());
        for (String p : CONTRACT_PROPS) {
            out.set(camel(p), c.has(p) ? c.get(p) : nodes.nullNode());
        }
        ObjectNode org = c.has("OrganizationId") ? organizations.get(c.get("OrganizationId").asLong()) : null;
        ObjectNode ctr = c.has("ContractorId") ? contractors.get(c.get("ContractorId").asLong()) : null;
        out.put("docTypeId", 4).put("docType", "Договор").putNull("docKind");
        out.set("organizationId", org == null ? nodes.nullNode() : org.get("Id"));
        out.set("organizationName", org == null ? nodes.nullNode() : org.get("Name"));
        out.set("contractorName", ctr == null ? nodes.nullNode() : ctr.get("Name"));
        out.set("organization", createResponse ? brief(org) : orgJson(org));
        out.set("contractor", createResponse ? brief(ctr) : contractorJson(ctr));
        out.putNull("project").putNull("ediId").putNull("ediState").put("deleted", c.path("Deleted").asBoolean(false))
                .putNull("deletedBy").putNull("deleteDate");
        out.set("created", c.get("Created"));
        out.set("modified", c.get("Modified"));
        out.set("createdBy", c.has("CreatedBy") ? c.get("CreatedBy") : nodes.nullNode());
        out.set("modifiedBy", c.has("ModifiedBy") ? c.get("ModifiedBy") : nodes.nullNode());
        out.putNull("binaries").put("fileExists", files.containsKey("ContractID:" + c.get("Id").asLong())).put("clientId", 12)
                .putNull("client");
        return out;
    }

    private ObjectNode documentJson(ObjectNode d, boolean createResponse) {
        ObjectNode out = nodes.objectNode();
        out.put("id", d.get("Id").asLong());
        for (String p : DOCUMENT_PROPS) {
            out.set(camel(p), d.has(p) ? d.get(p) : nodes.nullNode());
        }
        out.set("docType", d.has("DocType") ? d.get("DocType") : nodes.nullNode());
        ObjectNode org = d.has("OrganizationId") ? organizations.get(d.get("OrganizationId").asLong()) : null;
        ObjectNode ctr = d.has("ContractorId") ? contractors.get(d.get("ContractorId").asLong()) : null;
        ObjectNode con = d.has("ContractId") ? contracts.get(d.get("ContractId").asLong()) : null;
        out.set("organization", createResponse ? brief(org) : orgJson(org));
        out.set("contractor", createResponse ? brief(ctr) : contractorJson(ctr));
        out.set("contract", con == null ? nodes.nullNode() : createResponse ? brief(con) : contractJson(con, true));
        out.set("created", d.get("Created"));
        out.set("modified", d.get("Modified"));
        out.set("createdBy", d.has("CreatedBy") ? d.get("CreatedBy") : nodes.nullNode());
        out.set("modifiedBy", d.has("ModifiedBy") ? d.get("ModifiedBy") : nodes.nullNode());
        out.put("deleted", d.path("Deleted").asBoolean(false)).putNull("project").putNull("binaries").putNull("string1")
                .put("uploadedTo1C", false).put("clientId", 12).putNull("client");
        return out;
    }

    private ObjectNode brief(ObjectNode entity) {
        if (entity == null) {
            return null;
        }
        ObjectNode b = nodes.objectNode();
        b.put("id", entity.get("Id").asLong()).set("name", entity.get("Name"));
        b.putNull("inn").putNull("kpp").put("clientId", 0).putNull("client").putNull("ext_ID");
        return b;
    }

    private ObjectNode orgJson(ObjectNode o) {
        if (o == null) {
            return null;
        }
        ObjectNode out = nodes.objectNode();
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            out.set(camel(e.getKey()), e.getValue());
        }
        out.putNull("client");
        out.putObject("buttonDTO").put("id", o.get("Id").asLong()).put("clientId", 12).put("organizationId", 0)
                .putNull("userId").put("itemId", Long.toString(o.get("Id").asLong()));
        return out;
    }

    private ObjectNode contractorJson(ObjectNode c) {
        if (c == null) {
            return null;
        }
        ObjectNode out = nodes.objectNode();
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            out.set(camel(e.getKey()), e.getValue());
        }
        out.putNull("organization").putNull("diadocID");
        return out;
    }

    // ------------------------------------------------------------------ wire helpers

    private StubResponse json(int status, JsonNode body) {
        return StubResponse.status(status).header("Content-Type", "application/json; charset=utf-8")
                .body(mapper.writeValueAsBytes(body));
    }

    private StubResponse error(int status, String text) {
        ErrorForm form;
        synchronized (lock) {
            form = errorForm;
        }
        return switch (form) {
            case PLAIN_TEXT -> StubResponse.status(status).header("Content-Type", "text/plain; charset=utf-8").body(text);
            case JSON_STRING -> json(status, nodes.stringNode(text));
            case ERROR_OBJECT -> json(status, nodes.objectNode().put("error", text));
            case MESSAGE_OBJECT -> json(status, nodes.objectNode().put("message", text));
            case PROBLEM_DETAILS -> StubResponse.status(status).header("Content-Type", "application/problem+json; charset=utf-8")
                    .body(mapper.writeValueAsBytes(nodes.objectNode().put("type", "https://tools.ietf.org/html/rfc7231")
                            .put("title", text).put("status", status).put("traceId", "|stub." + UUID.randomUUID())));
        };
    }

    /** EnDocs' forms of injected faults and quota refusals, in the current {@link ErrorForm}. */
    private final class Dialect implements FaultDialect {
        @Override
        public StubResponse status(RecordedRequest request, int status) {
            return error(status, switch (status) {
                case 401 -> "Could not find any client for this token ( #err-40)";
                case 429 -> "Too Many Requests";
                case 500 -> "An unhandled exception occurred while processing the request.";
                case 502 -> "Bad Gateway";
                case 503 -> "Service Unavailable";
                case 504 -> "Gateway Timeout";
                default -> "HTTP " + status;
            });
        }

        @Override
        public StubResponse malformed(RecordedRequest request) {
            return StubResponse.status(200).header("Content-Type", "application/json; charset=utf-8")
                    .body("{\"id\":12,\"name\":\"ООО Ром");
        }
    }

    /** ASP.NET's automatic 400 for a body or route value that cannot be bound. */
    private StubResponse problem(String message) {
        ObjectNode p = nodes.objectNode().put("type", "https://tools.ietf.org/html/rfc7231#section-6.5.1")
                .put("title", "One or more validation errors occurred.").put("status", 400)
                .put("traceId", "|stub." + UUID.randomUUID());
        p.putObject("errors").putArray("").add(message);
        return StubResponse.status(400).header("Content-Type", "application/problem+json; charset=utf-8")
                .body(mapper.writeValueAsBytes(p));
    }

    private void required(ObjectNode body, String key, String message) {
        if (blank(ci(body, key))) {
            throw reject(400, message);
        }
    }

    private static ObjectNode object(ObjectNode body, String key) {
        JsonNode n = ci(body, key);
        return n != null && n.isObject() ? (ObjectNode) n : null;
    }

    private static JsonNode ci(ObjectNode node, String key) {
        JsonNode exact = node.get(key);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }

    private static boolean blank(JsonNode n) {
        return n == null || n.isNull() || (n.isString() && n.asString().isBlank());
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asString();
    }

    private Map<String, Object> toMap(ObjectNode node) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = mapper.treeToValue(node, LinkedHashMap.class);
        return map;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).atOffset(ZoneOffset.UTC).format(ZONED);
    }

    /** System.Text.Json's camel-case policy (.NET Core 3.x). */
    static String camel(String name) {
        char[] chars = name.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (i == 1 && !Character.isUpperCase(chars[i])) {
                break;
            }
            boolean hasNext = i + 1 < chars.length;
            if (i > 0 && hasNext && !Character.isUpperCase(chars[i + 1])) {
                break;
            }
            chars[i] = Character.toLowerCase(chars[i]);
        }
        return new String(chars);
    }

    private static Set<String> props(String... names) {
        Set<String> all = new LinkedHashSet<>(List.of(names));
        for (int i = 1; i <= 8; i++) {
            all.add("String" + i);
        }
        for (int i = 1; i <= 4; i++) {
            all.add("Int" + i);
            all.add("Datetime" + i);
            all.add("Bool" + i);
        }
        return Set.copyOf(all);
    }
}
