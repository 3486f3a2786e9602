package dev.volga.testkit.nodul;

import dev.volga.testkit.FaultDialect;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.Faults;
import dev.volga.testkit.JournalAssertions;
import dev.volga.testkit.Quota;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.SecretScan;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-memory Nodul (Latenode) White Label API on loopback, written from the API's documented wire
 * format, independently of any client's classes.
 *
 * <p>Serves the 16 documented endpoints under {@link #BASE_PATH}; {@link #baseUrl()} includes it.
 * Every answer is the envelope {@code {"success", "request_id", "data", "errors"}} with a fresh
 * {@code request_id}; 64-bit numbers are written as JSON strings, as Nodul does. It keeps plans,
 * subscriptions, users with their spaces, resource balances, consumption records, scenarios and
 * executions, which tests seed ({@link #addUser}, {@link #addPlan}, {@link #addScenario}, …) and read
 * back ({@link #plans()}, {@link #subscriptions()}, {@link #space(String)}, {@link #balance}, …).
 *
 * <p>Rules (where Nodul documents nothing, the stub's own choice is marked so):
 * <ul>
 *   <li>Every request must carry {@code AUTH_TOKEN} equal to the configured token, otherwise HTTP 401
 *       with the documented envelope: code {@code auth.Unauthorized}, message {@code Unauthorized}.</li>
 *   <li>Request numbers (int64) and ids are accepted as JSON numbers or strings.</li>
 *   <li>(Stub's choice) A body that is not JSON, has a wrong JSON type or an unknown field, an unknown
 *       path and a wrong method are answered with HTTP 500 and {@code success:false}
 *       ({@code request.InvalidBody}, {@code route.NotFound}, {@code route.MethodNotAllowed}).</li>
 *   <li>(Stub's choice) Rejected values and unknown or conflicting entities are answered with HTTP 200
 *       and {@code success:false}: {@code validation.InvalidArgument}, {@code plan.NotFound},
 *       {@code plan.Archived}, {@code user.NotFound}, {@code subscription.NotFound},
 *       {@code subscription.AlreadyCancelled}, {@code space.NotFound}, {@code execution.NotFound}.</li>
 *   <li>{@link #failNext(int, int, String, String)} makes the next authorised calls fail as told.</li>
 *   <li>(Stub's choice, off by default) {@link #quota(int, Duration, int)}: a quota per token, past
 *       which calls get HTTP 429 with {@code Retry-After} and code {@code rate_limit.TooManyRequests}.</li>
 * </ul>
 *
 * <p>Faults ({@link #faults()}, paths after {@link #BASE_PATH}) are written as Nodul would:
 * {@link FaultRule#status} and {@link FaultRule#tooManyRequests} as {@code success:false} envelopes,
 * {@link FaultRule#unauthorized} as the documented 401 envelope, {@link FaultRule#malformedBody} as
 * a cut-off envelope. {@link #verify()} asserts on the journal, {@link #reset()} clears everything
 * between tests. The underlying {@link StubServer} ({@link #server()}) journals every request and
 * still takes scripted responses ahead of the Nodul logic. Thread-safe.
 *
 * <pre>{@code
 * try (NodulStub nodul = NodulStub.start("test-token")) {
 *     nodul.addUser("user_1");
 *     String planId = nodul.addPlan("Basic", Map.of("regular_microcredits", 10_000_000L));
 *     // ... a client against nodul.baseUrl() with token "test-token" ...
 *     assertThat(nodul.requests("POST", "/subscriptions")).hasSize(1);
 * }
 * }</pre>
 */
public final class NodulStub implements AutoCloseable {

    /** The path prefix of the White Label API. */
    public static final String BASE_PATH = "/latenode/v1/whitelabel";
    /** The id of the tenant space that exists from the start. */
    public static final String TENANT_SPACE_ID = "1";
    /** {@code billing_resource_execution_credits}. */
    public static final String EXECUTION_CREDITS = "billing_resource_execution_credits";
    /** {@code billing_resource_plug_and_play_credits}. */
    public static final String PLUG_AND_PLAY_CREDITS = "billing_resource_plug_and_play_credits";
    /** {@code plan_status_active}. */
    public static final String PLAN_ACTIVE = "plan_status_active";
    /** {@code plan_status_archived}. */
    public static final String PLAN_ARCHIVED = "plan_status_archived";
    /** {@code subscription_status_active}. */
    public static final String SUBSCRIPTION_ACTIVE = "subscription_status_active";
    /** {@code subscription_status_cancelled}. */
    public static final String SUBSCRIPTION_CANCELLED = "subscription_status_cancelled";
    /** The nine documented feature aliases, in the order of the documentation's examples. */
    public static final List<String> FEATURE_ALIASES = List.of(
            "min_execution_charging_period_in_mcs", "regular_microcredits", "connected_accounts_limit",
            "parallel_executions_limit", "ai_assistant_request_limit", "plug_and_play_microcredits",
            "min_triggering_interval_in_seconds", "active_scenarios_limit", "exec_history_availability_period_in_min");

    private static final List<String> RESOURCES = List.of(EXECUTION_CREDITS, PLUG_AND_PLAY_CREDITS);
    private static final char[] ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final StubServer server;
    private final String token;
    private final JsonMapper json = JsonMapper.builder().build();
    private final SecureRandom random = new SecureRandom();
    private final Object lock = new Object();
    private final AtomicLong ids = new AtomicLong(100);

    // state, guarded by lock
    private final Map<String, Long> quotas = new LinkedHashMap<>();
    private final Map<String, Plan> plans = new LinkedHashMap<>();
    private final Map<String, Sub> subs = new LinkedHashMap<>();
    private final Map<String, UserRec> users = new LinkedHashMap<>();
    private final Map<String, SpaceRec> spaces = new LinkedHashMap<>();
    private final List<Usage> usage = new ArrayList<>();
    private final Map<String, Long> balances = new LinkedHashMap<>();
    private final Map<String, ObjectNode> executions = new LinkedHashMap<>();
    private int failuresLeft;
    private int failureStatus;
    private String failureCode;
    private String failureMessage;
    /** Sequence numbers of requests refused for a missing or wrong token. */
    private final Set<Long> staleTokenRequests = Collections.synchronizedSet(new HashSet<>());

    private NodulStub(String token, int port) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        this.token = token;
        SecretScan.register(token);
        resetState();
        this.server = StubServer.start(port);
        server.fallback(this::handle);
        server.faultDialect(new Dialect());
    }

    /**
     * Starts a stub that accepts only the given token.
     *
     * @param token the API token clients must send as {@code AUTH_TOKEN}
     * @return the running stub
     */
    public static NodulStub start(String token) {
        return new NodulStub(token, 0);
    }

    /**
     * Starts a stub on a given loopback port that accepts only the given token.
     *
     * @param token the API token clients must send as {@code AUTH_TOKEN}
     * @param port the port, 0 for a free one
     * @return the running stub
     */
    public static NodulStub start(String token, int port) {
        return new NodulStub(token, port);
    }

    /**
     * A {@code GET /plans} answer listing {@code count} generated plans, written while the client
     * reads it (chunked, backpressured, see {@link StubResponse#streamedBody}): for testing code
     * that streams a listing far larger than memory. Plan {@code i} (from 0) has the id
     * {@code "g<i>"} and the name {@code "Plan <i>"}. Enqueue it on {@link #server()}; each time it
     * is sent, {@code produced} (may be null) grows by the body bytes generated so far.
     *
     * @param count how many plans, not negative
     * @param produced counts the bytes generated, or null
     * @return the response
     */
    public static StubResponse planListing(long count, AtomicLong produced) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return StubResponse.status(200).header("Content-Type", "application/json").streamedBody(() -> new java.util.Iterator<byte[]>() {
            private long next = -1; // -1: the envelope's head; count: its tail; past it: done

            @Override
            public boolean hasNext() {
                return next <= count;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                StringBuilder sb = new StringBuilder(16 * 1024);
                if (next == -1) {
                    sb.append("{\"success\":true,\"request_id\":\"generated\",\"data\":{\"plans\":[");
                    next = 0;
                } else if (next == count) {
                    sb.append("]},\"errors\":[]}");
                    next++;
                } else {
                    for (long end = Math.min(count, next + 64); next < end; next++) {
                        sb.append(next == 0 ? "" : ",").append("{\"id\":\"g").append(next).append("\",\"name\":\"Plan ")
                                .append(next).append("\",\"status\":\"plan_status_active\",\"features\":[{\"alias\":")
                                .append("\"regular_microcredits\",\"value\":{\"int64\":\"10000000000\",\"bool\":false}}],")
                                .append("\"created_at\":\"2025-04-29T13:00:15Z\",\"updated_at\":\"2025-04-29T13:00:15Z\"}");
                    }
                }
                byte[] piece = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
                if (produced != null) {
                    produced.addAndGet(piece.length);
                }
                return piece;
            }
        });
    }

    /**
     * Starts a stub with a random token, see {@link #token()}.
     *
     * @return the running stub
     */
    public static NodulStub start() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        StringBuilder sb = new StringBuilder("stub-");
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return new NodulStub(sb.toString(), 0);
    }

    /**
     * The base URL to give a client, with {@link #BASE_PATH}.
     *
     * @return e.g. {@code http://127.0.0.1:54321/latenode/v1/whitelabel}
     */
    public String baseUrl() {
        return server.baseUrl() + BASE_PATH;
    }

    /**
     * The accepted token.
     *
     * @return the token
     */
    public String token() {
        return token;
    }

    /**
     * The underlying server: its journal, scripted responses and faults (scripts answer ahead of
     * the Nodul logic and skip the token check).
     *
     * @return the server
     */
    public StubServer server() {
        return server;
    }

    /**
     * Every received request, in arrival order.
     *
     * @return an immutable snapshot
     */
    public List<RecordedRequest> journal() {
        return server.journal();
    }

    /**
     * The received requests for a method and a path relative to {@link #BASE_PATH}.
     *
     * @param method the method, or {@code "*"}
     * @param path the path pattern after the base path, e.g. {@code /plans/archive}
     * @return an immutable snapshot, in arrival order
     */
    public List<RecordedRequest> requests(String method, String path) {
        return server.requests(method, BASE_PATH + path);
    }

    /**
     * The faults injected into this stub; rule paths are read after {@link #BASE_PATH}, e.g.
     * {@code faults().inject(FaultRule.status(503).on("GET", "/plans").times(2))}.
     *
     * @return the faults
     */
    public Faults faults() {
        return server.faults().under(BASE_PATH);
    }

    /**
     * Assertions on the journal, paths after {@link #BASE_PATH}; {@code noStaleToken()} fails for
     * any request refused for a missing or wrong {@code AUTH_TOKEN}.
     *
     * @return the assertions
     */
    public JournalAssertions verify() {
        return JournalAssertions.of(server, BASE_PATH).withStaleTokens(r -> staleTokenRequests.contains(r.sequence()));
    }

    /**
     * Enforces a quota per token (off by default): {@code permits} calls per {@code period}, up to
     * {@code burst} back to back; past it HTTP 429 with {@code Retry-After} and a
     * {@code success:false} envelope. Fresh buckets.
     *
     * @param permits calls per period, at least 1
     * @param period the period, positive
     * @param burst calls tolerated back to back, at least 1
     * @return this stub
     */
    public NodulStub quota(int permits, Duration period, int burst) {
        return quota(Quota.of(permits, period, burst));
    }

    /**
     * Enforces a quota per token (its key is replaced by the token), e.g. one on a test's clock.
     *
     * @param quota the quota
     * @return this stub
     */
    public NodulStub quota(Quota quota) {
        server.quota(quota.keyedBy(r -> r.queryParam("AUTH_TOKEN").orElse("")));
        return this;
    }

    /**
     * Stops enforcing a quota (the default).
     *
     * @return this stub
     */
    public NodulStub noQuota() {
        server.noQuota();
        return this;
    }

    /**
     * How many calls the quota refused with 429 since it was set or the stub was reset.
     *
     * @return the count
     */
    public int tooManyRequestsSent() {
        return server.quotaRefusals();
    }

    /**
     * Forgets the journal, scripts, injected faults, pending failures, the quota's buckets and all
     * data: back to the state after start (default quotas, the tenant space, nothing else; a quota
     * set with {@link #quota} stays enforced).
     */
    public void reset() {
        server.reset();
        staleTokenRequests.clear();
        resetState();
    }

    /**
     * Forgets the journal, scripts, injected faults, pending failures and the quota's buckets, but
     * keeps the seeded data: for tests that share a seeded stub.
     */
    public void clearJournalAndFaults() {
        server.reset();
        staleTokenRequests.clear();
        synchronized (lock) {
            failuresLeft = 0;
        }
    }

    /** Stops the server. Idempotent. */
    @Override
    public void close() {
        server.close();
    }

    @Override
    public String toString() {
        return "NodulStub[" + baseUrl() + "]";
    }

    // ---------------------------------------------------------------- failures

    /**
     * Makes the next {@code count} authorised calls fail with {@code success:false}.
     *
     * @param count how many calls, not negative (0 cancels pending failures)
     * @param httpStatus the HTTP status, e.g. 200 or 500
     * @param code the error code in {@code errors[0]}
     * @param message the error message
     * @return this stub
     */
    public NodulStub failNext(int count, int httpStatus, String code, String message) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        if (httpStatus < 100 || httpStatus > 999) {
            throw new IllegalArgumentException("httpStatus out of range: " + httpStatus);
        }
        synchronized (lock) {
            failuresLeft = count;
            failureStatus = httpStatus;
            failureCode = Objects.requireNonNull(code, "code");
            failureMessage = Objects.requireNonNull(message, "message");
        }
        return this;
    }

    /**
     * Makes the next {@code count} authorised calls fail with HTTP 500, code {@code internal.Error}.
     *
     * @param count how many calls
     * @return this stub
     */
    public NodulStub failNext(int count) {
        return failNext(count, 500, "internal.Error", "internal error");
    }

    // ---------------------------------------------------------------- seeding

    /**
     * Sets one organisation quota returned by {@code GET /quotas}.
     *
     * @param alias the feature alias
     * @param value the value
     * @return this stub
     */
    public NodulStub setQuota(String alias, long value) {
        synchronized (lock) {
            quotas.put(requireText(alias, "alias"), value);
        }
        return this;
    }

    /**
     * Adds a user (as after their first embedded login) with a personal space owned by them.
     *
     * @param userId the tenant's user id
     * @return the id of the user's personal space
     */
    public String addUser(String userId) {
        requireText(userId, "userId");
        synchronized (lock) {
            if (users.containsKey(userId)) {
                throw new IllegalArgumentException("user exists: " + userId);
            }
            users.put(userId, new UserRec(userId));
            String spaceId = nextId();
            spaces.put(spaceId, new SpaceRec(spaceId, userId + "_space", userId));
            return spaceId;
        }
    }

    /**
     * Adds an active plan.
     *
     * @param name the plan name
     * @param features alias → int64 value (bool false), in the map's order
     * @return the plan id
     */
    public String addPlan(String name, Map<String, Long> features) {
        requireText(name, "name");
        Objects.requireNonNull(features, "features");
        synchronized (lock) {
            String id = nextId();
            Instant now = now();
            Map<String, FeatureValue> values = new LinkedHashMap<>();
            features.forEach((a, v) -> values.put(a, new FeatureValue(v, false)));
            plans.put(id, new Plan(id, name, PLAN_ACTIVE, values, now, now));
            return id;
        }
    }

    /**
     * Adds an active subscription.
     *
     * @param userId an existing user
     * @param planId an existing plan
     * @return the subscription id
     */
    public String addSubscription(String userId, String planId) {
        synchronized (lock) {
            if (!users.containsKey(userId)) {
                throw new IllegalArgumentException("no user " + userId);
            }
            if (!plans.containsKey(planId)) {
                throw new IllegalArgumentException("no plan " + planId);
            }
            String id = nextId();
            subs.put(id, new Sub(id, planId, userId, SUBSCRIPTION_ACTIVE, now(), null));
            return id;
        }
    }

    /**
     * Adds a space owned by a user (besides their personal space).
     *
     * @param ownerUserId an existing user
     * @param name the space name
     * @return the space id
     */
    public String addSpace(String ownerUserId, String name) {
        requireText(name, "name");
        synchronized (lock) {
            if (!users.containsKey(ownerUserId)) {
                throw new IllegalArgumentException("no user " + ownerUserId);
            }
            String id = nextId();
            spaces.put(id, new SpaceRec(id, name, ownerUserId));
            return id;
        }
    }

    /**
     * Records that a user consumed a resource at a time; reports and consumption totals sum these.
     *
     * @param userId the user
     * @param resource {@link #EXECUTION_CREDITS} or {@link #PLUG_AND_PLAY_CREDITS}
     * @param amount the amount in micro-units
     * @param at when
     * @return this stub
     */
    public NodulStub addConsumption(String userId, String resource, long amount, Instant at) {
        if (!RESOURCES.contains(resource)) {
            throw new IllegalArgumentException("unknown resource " + resource);
        }
        synchronized (lock) {
            usage.add(new Usage(requireText(userId, "userId"), resource, amount, Objects.requireNonNull(at, "at")));
        }
        return this;
    }

    /**
     * Adds a scenario to a space, as the JSON object {@code scenarios/list} returns for it.
     *
     * @param spaceId an existing space
     * @param scenarioJson a JSON object with at least {@code id}
     * @return this stub
     */
    public NodulStub addScenario(String spaceId, String scenarioJson) {
        ObjectNode scenario = parseObject(scenarioJson, "scenarioJson");
        synchronized (lock) {
            SpaceRec space = spaces.get(spaceId);
            if (space == null) {
                throw new IllegalArgumentException("no space " + spaceId);
            }
            space.scenarios.add(scenario);
        }
        return this;
    }

    /**
     * Adds a scenario with the documented fields filled in (int64s as strings).
     *
     * @param spaceId an existing space
     * @param id the scenario id
     * @param title the title
     * @param nodeCount the node count
     * @return this stub
     */
    public NodulStub addScenario(String spaceId, String id, String title, long nodeCount) {
        ObjectNode s = json.createObjectNode();
        Instant now = now();
        s.put("id", id).put("title", title).put("node_count", Long.toString(nodeCount)).put("active", true)
                .put("status", "deployed").put("last_version", "1").put("folder_id", "").put("description", "")
                .put("created_at", now.toString()).put("last_modified_at", now.toString());
        s.putObject("created_by").put("user_id", "stub");
        s.putObject("last_modified_by").put("user_id", "stub");
        return addScenario(spaceId, s.toString());
    }

    /**
     * Adds an execution, as the JSON object {@code scenarios/execution} returns in {@code data.execution}.
     *
     * @param executionJson a JSON object with at least {@code id}
     * @return this stub
     */
    public NodulStub addExecution(String executionJson) {
        ObjectNode execution = parseObject(executionJson, "executionJson");
        String id = execution.path("id").asString("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("executionJson needs an id");
        }
        synchronized (lock) {
            executions.put(id, execution);
        }
        return this;
    }

    // ---------------------------------------------------------------- read-back

    /**
     * The plans, in creation order.
     *
     * @return a snapshot
     */
    public List<PlanState> plans() {
        synchronized (lock) {
            return plans.values().stream().map(Plan::state).toList();
        }
    }

    /**
     * One plan.
     *
     * @param id the plan id
     * @return the plan, if it exists
     */
    public Optional<PlanState> plan(String id) {
        synchronized (lock) {
            return Optional.ofNullable(plans.get(id)).map(Plan::state);
        }
    }

    /**
     * The subscriptions, in creation order.
     *
     * @return a snapshot
     */
    public List<SubscriptionState> subscriptions() {
        synchronized (lock) {
            return subs.values().stream().map(s -> new SubscriptionState(s.id, s.planId, s.userId, s.status, s.createdAt,
                    s.cancelledAt)).toList();
        }
    }

    /**
     * One space with its members.
     *
     * @param id the space id
     * @return the space, if it exists
     */
    public Optional<SpaceState> space(String id) {
        synchronized (lock) {
            SpaceRec s = spaces.get(id);
            return s == null ? Optional.empty()
                    : Optional.of(new SpaceState(s.id, s.name, s.status, s.owner, Map.copyOf(s.members)));
        }
    }

    /**
     * The user ids, in creation order.
     *
     * @return a snapshot
     */
    public List<String> users() {
        synchronized (lock) {
            return List.copyOf(users.keySet());
        }
    }

    /**
     * What {@code billing/resource} added to a user so far.
     *
     * @param userId the user
     * @param resource the resource wire value
     * @return the sum of quantities, 0 if none
     */
    public long balance(String userId, String resource) {
        synchronized (lock) {
            return balances.getOrDefault(userId + "\n" + resource, 0L);
        }
    }

    /**
     * A plan as the stub holds it.
     *
     * @param id the id
     * @param name the name
     * @param status the status wire value
     * @param features alias → int64 value, in order
     * @param createdAt created
     * @param updatedAt last updated
     */
    public record PlanState(String id, String name, String status, Map<String, Long> features, Instant createdAt,
                            Instant updatedAt) {
    }

    /**
     * A subscription as the stub holds it.
     *
     * @param id the id
     * @param planId the plan
     * @param userId the user
     * @param status the status wire value
     * @param createdAt created
     * @param cancelledAt cancelled, or null
     */
    public record SubscriptionState(String id, String planId, String userId, String status, Instant createdAt,
                                    Instant cancelledAt) {
    }

    /**
     * A space as the stub holds it.
     *
     * @param id the id
     * @param name the name
     * @param status the status (the stub starts with {@code "new"})
     * @param ownerUserId the owner, null for the tenant space
     * @param members granted user → role id
     */
    public record SpaceState(String id, String name, String status, String ownerUserId, Map<String, Long> members) {
    }

    // ---------------------------------------------------------------- serving

    private StubResponse handle(RecordedRequest request) {
        String requestId = requestId();
        if (!token.equals(request.queryParam("AUTH_TOKEN").orElse(null))) {
            staleTokenRequests.add(request.sequence());
            return error(401, requestId, "auth.Unauthorized", "Unauthorized");
        }
        try {
            synchronized (lock) {
                if (failuresLeft > 0) {
                    failuresLeft--;
                    return error(failureStatus, requestId, failureCode, failureMessage);
                }
            }
            String path = request.path();
            if (!path.startsWith(BASE_PATH)) {
                throw new Failure(500, "route.NotFound", "no such endpoint: " + path);
            }
            String endpoint = path.substring(BASE_PATH.length());
            String method = request.method();
            ObjectNode data = route(method, endpoint, request);
            return envelope(requestId, data);
        } catch (Failure f) {
            return error(f.status, requestId, f.code, f.getMessage());
        }
    }

    private ObjectNode route(String method, String endpoint, RecordedRequest request) {
        String want = switch (endpoint) {
            case "/quotas", "/scenarios/execution" -> "GET";
            case "/plans" -> method.equals("GET") ? "GET" : "POST";
            case "/plans/update", "/plans/archive", "/subscriptions/list", "/subscriptions", "/subscriptions/cancel",
                 "/users/list", "/reports/consumption", "/billing/resource", "/space/access/grant",
                 "/space/access/revoke", "/space/update", "/scenarios/list" -> "POST";
            default -> throw new Failure(500, "route.NotFound", "no such endpoint: " + endpoint);
        };
        if (!want.equals(method)) {
            throw new Failure(500, "route.MethodNotAllowed", method + " is not allowed on " + endpoint);
        }
        synchronized (lock) {
            return switch (endpoint) {
                case "/quotas" -> quotasData();
                case "/plans" -> method.equals("GET") ? plansData() : createPlan(body(request));
                case "/plans/update" -> updatePlan(body(request));
                case "/plans/archive" -> archivePlan(body(request));
                case "/subscriptions/list" -> listSubscriptions(body(request));
                case "/subscriptions" -> assign(body(request));
                case "/subscriptions/cancel" -> cancel(body(request));
                case "/users/list" -> listUsers(body(request));
                case "/reports/consumption" -> report(body(request));
                case "/billing/resource" -> addResource(body(request));
                case "/space/access/grant" -> grant(body(request));
                case "/space/access/revoke" -> revoke(body(request));
                case "/space/update" -> renameSpace(body(request));
                case "/scenarios/list" -> listScenarios(body(request));
                case "/scenarios/execution" -> execution(request);
                default -> throw new Failure(500, "route.NotFound", "no such endpoint: " + endpoint);
            };
        }
    }

    private ObjectNode quotasData() {
        ObjectNode data = json.createObjectNode();
        ArrayNode list = data.putArray("quotas");
        quotas.forEach((alias, value) -> list.add(feature(alias, new FeatureValue(value, false))));
        return data;
    }

    private ObjectNode plansData() {
        ObjectNode data = json.createObjectNode();
        ArrayNode list = data.putArray("plans");
        plans.values().forEach(p -> list.add(planJson(p)));
        return data;
    }

    private ObjectNode createPlan(ObjectNode body) {
        allow(body, "", "name", "features");
        String name = requiredString(body, "name");
        Map<String, FeatureValue> features = features(body);
        String id = nextId();
        Instant now = now();
        Plan plan = new Plan(id, name, PLAN_ACTIVE, features, now, now);
        plans.put(id, plan);
        ObjectNode data = json.createObjectNode();
        data.set("plan", planJson(plan));
        return data;
    }

    private ObjectNode updatePlan(ObjectNode body) {
        allow(body, "", "plan_id", "name", "features");
        Plan plan = existingPlan(requiredId(body, "plan_id"));
        String name = requiredString(body, "name");
        Map<String, FeatureValue> features = features(body);
        if (plan.status.equals(PLAN_ARCHIVED)) {
            throw new Failure(200, "plan.Archived", "plan " + plan.id + " is archived");
        }
        plans.put(plan.id, new Plan(plan.id, name, plan.status, features, plan.createdAt, now()));
        return json.createObjectNode();
    }

    private ObjectNode archivePlan(ObjectNode body) {
        allow(body, "", "plan_id");
        Plan plan = existingPlan(requiredId(body, "plan_id"));
        plans.put(plan.id, new Plan(plan.id, plan.name, PLAN_ARCHIVED, plan.features, plan.createdAt, now()));
        return json.createObjectNode();
    }

    private ObjectNode listSubscriptions(ObjectNode body) {
        allow(body, "", "options", "filters");
        ObjectNode options = object(body, "options");
        allow(options, "options.", "include_consumption");
        boolean withConsumption = bool(options, "include_consumption");
        ObjectNode filters = object(body, "filters");
        allow(filters, "filters.", "user_id", "statuses", "consumption");
        String userId = optionalId(filters, "user_id");
        Set<String> statuses = new HashSet<>(strings(filters, "statuses"));
        for (String s : statuses) {
            if (!s.equals(SUBSCRIPTION_ACTIVE) && !s.equals(SUBSCRIPTION_CANCELLED)) {
                throw new Failure(200, "validation.InvalidArgument", "unknown status " + s);
            }
        }
        Window window = window(object(filters, "consumption"), "filters.consumption.");
        ObjectNode data = json.createObjectNode();
        ArrayNode list = data.putArray("subscriptions");
        for (Sub s : subs.values()) {
            if ((userId == null || userId.isEmpty() || userId.equals(s.userId))
                    && (statuses.isEmpty() || statuses.contains(s.status))) {
                list.add(subscriptionJson(s, withConsumption ? window : null));
            }
        }
        return data;
    }

    private ObjectNode assign(ObjectNode body) {
        allow(body, "", "user_id", "plan_id");
        String userId = existingUser(requiredId(body, "user_id"));
        Plan plan = existingPlan(requiredId(body, "plan_id"));
        if (plan.status.equals(PLAN_ARCHIVED)) {
            throw new Failure(200, "plan.Archived", "plan " + plan.id + " is archived");
        }
        Sub sub = new Sub(nextId(), plan.id, userId, SUBSCRIPTION_ACTIVE, now(), null);
        subs.put(sub.id, sub);
        ObjectNode data = json.createObjectNode();
        data.set("subscription", subscriptionJson(sub, null));
        return data;
    }

    private ObjectNode cancel(ObjectNode body) {
        allow(body, "", "subscription_id");
        String id = requiredId(body, "subscription_id");
        Sub sub = subs.get(id);
        if (sub == null) {
            throw new Failure(200, "subscription.NotFound", "no subscription " + id);
        }
        if (sub.status.equals(SUBSCRIPTION_CANCELLED)) {
            throw new Failure(200, "subscription.AlreadyCancelled", "subscription " + id + " is already cancelled");
        }
        subs.put(id, new Sub(sub.id, sub.planId, sub.userId, SUBSCRIPTION_CANCELLED, sub.createdAt, now()));
        return json.createObjectNode();
    }

    private ObjectNode listUsers(ObjectNode body) {
        allow(body, "", "options", "filters");
        ObjectNode options = object(body, "options");
        allow(options, "options.", "include_subscriptions", "include_consumption");
        boolean withSubs = bool(options, "include_subscriptions");
        boolean withConsumption = bool(options, "include_consumption");
        ObjectNode filters = object(body, "filters");
        allow(filters, "filters.", "consumption");
        Window window = window(object(filters, "consumption"), "filters.consumption.");
        ObjectNode data = json.createObjectNode();
        ArrayNode list = data.putArray("users");
        for (UserRec u : users.values()) {
            ObjectNode user = list.addObject();
            user.put("user_id", u.id);
            if (withSubs) {
                ArrayNode us = user.putArray("subscriptions");
                subs.values().stream().filter(s -> s.userId.equals(u.id))
                        .forEach(s -> us.add(subscriptionJson(s, withConsumption ? window : null)));
            }
            ArrayNode sp = user.putArray("spaces");
            for (SpaceRec s : spaces.values()) {
                if (u.id.equals(s.owner) || s.members.containsKey(u.id)) {
                    sp.addObject().put("id", s.id).put("name", s.name);
                }
            }
        }
        return data;
    }

    private ObjectNode report(ObjectNode body) {
        allow(body, "", "start", "end", "options", "filters");
        ObjectNode options = object(body, "options");
        allow(options, "options.", "include_total", "include_per_user");
        ObjectNode filters = object(body, "filters");
        allow(filters, "filters.", "resources");
        Instant start = time(body, "start");
        Instant end = time(body, "end");
        List<String> resources = resources(filters, "filters.resources");
        Window window = new Window(resources, start, end);
        if (start != null && end != null && start.isAfter(end)) {
            throw new Failure(200, "validation.InvalidArgument", "start must not be after end");
        }
        ObjectNode data = json.createObjectNode();
        if (bool(options, "include_total")) {
            data.set("total", consumptionJson(null, window));
        }
        if (bool(options, "include_per_user")) {
            ArrayNode list = data.putArray("users");
            for (UserRec u : users.values()) {
                ObjectNode line = list.addObject();
                line.put("user_id", u.id);
                line.set("consumption", consumptionJson(u.id, window));
            }
        }
        Instant first = usage.stream().map(Usage::at).min(Instant::compareTo).orElse(null);
        Instant shownStart = start != null ? start : first;
        if (shownStart != null) {
            data.put("start", shownStart.toString());
        }
        data.put("end", (end != null ? end : now()).toString());
        return data;
    }

    private ObjectNode addResource(ObjectNode body) {
        allow(body, "", "user_id", "resource", "quantity");
        // the body is parsed (types checked) before any value is judged
        Long quantity = int64(body, "quantity");
        String userId = existingUser(requiredId(body, "user_id"));
        String resource = requiredString(body, "resource");
        if (!RESOURCES.contains(resource)) {
            throw new Failure(200, "validation.InvalidArgument", "unknown resource " + resource);
        }
        if (quantity == null || quantity <= 0) {
            throw new Failure(200, "validation.InvalidArgument", "quantity must be positive");
        }
        balances.merge(userId + "\n" + resource, quantity, Long::sum);
        return json.createObjectNode();
    }

    private ObjectNode grant(ObjectNode body) {
        allow(body, "", "grantee_user_id", "owner_user_id", "add_to_tenant_space", "role_id");
        Long role = int64(body, "role_id");
        boolean tenant = bool(body, "add_to_tenant_space");
        String grantee = existingUser(requiredId(body, "grantee_user_id"));
        SpaceRec space = targetSpace(body, tenant);
        long roleId = role == null ? 3 : role;
        if (roleId < 1 || roleId > 5) {
            throw new Failure(200, "validation.InvalidArgument", "role_id must be 1 to 5, was " + roleId);
        }
        space.members.put(grantee, roleId);
        return json.createObjectNode();
    }

    private ObjectNode revoke(ObjectNode body) {
        allow(body, "", "grantee_user_id", "owner_user_id", "revoke_from_tenant_space");
        String grantee = existingUser(requiredId(body, "grantee_user_id"));
        SpaceRec space = targetSpace(body, bool(body, "revoke_from_tenant_space"));
        space.members.remove(grantee);
        return json.createObjectNode();
    }

    private SpaceRec targetSpace(ObjectNode body, boolean tenant) {
        if (tenant) {
            return spaces.get(TENANT_SPACE_ID);
        }
        String owner = existingUser(requiredId(body, "owner_user_id"));
        return spaces.values().stream().filter(s -> owner.equals(s.owner)).findFirst()
                .orElseThrow(() -> new Failure(200, "space.NotFound", "user " + owner + " owns no space"));
    }

    private ObjectNode renameSpace(ObjectNode body) {
        allow(body, "", "space_id", "name");
        SpaceRec space = existingSpace(requiredId(body, "space_id"));
        space.name = requiredString(body, "name");
        ObjectNode data = json.createObjectNode();
        data.putObject("space").put("id", space.id).put("name", space.name).put("status", space.status);
        return data;
    }

    private ObjectNode listScenarios(ObjectNode body) {
        allow(body, "", "space_id", "options");
        SpaceRec space = existingSpace(requiredId(body, "space_id"));
        ObjectNode options = object(body, "options");
        allow(options, "options.", "count_only");
        long total = spaces.values().stream().mapToLong(s -> s.scenarios.size()).sum();
        ObjectNode data = json.createObjectNode();
        data.put("scenarios_count", Long.toString(total));
        if (!bool(options, "count_only")) {
            data.putArray("folders");
            ArrayNode list = data.putArray("scenarios");
            space.scenarios.forEach(s -> list.add(s.deepCopy()));
        }
        return data;
    }

    private ObjectNode execution(RecordedRequest request) {
        for (String name : request.queryParams().keySet()) {
            if (!name.equals("AUTH_TOKEN") && !name.equals("execution_id")) {
                throw new Failure(500, "request.InvalidBody", "unknown query parameter " + name);
            }
        }
        String id = request.queryParam("execution_id").orElse("");
        if (id.isBlank()) {
            throw new Failure(200, "validation.InvalidArgument", "execution_id is required");
        }
        ObjectNode execution = executions.get(id);
        if (execution == null) {
            throw new Failure(200, "execution.NotFound", "no execution " + id);
        }
        ObjectNode data = json.createObjectNode();
        data.set("execution", execution.deepCopy());
        return data;
    }

    // ---------------------------------------------------------------- JSON out

    private ObjectNode planJson(Plan p) {
        ObjectNode n = json.createObjectNode();
        n.put("id", p.id).put("name", p.name).put("status", p.status);
        ArrayNode fs = n.putArray("features");
        p.features.forEach((alias, value) -> fs.add(feature(alias, value)));
        n.put("created_at", p.createdAt.toString()).put("updated_at", p.updatedAt.toString());
        return n;
    }

    private ObjectNode feature(String alias, FeatureValue value) {
        ObjectNode f = json.createObjectNode();
        f.put("alias", alias);
        f.putObject("value").put("int64", Long.toString(value.int64())).put("bool", value.bool());
        return f;
    }

    private ObjectNode subscriptionJson(Sub s, Window consumption) {
        ObjectNode n = json.createObjectNode();
        n.put("id", s.id).put("plan_id", s.planId).put("user_id", s.userId).put("status", s.status);
        if (consumption == null) {
            n.putNull("consumption");
        } else {
            n.set("consumption", consumptionJson(s.userId, consumption));
        }
        n.put("created_at", s.createdAt.toString());
        if (s.cancelledAt == null) {
            n.putNull("cancelled_at");
        } else {
            n.put("cancelled_at", s.cancelledAt.toString());
        }
        return n;
    }

    /** Sums usage of one user (null: everyone) in the window; filtered-out resources are null. */
    private ObjectNode consumptionJson(String userId, Window window) {
        ObjectNode n = json.createObjectNode();
        putTotal(n, "execution_credits", EXECUTION_CREDITS, userId, window);
        putTotal(n, "plug_and_play_credits", PLUG_AND_PLAY_CREDITS, userId, window);
        return n;
    }

    private void putTotal(ObjectNode n, String field, String resource, String userId, Window window) {
        if (!window.resources().isEmpty() && !window.resources().contains(resource)) {
            n.putNull(field);
            return;
        }
        long sum = 0;
        for (Usage u : usage) {
            if (u.resource().equals(resource) && (userId == null || userId.equals(u.userId()))
                    && (window.start() == null || !u.at().isBefore(window.start()))
                    && (window.end() == null || !u.at().isAfter(window.end()))) {
                sum += u.amount();
            }
        }
        n.putObject(field).put("total", Long.toString(sum));
    }

    private StubResponse envelope(String requestId, ObjectNode data) {
        ObjectNode root = json.createObjectNode();
        root.put("success", true).put("request_id", requestId);
        root.set("data", data);
        root.putArray("errors");
        return StubResponse.json(200, root.toString());
    }

    private StubResponse error(int status, String requestId, String code, String message) {
        ObjectNode root = json.createObjectNode();
        root.put("success", false).putNull("data");
        root.putArray("errors").addObject().put("message", message).put("code", code);
        root.put("request_id", requestId);
        return StubResponse.json(status, root.toString());
    }

    // ---------------------------------------------------------------- JSON in

    private ObjectNode body(RecordedRequest request) {
        byte[] bytes = request.body();
        if (bytes.length == 0) {
            return json.createObjectNode();
        }
        JsonNode node;
        try {
            node = json.readTree(bytes);
        } catch (JacksonException e) {
            throw new Failure(500, "request.InvalidBody", "the body is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new Failure(500, "request.InvalidBody", "the body must be a JSON object");
        }
        return (ObjectNode) node;
    }

    private static void allow(ObjectNode node, String prefix, String... names) {
        List<String> allowed = Arrays.asList(names);
        for (String name : node.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new Failure(500, "request.InvalidBody", "unknown field " + prefix + name);
            }
        }
    }

    private ObjectNode object(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return json.createObjectNode();
        }
        if (!v.isObject()) {
            throw new Failure(500, "request.InvalidBody", name + " must be an object");
        }
        return (ObjectNode) v;
    }

    private static boolean bool(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw new Failure(500, "request.InvalidBody", name + " must be a boolean");
        }
        return v.booleanValue();
    }

    private static String requiredString(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v != null && !v.isNull() && !v.isString()) {
            throw new Failure(500, "request.InvalidBody", name + " must be a string");
        }
        if (v == null || v.isNull() || v.stringValue().isBlank()) {
            throw new Failure(200, "validation.InvalidArgument", name + " is required");
        }
        return v.stringValue();
    }

    /** An id: a string, or (as protobuf-JSON servers accept) an integral number. */
    private static String optionalId(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isString()) {
            return v.stringValue();
        }
        if (v.isIntegralNumber()) {
            return v.asString();
        }
        throw new Failure(500, "request.InvalidBody", name + " must be a string");
    }

    private static String requiredId(ObjectNode node, String name) {
        String id = optionalId(node, name);
        if (id == null || id.isBlank()) {
            throw new Failure(200, "validation.InvalidArgument", name + " is required");
        }
        return id;
    }

    /** An int64: a JSON number or a string of digits. */
    private static Long int64(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        if (v.isString()) {
            try {
                return Long.parseLong(v.stringValue());
            } catch (NumberFormatException e) {
                // falls through
            }
        }
        throw new Failure(500, "request.InvalidBody", name + " must be an int64");
    }

    private static List<String> strings(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new Failure(500, "request.InvalidBody", name + " must be an array");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isString()) {
                throw new Failure(500, "request.InvalidBody", name + " must hold strings");
            }
            out.add(e.stringValue());
        }
        return out;
    }

    private static List<String> resources(ObjectNode node, String where) {
        List<String> list = strings(node, "resources");
        for (String r : list) {
            if (!RESOURCES.contains(r)) {
                throw new Failure(200, "validation.InvalidArgument", where + " has an unknown resource " + r);
            }
        }
        return list;
    }

    private static Instant time(ObjectNode node, String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw new Failure(500, "request.InvalidBody", name + " must be an RFC 3339 string");
        }
        try {
            return OffsetDateTime.parse(v.stringValue()).toInstant();
        } catch (DateTimeParseException e) {
            throw new Failure(500, "request.InvalidBody", name + " must be an RFC 3339 timestamp");
        }
    }

    private static Window window(ObjectNode consumption, String prefix) {
        allow(consumption, prefix, "resources", "start", "end");
        Instant start = time(consumption, "start");
        Instant end = time(consumption, "end");
        if (start != null && end != null && start.isAfter(end)) {
            throw new Failure(200, "validation.InvalidArgument", prefix + "start must not be after end");
        }
        return new Window(resources(consumption, prefix + "resources"), start, end);
    }

    private Map<String, FeatureValue> features(ObjectNode body) {
        JsonNode list = body.get("features");
        if (list == null || list.isNull() || (list.isArray() && list.isEmpty())) {
            throw new Failure(200, "validation.InvalidArgument", "features are required");
        }
        if (!list.isArray()) {
            throw new Failure(500, "request.InvalidBody", "features must be an array");
        }
        Map<String, FeatureValue> out = new LinkedHashMap<>();
        for (JsonNode f : list) {
            if (!f.isObject()) {
                throw new Failure(500, "request.InvalidBody", "a feature must be an object");
            }
            allow((ObjectNode) f, "features[].", "alias", "value");
            String alias = requiredString((ObjectNode) f, "alias");
            if (!FEATURE_ALIASES.contains(alias)) {
                throw new Failure(200, "validation.InvalidArgument", "unknown feature alias " + alias);
            }
            ObjectNode value = object((ObjectNode) f, "value");
            allow(value, "features[].value.", "int64", "bool");
            Long int64 = int64(value, "int64");
            if (out.put(alias, new FeatureValue(int64 == null ? 0 : int64, bool(value, "bool"))) != null) {
                throw new Failure(200, "validation.InvalidArgument", "feature alias repeated: " + alias);
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- state helpers

    private Plan existingPlan(String id) {
        Plan plan = plans.get(id);
        if (plan == null) {
            throw new Failure(200, "plan.NotFound", "no plan " + id);
        }
        return plan;
    }

    private String existingUser(String id) {
        if (!users.containsKey(id)) {
            throw new Failure(200, "user.NotFound", "no user " + id);
        }
        return id;
    }

    private SpaceRec existingSpace(String id) {
        SpaceRec space = spaces.get(id);
        if (space == null) {
            throw new Failure(200, "space.NotFound", "no space " + id);
        }
        return space;
    }

    private void resetState() {
        synchronized (lock) {
            quotas.clear();
            long[] defaults = {3_000_000L, 10_000_000L, 5000, 5000, 5000, 5_000_000_000_000L, 20, 5000, 6000};
            for (int i = 0; i < FEATURE_ALIASES.size(); i++) {
                quotas.put(FEATURE_ALIASES.get(i), defaults[i]);
            }
            plans.clear();
            subs.clear();
            users.clear();
            spaces.clear();
            spaces.put(TENANT_SPACE_ID, new SpaceRec(TENANT_SPACE_ID, "tenant", null));
            usage.clear();
            balances.clear();
            executions.clear();
            failuresLeft = 0;
        }
    }

    private String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private String requestId() {
        char[] id = new char[20];
        for (int i = 0; i < id.length; i++) {
            id[i] = ID_CHARS[random.nextInt(ID_CHARS.length)];
        }
        return new String(id);
    }

    private ObjectNode parseObject(String text, String name) {
        Objects.requireNonNull(text, name);
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(name + " must be a JSON object");
            }
            return (ObjectNode) node;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(name + " is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Nodul's forms of injected faults and quota refusals. */
    private final class Dialect implements FaultDialect {
        @Override
        public StubResponse status(RecordedRequest request, int status) {
            String code = switch (status) {
                case 400 -> "request.BadRequest";
                case 401 -> "auth.Unauthorized";
                case 403 -> "auth.Forbidden";
                case 404 -> "route.NotFound";
                case 429 -> "rate_limit.TooManyRequests";
                case 502 -> "gateway.BadGateway";
                case 503 -> "service.Unavailable";
                case 504 -> "gateway.Timeout";
                default -> status >= 500 ? "internal.Error" : "request.Failed";
            };
            String message = switch (status) {
                case 401 -> "Unauthorized";
                case 429 -> "too many requests";
                case 503 -> "service unavailable";
                default -> "HTTP " + status;
            };
            return error(status, requestId(), code, message);
        }

        @Override
        public StubResponse malformed(RecordedRequest request) {
            return StubResponse.json(200, "{\"success\":true,\"request_id\":\"" + requestId() + "\",\"data\":{\"pla");
        }
    }

    /** A failure answered as a {@code success:false} envelope. */
    private static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        Failure(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
        }
    }

    private record FeatureValue(long int64, boolean bool) {
    }

    private record Plan(String id, String name, String status, Map<String, FeatureValue> features, Instant createdAt,
                        Instant updatedAt) {
        PlanState state() {
            Map<String, Long> values = new LinkedHashMap<>();
            features.forEach((a, v) -> values.put(a, v.int64()));
            return new PlanState(id, name, status, Collections.unmodifiableMap(values), createdAt, updatedAt);
        }
    }

    private record Sub(String id, String planId, String userId, String status, Instant createdAt, Instant cancelledAt) {
    }

    private record Usage(String userId, String resource, long amount, Instant at) {
    }

    private record Window(List<String> resources, Instant start, Instant end) {
    }

    private static final class UserRec {
        final String id;

        UserRec(String id) {
            this.id = id;
        }
    }

    private static final class SpaceRec {
        final String id;
        final String owner;
        final Map<String, Long> members = new LinkedHashMap<>();
        final List<ObjectNode> scenarios = new ArrayList<>();
        String name;
        String status = "new";

        SpaceRec(String id, String name, String owner) {
            this.id = id;
            this.name = name;
            this.owner = owner;
        }
    }
}
