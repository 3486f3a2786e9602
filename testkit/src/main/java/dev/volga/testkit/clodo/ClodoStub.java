package dev.volga.testkit.clodo;

import dev.volga.testkit.FaultDialect;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.Faults;
import dev.volga.testkit.JournalAssertions;
import dev.volga.testkit.Quota;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.SecretScan;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.xml.XmlMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stateful in-process ClodoAPI 1.0, written from the spec's wire format (never from the client's
 * classes): {@code GET /} logs in the configured users (204 with {@code X-Auth-Token} and a
 * management URL pointing at this stub's {@code /v1}); tokens expire after a configurable time and
 * then answer 401; answers are JSON or XML by {@code Accept}; errors come wrapped
 * ({@code {"NotFound":{…}}}), flat ({@code {"code":…}}) or as XML elements; servers, backups, IPs,
 * DNS, tickets, stores, requests and billing live in memory with status transitions.
 *
 * <pre>{@code
 * try (ClodoStub clodo = ClodoStub.builder().user("jdoe", "key").start()) {
 *     long id = clodo.addServer("main", "VirtualServer", "is_running");
 *     // client against clodo.authUrl() …
 *     assertThat(clodo.requests("GET", "/v1/servers/*")).hasSize(1);
 * }
 * }</pre>
 *
 * <p>Server status moves one step per {@code GET /servers/{id}}: {@code is_request → is_install →
 * is_running}. A request's {@code req_complete} turns 1 on its second read; a restore's progress is
 * 50 then 100. Thread-safe.
 *
 * <p>Faults ({@link #faults()}, paths as recorded, e.g. {@code /v1/servers/**}; windows on the
 * stub's clock) are written as Clodo would, JSON or XML by {@code Accept}:
 * {@link FaultRule#unauthorized} as its 401 (and the token the request carried is forgotten, so a
 * client must log in again), {@link FaultRule#status} and {@link FaultRule#tooManyRequests} as
 * errors in the current {@link ErrorStyle}, {@link FaultRule#malformedBody} as cut-off JSON or XML.
 * A quota per user ({@link #quota(int, Duration, int)}) is off by default. {@link #verify()} asserts
 * on the journal (logins, stale tokens), {@link #reset()} clears everything between tests.
 */
public final class ClodoStub implements AutoCloseable {

    /** How errors other than XML are written. */
    public enum ErrorStyle {
        /** {@code {"NotFound":{"code":404,"message":"Not Found","details":"…"}}} as D1 documents. */
        WRAPPED,
        /** {@code {"code":401,"message":"Unauthorized","details":"…"}} as seen live in 2022. */
        FLAT
    }

    private static final DateTimeFormatter TOKEN_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXX");
    private static final DateTimeFormatter DOTTED = DateTimeFormatter.ofPattern("dd.MM.uuuu HH:mm:ss");
    private static final DateTimeFormatter DASHED = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
    private static final ZoneId MOSCOW = ZoneOffset.ofHours(3);

    private final StubServer http;
    private final Map<String, String> users;
    private volatile Duration lifetime;
    private final Clock baseClock;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger failNext = new AtomicInteger();
    private volatile int failStatus = 500;
    private volatile ErrorStyle errorStyle = ErrorStyle.WRAPPED;
    private final JsonMapper json = JsonMapper.builder().build();
    /** Built on the first XML request body: a stub serving only JSON clients never builds it. */
    private volatile XmlMapper xml;
    private final AtomicLong ids = new AtomicLong(1000);

    private final Map<Long, ServerRec> servers = new ConcurrentHashMap<>();
    private final Map<Long, int[]> requestReads = new ConcurrentHashMap<>();
    private final Map<Long, int[]> restoreReads = new ConcurrentHashMap<>();
    private final Map<Long, Zone> zones = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> tickets = new ConcurrentHashMap<>();
    private final Map<Long, Map<String, Object>> storages = new ConcurrentHashMap<>();
    private final Map<String, String> profile = new ConcurrentHashMap<>();
    private final List<String[]> datacenters;
    private volatile BigDecimal balance = new BigDecimal("1234.50");
    private final Map<String, String> tokenUsers = new ConcurrentHashMap<>();
    /** Sequence numbers of management requests refused for a missing, unknown or expired token. */
    private final Set<Long> staleTokenRequests = Collections.synchronizedSet(new HashSet<>());
    private final Clock clock = new StubClock();

    private static final class ServerRec {
        final long id;
        volatile String name;
        volatile long imageId;
        final String type;
        volatile String status;
        volatile int memory;
        volatile int hdd;
        final List<String[]> ips = new ArrayList<>(); // addr, primary "1"/""
        final List<Map<String, String>> backups = new ArrayList<>();
        final List<String[]> log = new ArrayList<>();

        ServerRec(long id, String name, long imageId, String type, String status) {
            this.id = id;
            this.name = name;
            this.imageId = imageId;
            this.type = type;
            this.status = status;
        }
    }

    private static final class Zone {
        final long id;
        final String name;
        final String type;
        final Map<Long, Map<String, String>> records = new LinkedHashMap<>();

        Zone(long id, String name, String type) {
            this.id = id;
            this.name = name;
            this.type = type;
        }
    }

    private ClodoStub(Builder b) {
        this.users = Map.copyOf(b.users);
        this.lifetime = b.lifetime;
        this.baseClock = b.clock;
        this.datacenters = List.copyOf(b.datacenters);
        this.http = StubServer.start(b.port);
        initProfile();
        routes();
        http.faultDialect(new Dialect());
        http.faults().clock(clock);
    }

    private void initProfile() {
        profile.clear();
        profile.put("users_id", "123");
        profile.put("users_login", users.keySet().stream().findFirst().orElse("user"));
        profile.put("users_balance", "1234.50");
        profile.put("users_added", "12.01.2011 10:00:00");
        profile.put("users_profile_email", "user@example.org");
    }

    /**
     * The faults injected into this stub; paths as recorded ({@code /} for the login,
     * {@code /v1/…} for the management API); time windows run on the stub's clock.
     *
     * @return the faults
     */
    public Faults faults() {
        return http.faults();
    }

    /**
     * Assertions on the journal: paths as recorded, logins are {@code GET /}; {@code noStaleToken()}
     * fails for any management request refused for a missing, unknown or expired token.
     *
     * @return the assertions
     */
    public JournalAssertions verify() {
        return JournalAssertions.of(http).withLogin("GET", "/")
                .withStaleTokens(r -> staleTokenRequests.contains(r.sequence()));
    }

    /**
     * Enforces a quota per user (off by default) on the stub's clock: {@code permits} requests per
     * {@code period}, up to {@code burst} back to back, logins included; past it 429 with
     * {@code Retry-After} in Clodo's error form. Fresh buckets.
     *
     * @param permits requests per period, at least 1
     * @param period the period, positive
     * @param burst requests tolerated back to back, at least 1
     * @return this stub
     */
    public ClodoStub quota(int permits, Duration period, int burst) {
        return quota(Quota.of(permits, period, burst).clock(clock));
    }

    /**
     * Enforces a quota per user given as a {@link Quota} (its key is replaced by the user: the
     * login's {@code X-Auth-User}, or the owner of the token).
     *
     * @param quota the quota
     * @return this stub
     */
    public ClodoStub quota(Quota quota) {
        http.quota(quota.keyedBy(r -> r.header("X-Auth-User")
                .orElseGet(() -> tokenUsers.getOrDefault(r.header("X-Auth-Token").orElse(""), ""))));
        return this;
    }

    /**
     * Stops enforcing a quota (the default).
     *
     * @return this stub
     */
    public ClodoStub noQuota() {
        http.noQuota();
        return this;
    }

    /**
     * How many requests the quota refused with 429 since it was set or the stub was reset.
     *
     * @return the count
     */
    public int tooManyRequestsSent() {
        return http.quotaRefusals();
    }

    /**
     * Back to the state after start: forgets the journal, scripts, injected faults, the quota's
     * buckets, every token (clients log in again), the login count, pending failures, the error
     * style, the clock offset and all data. The quota setting stays.
     */
    public void reset() {
        clearJournalAndFaults();
        tokens.clear();
        tokenUsers.clear();
        errorStyle = ErrorStyle.WRAPPED;
        offset.set(Duration.ZERO);
        servers.clear();
        requestReads.clear();
        restoreReads.clear();
        zones.clear();
        tickets.clear();
        storages.clear();
        initProfile();
        balance = new BigDecimal("1234.50");
        ids.set(1000);
    }

    /**
     * Forgets the journal, scripts, injected faults, the quota's buckets, the login count and
     * pending failures, but keeps tokens and data: for tests that share a seeded stub.
     */
    public void clearJournalAndFaults() {
        http.reset();
        staleTokenRequests.clear();
        logins.set(0);
        failNext.set(0);
        failStatus = 500;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the auth URL (the stub's root), e.g. {@code http://127.0.0.1:4321} */
    public String authUrl() {
        return http.baseUrl();
    }

    /** @return the management URL the login hands out ({@code authUrl() + "/v1"}) */
    public String managementUrl() {
        return http.baseUrl() + "/v1";
    }

    /** @return the underlying stub server (journal, scripted responses, faults) */
    public StubServer http() {
        return http;
    }

    /** @return every request received, in order */
    public List<RecordedRequest> journal() {
        return http.journal();
    }

    /**
     * @param method the method or {@code *}
     * @param pathPattern a path pattern as for {@link StubServer#route}, e.g. {@code /v1/servers/*}
     * @return the matching requests
     */
    public List<RecordedRequest> requests(String method, String pathPattern) {
        return http.requests(method, pathPattern);
    }

    /** @return the number of successful logins */
    public int logins() {
        return logins.get();
    }

    /** @param by how far to move the stub's clock forward (tokens expire by it) */
    public void advanceClock(Duration by) {
        offset.updateAndGet(d -> d.plus(by));
    }

    /**
     * Changes how long the tokens handed out from now on live; tokens already handed out keep theirs.
     *
     * @param value the new lifetime, positive
     */
    public void tokenLifetime(Duration value) {
        Objects.requireNonNull(value, "tokenLifetime");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive, was " + value);
        }
        this.lifetime = value;
    }

    /** Makes every token handed out so far invalid (the next call with one answers 401). */
    public void expireAllTokens() {
        tokens.clear();
    }

    /**
     * @param count how many of the next management calls fail
     * @param status with which HTTP status (400, 403, 404, 405, 500…)
     */
    public void failNext(int count, int status) {
        this.failStatus = status;
        this.failNext.set(count);
    }

    /** @param style how JSON errors are written from now on */
    public void errorStyle(ErrorStyle style) {
        this.errorStyle = Objects.requireNonNull(style, "style");
    }

    /**
     * Seeds a server with one primary IP.
     *
     * @param name its title
     * @param type {@code VirtualServer} or {@code ScaleServer}
     * @param status its status, e.g. {@code is_running}
     * @return its id
     */
    public long addServer(String name, String type, String status) {
        long id = ids.incrementAndGet();
        ServerRec s = new ServerRec(id, name, 561, type, status);
        s.memory = 512;
        s.hdd = 5;
        s.ips.add(new String[] {"62.76.41." + (id % 250), "1"});
        servers.put(id, s);
        return id;
    }

    /**
     * Seeds a backup.
     *
     * @param serverId the server
     * @param file the backup id
     * @param description its description ("" for none)
     */
    public void addBackup(long serverId, String file, String description) {
        Map<String, String> b = new LinkedHashMap<>();
        b.put("file", file);
        b.put("date", DASHED.format(now().atZone(MOSCOW)));
        b.put("desc", description);
        b.put("days", "");
        b.put("time", "00:00");
        server(serverId).backups.add(b);
    }

    /**
     * Seeds a DNS zone.
     *
     * @param domain the domain
     * @param type {@code MASTER} or {@code SLAVE}
     * @return its id
     */
    public long addZone(String domain, String type) {
        long id = ids.incrementAndGet();
        zones.put(id, new Zone(id, Objects.requireNonNull(domain, "domain"), Objects.requireNonNull(type, "type")));
        return id;
    }

    /**
     * Seeds a DNS record.
     *
     * @param zoneId the zone
     * @param name the record name
     * @param type the record type
     * @param content the value
     * @param ttl the TTL in seconds
     * @return the record id
     */
    public long addRecord(long zoneId, String name, String type, String content, int ttl) {
        Zone z = zones.get(zoneId);
        if (z == null) {
            throw new IllegalArgumentException("no zone " + zoneId);
        }
        long id = ids.incrementAndGet();
        Map<String, String> rec = new LinkedHashMap<>();
        rec.put("name", name);
        rec.put("type", type);
        rec.put("content", content);
        rec.put("ttl", Integer.toString(ttl));
        synchronized (z.records) {
            z.records.put(id, rec);
        }
        return id;
    }

    /**
     * Seeds a helpdesk ticket.
     *
     * @param subject its subject
     * @param text its first message
     * @return its id
     */
    public long addTicket(String subject, String text) {
        Map<String, Object> t = new ConcurrentHashMap<>();
        t.put("subject", Objects.requireNonNull(subject, "subject"));
        t.put("text", Objects.requireNonNull(text, "text"));
        t.put("open_date", DASHED.format(now().atZone(MOSCOW)));
        t.put("events", new ArrayList<String>());
        long id = ids.incrementAndGet();
        tickets.put(id, t);
        return id;
    }

    /**
     * Seeds a Cloud Storage store.
     *
     * @param title its title
     * @return its id
     */
    public long addStorage(String title) {
        Map<String, Object> st = new ConcurrentHashMap<>();
        st.put("title", Objects.requireNonNull(title, "title"));
        long id = ids.incrementAndGet();
        storages.put(id, st);
        return id;
    }

    /** @param value the account balance {@code GET /billing/balance} answers */
    public void balance(BigDecimal value) {
        this.balance = Objects.requireNonNull(value, "balance");
    }

    /**
     * @param id a server
     * @return its status now
     */
    public String serverStatus(long id) {
        return server(id).status;
    }

    /** @return the ids of the servers */
    public List<Long> serverIds() {
        return List.copyOf(servers.keySet());
    }

    /** @return the profile fields as stored (updates included) */
    public Map<String, String> profile() {
        return Map.copyOf(profile);
    }

    private ServerRec server(long id) {
        ServerRec s = servers.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no server " + id);
        }
        return s;
    }

    private Instant now() {
        return baseClock.instant().plus(offset.get());
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ClodoStub[" + authUrl() + "]";
    }

    // ------------------------------------------------------------------ routing

    /** A failure answered in Clodo's error format. */
    private static final class Fail extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Fail(int status, String details) {
            super(details, null, false, false);
            this.status = status;
        }
    }

    private interface Api {
        Object answer(RecordedRequest r, ObjectNode body);
    }

    private void routes() {
        http.route("GET", "/", this::login);
        http.route("HEAD", "/", this::login);
        on("GET", "/limits", (r, b) -> limits());
        on("GET", "/servers/detail", (r, b) -> serverList(true));
        on("GET", "/servers", (r, b) -> serverList(false));
        on("POST", "/servers", (r, b) -> createServer(b));
        on("GET", "/servers/{id}/change_type", (r, b) -> changeType(r, b));
        on("POST", "/servers/{id}/change_type", (r, b) -> changeType(r, b));
        on("POST", "/servers/{id}/action", (r, b) -> action(r, b));
        on("GET", "/servers/{id}/log", (r, b) -> log(r));
        on("GET", "/servers/{id}/backup/getlist", (r, b) -> backups(r));
        on("GET", "/servers/{id}/backup/create", (r, b) -> backupReq(r, b, "backup_create"));
        on("POST", "/servers/{id}/backup/create", (r, b) -> backupReq(r, b, "backup_create"));
        on("POST", "/servers/{id}/backup/delete", (r, b) -> backupReq(r, b, "backup_delete"));
        on("POST", "/servers/{id}/backup/restore", (r, b) -> backupReq(r, b, "backup_restore"));
        on("GET", "/servers/{id}/backup/getstate", (r, b) -> restoreState(b));
        on("POST", "/servers/{id}/backup/setcal", (r, b) -> backupSet(r, b, "backups_days"));
        on("POST", "/servers/{id}/backup/setdesc", (r, b) -> backupSet(r, b, "desc"));
        on("GET", "/servers/{id}/ips/moveip", (r, b) -> moveIp(r, b));
        on("GET", "/servers/{id}/ips/getsubnets", (r, b) -> Elem.list("nets")
                .add(Elem.of("net").leafs("ip_subnet", "62.76.176.*", "current", "1"))
                .add(Elem.of("net").leafs("ip_subnet", "62.76.177.*", "current", "0")));
        on("GET", "/servers/{id}/ips", (r, b) -> ips(r));
        on("PUT", "/servers/{id}/ips", (r, b) -> addIp(r, b));
        on("DELETE", "/servers/{id}/ips", (r, b) -> deleteIp(r, b));
        on("GET", "/servers/{id}", (r, b) -> serverDetail(r));
        on("PUT", "/servers/{id}", (r, b) -> modifyServer(r, b));
        on("DELETE", "/servers/{id}", (r, b) -> deleteServer(r));
        on("POST", "/stats/{id}", (r, b) -> stats(r, b));
        on("GET", "/dns", (r, b) -> dnsOverview());
        on("PUT", "/dns", (r, b) -> createZone(b));
        on("GET", "/dns/{id}", (r, b) -> zone(r));
        on("POST", "/dns/{id}", (r, b) -> updateZone(r, b));
        on("DELETE", "/dns/{id}", (r, b) -> deleteZoneOrRecord(r, b));
        on("GET", "/helpdesk", (r, b) -> tickets());
        on("POST", "/helpdesk", (r, b) -> openTicket(b));
        on("GET", "/helpdesk/{id}", (r, b) -> ticket(r));
        on("POST", "/helpdesk/{id}", (r, b) -> replyTicket(r, b));
        on("GET", "/user", (r, b) -> user());
        on("POST", "/user/update", (r, b) -> updateUser(b));
        on("GET", "/storage", (r, b) -> storageList());
        on("PUT", "/storage", (r, b) -> createStorage(b));
        on("GET", "/storage/{id}/detail", (r, b) -> storageDetail(r));
        on("POST", "/storage/{id}", (r, b) -> updateStorage(r, b));
        on("DELETE", "/storage/{id}", (r, b) -> deleteStorage(r));
        on("GET", "/requests/{id}", (r, b) -> requestStatus(r));
        on("GET", "/billing/balance", (r, b) -> Elem.leaf("balance", balance));
        on("GET", "/billing", (r, b) -> billing(b));
        on("POST", "/billing", (r, b) -> billing(b));
        on("GET", "/billing/{id}", (r, b) -> billing(b));
        on("POST", "/billing/{id}", (r, b) -> billing(b));
        on("GET", "/images/detail", (r, b) -> images(true));
        on("GET", "/images/presets", (r, b) -> presets());
        on("GET", "/images", (r, b) -> images(false));
    }

    private void on(String method, String path, Api api) {
        http.route(method, "/v1" + path, r -> serve(r, api));
        http.route(method, "/v1" + path + "/", r -> serve(r, api));
    }

    private StubResponse serve(RecordedRequest r, Api api) {
        boolean asXml = r.header("Accept").map(a -> a.contains("xml")).orElse(false);
        String token = r.header("X-Auth-Token").orElse("");
        Instant expires = tokens.get(token);
        if (expires == null || !now().isBefore(expires)) {
            staleTokenRequests.add(r.sequence());
            return error(asXml, 401, "Необходима авторизация", ErrorStyle.FLAT);
        }
        if (failNext.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            return error(asXml, failStatus, "Сбой по требованию теста", errorStyle);
        }
        try {
            Object answer = api.answer(r, body(r));
            if (answer == null) {
                return StubResponse.status(204);
            }
            Elem e = (Elem) answer;
            return StubResponse.status(200)
                    .header("Content-Type", asXml ? "application/xml; charset=UTF-8" : "application/json; charset=UTF-8")
                    .body(asXml ? e.xml() : e.json());
        } catch (Fail f) {
            return error(asXml, f.status, f.getMessage(), errorStyle);
        }
    }

    private StubResponse login(RecordedRequest r) {
        boolean asXml = r.header("Accept").map(a -> a.contains("xml")).orElse(false);
        String user = r.header("X-Auth-User").orElse("");
        String key = r.header("X-Auth-Key").orElse("");
        if (!key.equals(users.get(user))) {
            return error(asXml, 401, "Необходима авторизация", ErrorStyle.FLAT);
        }
        String token = UUID.randomUUID().toString();
        SecretScan.register(token);
        Instant issued = now();
        Instant expires = issued.plus(lifetime);
        tokens.put(token, expires);
        tokenUsers.put(token, user);
        logins.incrementAndGet();
        return StubResponse.status(204)
                .header("X-Server-Management-Url", managementUrl())
                .header("X-Auth-Token", token)
                .header("X-Auth-Token-Issued", TOKEN_TIME.format(issued.atZone(MOSCOW)))
                .header("X-Auth-Token-Expired", TOKEN_TIME.format(expires.atZone(MOSCOW)))
                .header("Content-Type", "text/plain; charset=UTF-8");
    }

    private StubResponse error(boolean asXml, int status, String details, ErrorStyle style) {
        String message = switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 429 -> "Too Many Requests";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "Internal Server Error";
        };
        String name = message.replace(" ", "");
        if (asXml) {
            Elem e = Elem.of(name).attr("code", status).leafs("message", message, "details", details);
            return StubResponse.status(status).header("Content-Type", "application/xml; charset=UTF-8").body(e.xml());
        }
        ObjectNode inner = JsonNodeFactory.instance.objectNode().put("code", status).put("message", message).put("details", details);
        String body = style == ErrorStyle.FLAT ? inner.toString() : JsonNodeFactory.instance.objectNode().set(name, inner).toString();
        return StubResponse.status(status).header("Content-Type", "application/json; charset=UTF-8").body(body);
    }

    /** Clodo's forms of injected faults and quota refusals. */
    private final class Dialect implements FaultDialect {
        @Override
        public StubResponse status(RecordedRequest request, int status) {
            return error(acceptsXml(request), status, "Сбой по требованию теста", errorStyle);
        }

        @Override
        public StubResponse unauthorized(RecordedRequest request) {
            request.header("X-Auth-Token").ifPresent(t -> {
                tokens.remove(t);
                tokenUsers.remove(t);
            });
            return error(acceptsXml(request), 401, "Необходима авторизация", ErrorStyle.FLAT);
        }

        @Override
        public StubResponse malformed(RecordedRequest request) {
            boolean asXml = acceptsXml(request);
            return StubResponse.status(200)
                    .header("Content-Type", asXml ? "application/xml; charset=UTF-8" : "application/json; charset=UTF-8")
                    .body(asXml ? "<servers><server><id>1</id><name>ma" : "{\"servers\":[{\"id\":1,\"name\":\"ma");
        }
    }

    private static boolean acceptsXml(RecordedRequest r) {
        return r.header("Accept").map(a -> a.contains("xml")).orElse(false);
    }

    /** The stub's clock: the base clock moved by {@link #advanceClock}. */
    private final class StubClock extends Clock {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the stub's clock has a fixed zone");
        }

        @Override
        public Instant instant() {
            return now();
        }
    }

    /** The request body as a tree: XML with its root element, JSON as sent; {@code {"":x}} becomes x. */
    private ObjectNode body(RecordedRequest r) {
        byte[] bytes = r.body();
        String text = new String(bytes, StandardCharsets.UTF_8).trim();
        if (text.isEmpty()) {
            return JsonNodeFactory.instance.objectNode();
        }
        try {
            JsonNode tree = text.startsWith("<") ? xmlTree(text) : json.readTree(text);
            JsonNode n = flatten(tree);
            if (!n.isObject()) {
                throw new Fail(400, "ожидался объект");
            }
            return (ObjectNode) n;
        } catch (tools.jackson.core.JacksonException e) {
            throw new Fail(400, "некорректный запрос");
        }
    }

    /**
     * XML under its root element's name, {@code {root: content}}: Jackson XML's tree drops the name
     * (only 3.2 can keep it), so it is read here, and the stub runs on Jackson 3.1 as on 3.2.
     */
    private JsonNode xmlTree(String text) {
        XmlMapper mapper = xml;
        if (mapper == null) {
            xml = mapper = XmlMapper.builder().build();
        }
        JsonNode content = mapper.readTree(text); // well-formed, or the caller answers 400
        String root = rootName(text);
        if (root == null) {
            return content;
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        tree.set(root, content == null || content.isMissingNode() ? JsonNodeFactory.instance.objectNode() : content);
        return tree;
    }

    /** The local name of the first element of a well-formed document (after its prolog), or null. */
    private static String rootName(String text) {
        int i = 0;
        while ((i = text.indexOf('<', i)) >= 0 && i + 1 < text.length()) {
            char next = text.charAt(i + 1);
            if (next == '?' || next == '!') {
                i = text.indexOf('>', i); // a declaration or comment (the clients send none with a '>' inside)
                if (i < 0) {
                    return null;
                }
                continue;
            }
            int end = i + 1;
            while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '>'
                    && text.charAt(end) != '/') {
                end++;
            }
            String name = text.substring(i + 1, end);
            return name.substring(name.indexOf(':') + 1);
        }
        return null;
    }

    private static JsonNode flatten(JsonNode n) {
        if (n.isObject()) {
            if (n.size() == 1 && n.has("")) {
                return flatten(n.get(""));
            }
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                if (!e.getKey().isEmpty()) {
                    o.set(e.getKey(), flatten(e.getValue()));
                }
            }
            return o;
        }
        return n;
    }

    /** The fields under a root element, or the body itself when it is not wrapped. */
    private static ObjectNode in(ObjectNode body, String root) {
        JsonNode inner = body.get(root);
        if (body.size() == 1 && inner != null && inner.isObject()) {
            return (ObjectNode) inner;
        }
        return body;
    }

    private static String field(ObjectNode o, String name) {
        JsonNode n = o.get(name);
        return n == null || n.isNull() || n.isContainer() ? null : n.asString();
    }

    private static String required(ObjectNode o, String name) {
        String v = field(o, name);
        if (v == null || v.isBlank()) {
            throw new Fail(400, "не указан параметр " + name);
        }
        return v.trim();
    }

    private static long pathId(RecordedRequest r, int index) {
        String[] parts = r.path().split("/");
        try {
            return Long.parseLong(parts[index]);
        } catch (RuntimeException e) {
            throw new Fail(400, "некорректный номер");
        }
    }

    private ServerRec serverOf(RecordedRequest r) {
        ServerRec s = servers.get(pathId(r, 3));
        if (s == null) {
            throw new Fail(404, "VPS не найдена");
        }
        return s;
    }

    private String dotted(Instant i) {
        return DOTTED.format(i.atZone(MOSCOW));
    }

    // ------------------------------------------------------------------ resources

    private Elem limits() {
        Elem rate = Elem.list("rate");
        String[][] table = {{"POST", "*", ".*", "10", "MINUTE"}, {"POST", "*/servers", "^/servers", "50", "DAY"},
            {"PUT", "*", ".*", "10", "MINUTE"}, {"DELETE", "*", ".*", "60", "MINUTE"}, {"GET", "*", ".*", "60", "MINUTE"}};
        long reset = now().getEpochSecond() + 60;
        for (String[] l : table) {
            rate.add(Elem.of("limit").attr("verb", l[0]).attr("URI", l[1]).attr("regex", l[2]).attr("value", l[3])
                    .attr("remaining", Integer.parseInt(l[3])).attr("unit", l[4]).attr("resetTime", reset));
        }
        return Elem.of("limits").add(rate);
    }

    private Elem addresses(ServerRec s, String primaryName) {
        Elem pub = Elem.list("public");
        synchronized (s.ips) {
            for (String[] ip : s.ips) {
                pub.add(Elem.of("ip").attr("addr", "ip", ip[0]).attr(primaryName, "1".equals(ip[1])).attr("isp", false));
            }
        }
        return Elem.of("addresses").add(pub);
    }

    private Elem serverElem(ServerRec s, boolean detail) {
        Elem e = Elem.of("server").leafs("id", Long.toString(s.id), "name", s.name, "imageId", Long.toString(s.imageId),
                "type", s.type, "status", s.status, "os_type", "debian", "os_bits", "64");
        e.add(addresses(s, "primary_ip"));
        if (detail) {
            e.leafs("vps_memory", Integer.toString(s.memory), "vps_memory_max", Integer.toString(s.memory),
                    "vps_mem_load", "8.21", "vps_cpu_load", "0.00", "vps_disk_load", "18",
                    "vps_os_title", "Debian", "vps_os_version", "6", "vps_os_bits", "64", "vps_os_type", "debian",
                    "vps_vnc", "188.127.239.206:5909", "vps_cpu_max", "2267", "vps_cpu_1h_min", "0.00", "vps_cpu_1h_max", "1.67",
                    "vps_mem_1h_min", "63.05", "vps_mem_1h_max", "63.07", "vps_hdd_load", "901", "vps_hdd_max", Integer.toString(s.hdd),
                    "vps_root_pass", "root-" + s.id, "vps_user_pass", "user-" + s.id, "vps_vnc_pass", "vnc-" + s.id,
                    "vps_createdate", "07.02.2011 11:09:02", "vps_billingdate", "04.05.2011 22:11:47",
                    "vps_update", "04.03.2011 22:12:43", "vps_update_days", "(31 день)",
                    "vps_traf", "", "vps_traff_used", "", "vps_traff_free", "", "vps_traff_used_free", "");
        }
        return e;
    }

    private Elem serverList(boolean detail) {
        if (servers.isEmpty()) {
            throw new Fail(404, "VPS не найдены");
        }
        Elem list = Elem.list("servers");
        servers.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).forEach(s -> list.add(serverElem(s, detail)));
        return list;
    }

    private Elem serverDetail(RecordedRequest r) {
        ServerRec s = serverOf(r);
        Elem e = serverElem(s, true);
        switch (s.status) {
            case "is_request" -> s.status = "is_install";
            case "is_install" -> s.status = "is_running";
            default -> { }
        }
        return e;
    }

    private Elem createServer(ObjectNode body) {
        ObjectNode p = in(body, "server");
        String name = field(p, "vps_title") != null ? field(p, "vps_title") : required(p, "name");
        String type = required(p, "vps_type");
        if (!type.equals("VirtualServer") && !type.equals("ScaleServer")) {
            throw new Fail(400, "неверный тип VPS");
        }
        int memory = Integer.parseInt(required(p, "vps_memory"));
        int hdd = Integer.parseInt(required(p, "vps_hdd"));
        String os = field(p, "vps_os") != null ? field(p, "vps_os") : required(p, "vps_os_preset");
        long id = ids.incrementAndGet();
        ServerRec s = new ServerRec(id, name, Long.parseLong(os), type, "is_request");
        s.memory = memory;
        s.hdd = hdd;
        servers.put(id, s);
        return Elem.of("server").leafs("id", Long.toString(id), "name", name, "imageId", os, "adminPass", "Pw" + id + "xQ");
    }

    private Elem modifyServer(RecordedRequest r, ObjectNode body) {
        ServerRec s = serverOf(r);
        ObjectNode p = in(body, "server");
        if (p.isEmpty()) {
            throw new Fail(400, "нет параметров");
        }
        if (field(p, "vps_memory") != null) {
            s.memory = Integer.parseInt(field(p, "vps_memory"));
        }
        if (field(p, "vps_hdd") != null) {
            s.hdd = Integer.parseInt(field(p, "vps_hdd"));
        }
        return null;
    }

    private Elem deleteServer(RecordedRequest r) {
        ServerRec s = serverOf(r);
        if (s.status.equals("is_install")) {
            throw new Fail(405, "VPS устанавливается");
        }
        servers.remove(s.id);
        return null;
    }

    private Elem changeType(RecordedRequest r, ObjectNode body) {
        serverOf(r);
        String pay = required(in(body, "server"), "pay_type");
        if (!List.of("1h", "1m", "3m", "6m", "12m").contains(pay)) {
            throw new Fail(400, "неверный pay_type");
        }
        return null;
    }

    private Elem action(RecordedRequest r, ObjectNode body) {
        ServerRec s = serverOf(r);
        if (body.size() != 1) {
            throw new Fail(400, "ожидалось одно действие");
        }
        String action = body.propertyNames().iterator().next();
        String command;
        switch (action) {
            case "start" -> { s.status = "is_running"; command = "Старт"; }
            case "stop" -> { s.status = "is_disabled"; command = "Стоп"; }
            case "reboot" -> { s.status = "is_running"; command = "Перезагрузка"; }
            case "rebuild" -> {
                JsonNode a = body.get("rebuild");
                String image = a.isObject() ? field((ObjectNode) a, "imageId") : null;
                if (image == null) {
                    throw new Fail(400, "не указан imageId");
                }
                s.imageId = Long.parseLong(image);
                s.status = "is_install";
                command = "Переустановка";
            }
            default -> throw new Fail(400, "неизвестное действие");
        }
        synchronized (s.log) {
            s.log.add(new String[] {Long.toString(ids.incrementAndGet()), command, "Клиент (API)", dotted(now()), "ОК"});
        }
        return null;
    }

    private Elem log(RecordedRequest r) {
        ServerRec s = serverOf(r);
        Elem logs = Elem.of("logs");
        synchronized (s.log) {
            for (String[] l : s.log) {
                logs.add(Elem.of("log").leafs("id", l[0], "command", l[1], "user", l[2], "date", l[3], "status", l[4]));
            }
        }
        if (s.log.isEmpty()) {
            throw new Fail(404, "записей нет");
        }
        return logs;
    }

    private Elem stats(RecordedRequest r, ObjectNode body) {
        serverOf(r);
        ObjectNode p = in(body, "stats");
        long from = Long.parseLong(required(p, "from"));
        Elem stats = Elem.of("stats");
        for (int i = 0; i < 2; i++) {
            stats.add(Elem.of("row").leafs("statdate", Long.toString(from + 60L * i), "cpu_sec", "1", "cpu_perc", "0.25",
                    "mem_current", "524288", "mem_used", "146936", "net_rx", "548", "net_tx", "177", "hdd_read", "0", "hdd_write", "75"));
        }
        return stats;
    }

    private Elem backups(RecordedRequest r) {
        ServerRec s = serverOf(r);
        Elem list = Elem.list("backups").keepItemName();
        synchronized (s.backups) {
            for (Map<String, String> b : s.backups) {
                list.add(Elem.of("backup").leafs("file", b.get("file"), "date", b.get("date"), "price", new BigDecimal("0.05"),
                        "size", "5", "desc", b.get("desc"), "days", b.get("days"), "time", b.get("time"), "os_type", "debian"));
            }
        }
        return list;
    }

    private Elem backupReq(RecordedRequest r, ObjectNode body, String root) {
        ServerRec s = serverOf(r);
        String file = field(body, "file");
        long req = ids.incrementAndGet();
        requestReads.put(req, new int[1]);
        synchronized (s.backups) {
            switch (root) {
                case "backup_create" -> {
                    if (file == null) {
                        addBackup(s.id, Long.toString(req), "");
                    }
                }
                case "backup_delete" -> {
                    if (file == null || !s.backups.removeIf(b -> b.get("file").equals(file))) {
                        throw new Fail(404, "резервная копия не найдена");
                    }
                }
                default -> {
                    if (file == null || s.backups.stream().noneMatch(b -> b.get("file").equals(file))) {
                        throw new Fail(404, "резервная копия не найдена");
                    }
                    restoreReads.put(req, new int[1]);
                }
            }
        }
        return Elem.of(root).add(Elem.leaf("req", req));
    }

    private Elem restoreState(ObjectNode body) {
        long req = Long.parseLong(required(body, "req"));
        int[] reads = restoreReads.get(req);
        if (reads == null) {
            throw new Fail(404, "запрос не найден");
        }
        int progress = reads[0]++ == 0 ? 50 : 100;
        return Elem.of("restore_state").add(Elem.leaf("progress", progress));
    }

    private Elem backupSet(RecordedRequest r, ObjectNode body, String what) {
        ServerRec s = serverOf(r);
        ObjectNode p = in(body, "backup");
        String file = required(p, "file");
        synchronized (s.backups) {
            Map<String, String> b = s.backups.stream().filter(x -> x.get("file").equals(file)).findFirst()
                    .orElseThrow(() -> new Fail(404, "резервная копия не найдена"));
            if (what.equals("desc")) {
                b.put("desc", required(p, "desc"));
            } else {
                b.put("days", required(p, "backups_days"));
                b.put("time", required(p, "backups_time"));
            }
        }
        return null;
    }

    private Elem ips(RecordedRequest r) {
        return addresses(serverOf(r), "is_primary");
    }

    private Elem addIp(RecordedRequest r, ObjectNode body) {
        ServerRec s = serverOf(r);
        String subnet = field(body, "subnet");
        String prefix = subnet == null ? "62.76.41." : subnet.replace("*", "");
        synchronized (s.ips) {
            s.ips.add(new String[] {prefix + (100 + ids.incrementAndGet() % 150), ""});
        }
        return null;
    }

    private Elem deleteIp(RecordedRequest r, ObjectNode body) {
        ServerRec s = serverOf(r);
        String ip = required(body, "ip");
        synchronized (s.ips) {
            if (!s.ips.removeIf(x -> x[0].equals(ip))) {
                throw new Fail(400, "IP не принадлежит VPS");
            }
        }
        return null;
    }

    private Elem moveIp(RecordedRequest r, ObjectNode body) {
        ServerRec target = serverOf(r);
        String ip = required(body, "ip");
        for (ServerRec s : servers.values()) {
            synchronized (s.ips) {
                for (String[] x : s.ips) {
                    if (x[0].equals(ip)) {
                        if ("1".equals(x[1])) {
                            throw new Fail(400, "основной IP нельзя перенести");
                        }
                        s.ips.remove(x);
                        synchronized (target.ips) {
                            target.ips.add(x);
                        }
                        return null;
                    }
                }
            }
        }
        throw new Fail(404, "IP не найден");
    }

    private Elem dnsOverview() {
        Elem domains = Elem.list("domains");
        zones.values().forEach(z -> domains.add(Elem.of("domain").leafs("id", Long.toString(z.id), "name", z.name, "type", z.type,
                "records_count", Integer.toString(z.records.size()), "unchecked", "0", "unchecked_expire", "30.11.-0001 00:00")));
        Elem reverse = Elem.list("reverse");
        servers.values().forEach(s -> reverse.add(Elem.of("record").leafs("id", Long.toString(s.id + 5000), "ip_value", s.ips.isEmpty() ? "" : s.ips.get(0)[0],
                "virtual_mashines_title", "VPS " + s.name, "resellers_id", "0", "reverse_value", s.id + ".in-addr.arpa", "domain_value", s.name + ".vm.clodoserver.ru.")));
        return Elem.of("dns").add(domains).add(reverse);
    }

    private Elem createZone(ObjectNode body) {
        ObjectNode p = in(body, "dns");
        String name = required(p, "newdomain");
        String type = required(p, "newdomain_type");
        if (!type.equals("MASTER") && !type.equals("SLAVE")) {
            throw new Fail(400, "неверный тип зоны");
        }
        if (type.equals("SLAVE")) {
            required(p, "slave_addr");
        }
        long id = ids.incrementAndGet();
        zones.put(id, new Zone(id, name, type));
        return Elem.of("dns").leafs("id", Long.toString(id));
    }

    private Zone zoneOf(RecordedRequest r) {
        Zone z = zones.get(pathId(r, 3));
        if (z == null) {
            throw new Fail(404, "зона не найдена");
        }
        return z;
    }

    private Elem zone(RecordedRequest r) {
        Zone z = zoneOf(r);
        Elem types = Elem.list("record_types");
        for (String t : List.of("A", "AAAA", "CNAME", "MX", "TXT", "NS")) {
            types.add(Elem.leaf("type", t));
        }
        Elem records = Elem.list("records");
        synchronized (z.records) {
            z.records.forEach((id, rec) -> records.add(Elem.of("record").leafs("id", Long.toString(id), "domain_id", Long.toString(z.id),
                    "name", rec.get("name"), "type", rec.get("type"), "content", rec.get("content"), "ttl", rec.get("ttl"),
                    "prio", rec.getOrDefault("prio", ""))));
        }
        return Elem.of("dns").add(types).add(records);
    }

    private Elem updateZone(RecordedRequest r, ObjectNode body) {
        Zone z = zoneOf(r);
        ObjectNode p = in(body, "dns");
        Map<String, Map<String, String>> byId = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            int us = e.getKey().lastIndexOf('_');
            if (us < 0 || e.getKey().equals("domain_master")) {
                continue;
            }
            byId.computeIfAbsent(e.getKey().substring(us + 1), k -> new LinkedHashMap<>()).put(e.getKey().substring(0, us), e.getValue().asString());
        }
        synchronized (z.records) {
            byId.forEach((id, rec) -> {
                if (id.startsWith("0")) {
                    z.records.put(ids.incrementAndGet(), rec);
                } else if (z.records.containsKey(Long.parseLong(id))) {
                    z.records.get(Long.parseLong(id)).putAll(rec);
                } else {
                    throw new Fail(400, "запись " + id + " не найдена");
                }
            });
        }
        return null;
    }

    private Elem deleteZoneOrRecord(RecordedRequest r, ObjectNode body) {
        Zone z = zoneOf(r);
        String record = field(in(body, "dns"), "delete_record");
        if (record == null) {
            zones.remove(z.id);
            return null;
        }
        synchronized (z.records) {
            if (z.records.remove(Long.parseLong(record)) == null) {
                throw new Fail(404, "запись не найдена");
            }
        }
        return Elem.of("dns").leafs("new_soa", Long.toString(2024010100L + ids.incrementAndGet()));
    }

    private Elem tickets() {
        Elem list = Elem.list("tickets").keepItemName();
        tickets.forEach((id, t) -> list.add(Elem.of("ticket").leafs("id", Long.toString(id), "subject", t.get("subject"),
                "status", "Обрабатывается", "type_name", "Общие вопросы", "open_date", t.get("open_date"), "status_id", "1", "is_new_events", "")));
        return Elem.of("helpdesk").add(list);
    }

    private Elem openTicket(ObjectNode body) {
        ObjectNode p = in(body, "helpdesk");
        Map<String, Object> t = new ConcurrentHashMap<>();
        t.put("subject", required(p, "tickets_subj"));
        t.put("text", required(p, "tickets_text"));
        t.put("open_date", DASHED.format(now().atZone(MOSCOW)));
        t.put("events", new ArrayList<String>());
        tickets.put(ids.incrementAndGet(), t);
        return null;
    }

    private Map<String, Object> ticketOf(RecordedRequest r) {
        Map<String, Object> t = tickets.get(pathId(r, 3));
        if (t == null) {
            throw new Fail(404, "заявка не найдена");
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    private Elem ticket(RecordedRequest r) {
        long id = pathId(r, 3);
        Map<String, Object> t = ticketOf(r);
        Elem ticket = Elem.of("ticket").leafs("id", Long.toString(id), "text", t.get("text"), "subject", t.get("subject"),
                "status", "Обрабатывается", "status_id", "1", "type_name", "Общие вопросы", "open_date", t.get("open_date"),
                "operator_name", "", "sla", "0", "vote", "0");
        Elem events = Elem.list("events");
        List<String> texts = (List<String>) t.get("events");
        synchronized (texts) {
            int n = 0;
            for (String text : texts) {
                events.add(Elem.of("event").leafs("ticket_events_id", Long.toString(id * 10 + n++), "ticket_events_date", t.get("open_date"),
                        "ticket_events_user_id", "123", "ticket_events_text", text, "ticket_events_new_user", "", "users_name", "Клиент",
                        "is_user_msg", "1", "is_file", ""));
            }
        }
        return Elem.of("helpdesk").add(ticket).add(events).add(Elem.list("works"));
    }

    @SuppressWarnings("unchecked")
    private Elem replyTicket(RecordedRequest r, ObjectNode body) {
        Map<String, Object> t = ticketOf(r);
        String text = required(in(body, "helpdesk"), "text");
        List<String> events = (List<String>) t.get("events");
        synchronized (events) {
            events.add(text);
        }
        return null;
    }

    private Elem user() {
        Elem u = Elem.of("user");
        new java.util.TreeMap<>(profile).forEach((k, v) -> u.add(Elem.leaf(k, v)));
        Elem dcs = Elem.list("dcs");
        for (String[] dc : datacenters) {
            dcs.add(Elem.of("dc").leafs("id", dc[0], "apihost", dc[1], "title", dc[2]));
        }
        u.add(dcs);
        u.add(Elem.list("auth_ips").add(Elem.of("ip").leafs("ip", "127.0.0.1")));
        u.add(Elem.list("auth_log").add(Elem.of("log").leafs("auth_date", "2012-01-24 04:00:02", "auth_ip", "127.0.0.1", "auth_status", "ok")));
        return u;
    }

    private Elem updateUser(ObjectNode body) {
        ObjectNode p = in(body, "user");
        if (p.isEmpty()) {
            throw new Fail(400, "нет параметров");
        }
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            if (!e.getKey().startsWith("users_")) {
                throw new Fail(400, "неизвестный параметр " + e.getKey());
            }
            profile.put(e.getKey(), e.getValue().asString());
        }
        return null;
    }

    private Elem storageElem(long id, Map<String, Object> st, boolean detail) {
        Elem e = Elem.of("storage").leafs("id", Long.toString(id), "title", st.get("title"), "login", "storage_123_" + id,
                "cluster", "cs1.clodo.ru:80", "key", "CLODO_key" + id, "size", "19282934228");
        if (detail) {
            e.leafs("is_default", "0", "cache_xomcc", st.getOrDefault("cache_xomcc", "0"), "cache_expires", st.getOrDefault("cache_expires", "off"),
                    "cache_bypass", "X-Cache-Bypass-xjKRssBE", "cache_refererfilter", "", "cache_publicsearch", st.getOrDefault("cache_publicsearch", "1"),
                    "public_url", "storage.test.com", "public_url_checked", "checked");
        } else {
            e.leafs("token", "CLODO_token" + id);
        }
        return e;
    }

    private Elem storageList() {
        Elem list = Elem.list("storages");
        storages.forEach((id, st) -> list.add(storageElem(id, st, false)));
        return list;
    }

    private Map<String, Object> storageOf(RecordedRequest r) {
        Map<String, Object> st = storages.get(pathId(r, 3));
        if (st == null) {
            throw new Fail(404, "хранилище не найдено");
        }
        return st;
    }

    private Elem createStorage(ObjectNode body) {
        ObjectNode p = in(body, "storage");
        Map<String, Object> st = new ConcurrentHashMap<>();
        st.put("title", required(p, "title"));
        long id = ids.incrementAndGet();
        storages.put(id, st);
        return Elem.of("storage").leafs("id", Long.toString(id), "login", "storage_123_" + id, "cluster", "cs1.clodo.ru:80",
                "key", "CLODO_api" + id, "storagekey", "CLODO_key" + id);
    }

    private Elem storageDetail(RecordedRequest r) {
        return storageElem(pathId(r, 3), storageOf(r), true);
    }

    private Elem updateStorage(RecordedRequest r, ObjectNode body) {
        Map<String, Object> st = storageOf(r);
        ObjectNode p = in(body, "storage");
        Elem changed = Elem.of("storage");
        for (Map.Entry<String, JsonNode> e : p.properties()) {
            String v = e.getValue().asString();
            if (!v.equals(st.get(e.getKey()))) {
                st.put(e.getKey(), v);
                changed.add(Elem.leaf(e.getKey(), v));
            }
        }
        return changed.kids.isEmpty() ? null : changed;
    }

    private Elem deleteStorage(RecordedRequest r) {
        storageOf(r);
        storages.remove(pathId(r, 3));
        return null;
    }

    private Elem requestStatus(RecordedRequest r) {
        long id = pathId(r, 3);
        int[] reads = requestReads.get(id);
        if (reads == null) {
            throw new Fail(404, "запрос не найден");
        }
        boolean done = reads[0]++ > 0;
        String at = DASHED.format(now().atZone(MOSCOW));
        return Elem.of("request").leafs("vps_num", "", "req_complete", done ? "1" : "", "req_complete_date", done ? at : "",
                "req_requests_inwork", at);
    }

    private Elem billing(ObjectNode body) {
        ObjectNode p = in(body, "billing");
        String from = field(p, "from");
        Instant day = from == null || from.isBlank() ? now() : Instant.ofEpochSecond(Long.parseLong(from.trim()));
        Elem debits = Elem.of("debits")
                .add(Elem.of("vbd").leafs("debits_amount", new BigDecimal("3.8"), "debits_count", 380))
                .add(Elem.of("vps").leafs("debits_amount", new BigDecimal("17.550"), "debits_count", new BigDecimal("13.00")));
        return Elem.of("billing").leafs("total_debit_amount", new BigDecimal("57.82"), "total_credit_amount", 0,
                "period", DateTimeFormatter.ofPattern("dd.MM.uuuu").format(day.atZone(MOSCOW))).add(debits).add(Elem.list("credits"));
    }

    private Elem images(boolean detail) {
        Elem list = Elem.list("images");
        String[][] images = {{"541", "Debian 6 64 bits", "ScaleServer", "debian", "64"}, {"2056", "Ubuntu 22.04 64 bits", "VirtualServer", "ubuntu", "64"}};
        for (String[] i : images) {
            Elem e = Elem.of("image").attr("id", i[0]).attr("name", i[1]).attr("vps_type", i[2]).attr("status", "ACTIVE");
            if (detail) {
                e.attrsUnderAttr().leafs("os_type", i[3], "os_bits", i[4], "os_hvm", "0");
            }
            list.add(e);
        }
        return list;
    }

    private Elem presets() {
        Elem fields = Elem.list("fields").keepItemName();
        for (String[] f : new String[][] {{"Логин", "login", "login", "1"}, {"Пароль", "pass", "password", "1"}, {"E-mail", "email", "email", "1"}}) {
            fields.add(Elem.of("field").leafs("title", f[0], "name", f[1], "type", f[2], "req", Integer.parseInt(f[3])));
        }
        return Elem.list("presets").keepItemName().add(Elem.of("preset").leafs("id", "62", "name", "bitrix", "title", "1С-Битрикс",
                "description", "<p>Bitrix</p>").add(fields));
    }

    /** Configures a {@link ClodoStub}. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private Duration lifetime = Duration.ofMinutes(20);
        private Clock clock = Clock.systemUTC();
        private final List<String[]> datacenters = new ArrayList<>();
        private int port;

        private Builder() {
        }

        /**
         * @param value the loopback port to listen on, 0 (the default) for a free one
         * @return this
         */
        public Builder port(int value) {
            if (value < 0 || value > 65535) {
                throw new IllegalArgumentException("port out of range: " + value);
            }
            this.port = value;
            return this;
        }

        /**
         * @param login a login the stub accepts
         * @param key its API key
         * @return this
         */
        public Builder user(String login, String key) {
            users.put(Objects.requireNonNull(login, "login"), Objects.requireNonNull(key, "key"));
            SecretScan.register(key);
            return this;
        }

        /**
         * @param value how long a token lives (20 minutes by default)
         * @return this
         */
        public Builder tokenLifetime(Duration value) {
            this.lifetime = Objects.requireNonNull(value, "tokenLifetime");
            return this;
        }

        /**
         * @param value the stub's clock (tokens expire by it; see also {@link ClodoStub#advanceClock})
         * @return this
         */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Lists a datacenter in the user profile's {@code dcs}.
         *
         * @param id its id
         * @param apiHost its API host (e.g. another stub's {@code 127.0.0.1:port})
         * @param title its name
         * @return this
         */
        public Builder datacenter(String id, String apiHost, String title) {
            datacenters.add(new String[] {id, apiHost, title});
            return this;
        }

        /** @return the running stub on a free loopback port */
        public ClodoStub start() {
            if (users.isEmpty()) {
                throw new IllegalStateException("configure at least one user");
            }
            return new ClodoStub(this);
        }
    }
}
