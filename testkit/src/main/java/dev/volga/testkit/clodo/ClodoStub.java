package dev.volga.testkit.clodo;

import dev.volga.testkit.FaultRule;
import dev.volga.testkit.Faults;
import dev.volga.testkit.JournalAssertions;
import dev.volga.testkit.ProviderStub;
import dev.volga.testkit.Quota;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.SecretScan;
import dev.volga.testkit.StubServer;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 *
 * <p>A path no route serves answers Clodo's 404 ({@code {"NotFound":{…,"details":"Модуль не найден"}}}
 * or its XML form); {@link Builder#managementPath} moves the management API off {@code /v1}. The
 * admin API under {@code /__admin} ({@code docs/testkit-admin.md}) seeds and switches the
 * stub over HTTP through the same methods.
 */
public final class ClodoStub implements ProviderStub {

    /** How errors other than XML are written. */
    public enum ErrorStyle {
        /** {@code {"NotFound":{"code":404,"message":"Not Found","details":"…"}}} as D1 documents. */
        WRAPPED,
        /** {@code {"code":401,"message":"Unauthorized","details":"…"}} as seen live in 2022. */
        FLAT
    }

    private final StubServer http;
    private final ClodoState state;

    private ClodoStub(Builder b) {
        this.state = new ClodoState(b.users, b.lifetime, b.clock, b.datacenters, b.managementPath);
        this.http = StubServer.start(b.port);
        http.ownedBy(this);
        ClodoRoutes.install(http, state);
        ClodoAdmin.install(http, this);
    }

    /**
     * The faults injected into this stub; paths as recorded ({@code /} for the login,
     * {@code /v1/…} for the management API); time windows run on the stub's clock.
     *
     * @return the faults
     */
    @Override
    public Faults faults() {
        return http.faults();
    }

    /**
     * Assertions on the journal: paths as recorded, logins are {@code GET /}; {@code noStaleToken()}
     * fails for any management request refused for a missing, unknown or expired token.
     *
     * @return the assertions
     */
    @Override
    public JournalAssertions verify() {
        return JournalAssertions.of(http).withLogin("GET", "/")
                .withStaleTokens(r -> state.staleTokenRequests.contains(r.sequence()));
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
        return quota(Quota.of(permits, period, burst).clock(state.clock));
    }

    /**
     * Enforces a quota per user given as a {@link Quota} (its key is replaced by the user: the
     * login's {@code X-Auth-User}, or the owner of the token).
     *
     * @param quota the quota
     * @return this stub
     */
    @Override
    public ClodoStub quota(Quota quota) {
        http.quota(quota.keyedBy(r -> r.header("X-Auth-User")
                .orElseGet(() -> state.tokenUsers.getOrDefault(r.header("X-Auth-Token").orElse(""), ""))));
        return this;
    }

    /**
     * Stops enforcing a quota (the default).
     *
     * @return this stub
     */
    @Override
    public ClodoStub noQuota() {
        http.noQuota();
        return this;
    }

    /**
     * How many requests the quota refused with 429 since it was set or the stub was reset.
     *
     * @return the count
     */
    @Override
    public int tooManyRequestsSent() {
        return http.quotaRefusals();
    }

    /**
     * Back to the state after start: forgets the journal, scripts, injected faults, the quota's
     * buckets, every token (clients log in again), the login count, pending failures, the error
     * style, the clock offset and all data. The quota setting stays.
     */
    @Override
    public void reset() {
        clearJournalAndFaults();
        state.resetData();
    }

    /**
     * Forgets the journal, scripts, injected faults, the quota's buckets, the login count and
     * pending failures, but keeps tokens and data: for tests that share a seeded stub.
     */
    @Override
    public void clearJournalAndFaults() {
        http.reset();
        state.clearCounters();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the auth URL (the stub's root), e.g. {@code http://127.0.0.1:4321} */
    public String authUrl() {
        return http.baseUrl();
    }

    /**
     * @return the management URL the login hands out: {@code authUrl()} and the management path
     *     ({@code /v1} unless {@link Builder#managementPath} moved it)
     */
    public String managementUrl() {
        return http.baseUrl() + state.managementPath;
    }

    /**
     * The auth URL, the one a client is configured with.
     *
     * @return {@link #authUrl()}
     */
    @Override
    public String baseUrl() {
        return authUrl();
    }

    /**
     * The underlying stub server (journal, scripted responses, faults, the admin API under
     * {@code /__admin}, whose Clodo routes {@code docs/testkit-admin.md} lists).
     *
     * @return the server
     */
    @Override
    public StubServer server() {
        return http;
    }

    /**
     * The underlying stub server, as {@link #server()}.
     *
     * @return the server
     */
    public StubServer http() {
        return http;
    }

    /** @return every request received, in order */
    @Override
    public List<RecordedRequest> journal() {
        return http.journal();
    }

    /**
     * @param method the method or {@code *}
     * @param pathPattern a path pattern as for {@link StubServer#route}, e.g. {@code /v1/servers/*}
     * @return the matching requests
     */
    @Override
    public List<RecordedRequest> requests(String method, String pathPattern) {
        return http.requests(method, pathPattern);
    }

    /** @return the number of successful logins */
    public int logins() {
        return state.logins.get();
    }

    /**
     * Moves the stub's clock forward (tokens expire by it).
     *
     * @param by how far
     * @return this stub
     */
    public ClodoStub advanceClock(Duration by) {
        state.advanceClock(by);
        return this;
    }

    /**
     * Changes how long the tokens handed out from now on live; tokens already handed out keep theirs.
     *
     * @param value the new lifetime, positive
     * @return this stub
     */
    public ClodoStub tokenLifetime(Duration value) {
        Objects.requireNonNull(value, "tokenLifetime");
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("tokenLifetime must be positive, was " + value);
        }
        state.lifetime = value;
        return this;
    }

    /**
     * Makes every token handed out so far invalid (the next call with one answers 401).
     *
     * @return this stub
     */
    public ClodoStub expireAllTokens() {
        state.tokens.clear();
        return this;
    }

    /**
     * Makes the next management calls fail.
     *
     * @param count how many of the next management calls fail
     * @param status with which HTTP status (400, 403, 404, 405, 500…)
     * @return this stub
     */
    public ClodoStub failNext(int count, int status) {
        state.failStatus = status;
        state.failNext.set(count);
        return this;
    }

    /**
     * @param style how JSON errors are written from now on
     * @return this stub
     */
    public ClodoStub errorStyle(ErrorStyle style) {
        state.errorStyle = Objects.requireNonNull(style, "style");
        return this;
    }

    /**
     * Seeds a server running image 561 (Debian) with one primary IP.
     *
     * @param name its title
     * @param type {@code VirtualServer} or {@code ScaleServer}
     * @param status its status, e.g. {@code is_running}
     * @return its id
     */
    public long addServer(String name, String type, String status) {
        return addServer(name, type, status, ClodoState.DEFAULT_IMAGE);
    }

    /**
     * Seeds a server with one primary IP; its {@code os_type} follows the image ({@code 541} Debian,
     * {@code 2056} Ubuntu; Debian for an image not in {@code GET /images}).
     *
     * @param name its title
     * @param type {@code VirtualServer} or {@code ScaleServer}
     * @param status its status, e.g. {@code is_running}
     * @param imageId the image it runs
     * @return its id
     */
    public long addServer(String name, String type, String status, long imageId) {
        return state.newServer(Objects.requireNonNull(name, "name"), imageId, Objects.requireNonNull(type, "type"),
                Objects.requireNonNull(status, "status"), 512, 5).id;
    }

    /**
     * Seeds a backup (a backup's id is the {@code file} given, so nothing is returned).
     *
     * @param serverId the server
     * @param file the backup id
     * @param description its description ("" for none)
     */
    public void addBackup(long serverId, String file, String description) {
        state.addBackup(serverId, file, description);
    }

    /**
     * Seeds a DNS zone.
     *
     * @param domain the domain
     * @param type {@code MASTER} or {@code SLAVE}
     * @return its id
     */
    public long addZone(String domain, String type) {
        return state.addZone(domain, type);
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
        return state.addRecord(zoneId, name, type, content, ttl);
    }

    /**
     * Seeds a helpdesk ticket.
     *
     * @param subject its subject
     * @param text its first message
     * @return its id
     */
    public long addTicket(String subject, String text) {
        return state.addTicket(subject, text);
    }

    /**
     * Seeds a Cloud Storage store.
     *
     * @param title its title
     * @return its id
     */
    public long addStorage(String title) {
        return state.addStorage(title);
    }

    /**
     * @param value the account balance {@code GET /billing/balance} answers
     * @return this stub
     */
    public ClodoStub balance(BigDecimal value) {
        state.balance = Objects.requireNonNull(value, "balance");
        return this;
    }

    /**
     * @param id a server
     * @return its status now
     */
    public String serverStatus(long id) {
        return state.server(id).status;
    }

    /** @return the ids of the servers */
    public List<Long> serverIds() {
        return List.copyOf(state.servers.keySet());
    }

    /** @return the profile fields as stored (updates included) */
    public Map<String, String> profile() {
        return Map.copyOf(state.profile);
    }

    /** Stops the stub and closes its connections. */
    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ClodoStub[" + authUrl() + "]";
    }

    /** Configures a {@link ClodoStub}. */
    public static final class Builder {
        private final Map<String, String> users = new LinkedHashMap<>();
        private Duration lifetime = Duration.ofMinutes(20);
        private Clock clock = Clock.systemUTC();
        private final List<String[]> datacenters = new ArrayList<>();
        private int port;
        private String managementPath = "/v1";

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

        /**
         * Moves the management API under another path (the login stays on the auth URL's root and
         * hands out {@code authUrl() + path}); the default is {@code /v1}, as Clodo's. A management
         * route asked for on any other path, {@code /v1/servers} included, answers Clodo's 404
         * {@code Модуль не найден}: a client that ignores {@code X-Server-Management-Url} fails.
         *
         * @param path the path, e.g. {@code /mgmt/v1}: starts with {@code /}, no trailing {@code /},
         *     not the root, not under {@code /__admin}
         * @return this
         */
        public Builder managementPath(String path) {
            Objects.requireNonNull(path, "managementPath");
            if (!path.startsWith("/") || path.endsWith("/") || path.startsWith("/__admin") || path.contains("?")
                    || path.contains("#") || path.contains("*") || path.contains("{")) {
                throw new IllegalArgumentException("managementPath must start with / and name a path below the root, "
                        + "without a trailing /, wildcards, or /__admin, was " + path);
            }
            this.managementPath = path;
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
