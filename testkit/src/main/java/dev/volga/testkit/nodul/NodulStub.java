package dev.volga.testkit.nodul;

import dev.volga.testkit.FaultRule;
import dev.volga.testkit.Faults;
import dev.volga.testkit.JournalAssertions;
import dev.volga.testkit.ProviderStub;
import dev.volga.testkit.Quota;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.SecretScan;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-memory Nodul (Latenode) White Label API on loopback, written from the API's documented wire
 * format, independently of any client's classes.
 *
 * <p>Serves the 16 documented endpoints under {@link #BASE_PATH}; {@link #baseUrl()} includes it.
 * Every answer is the envelope {@code {"success", "request_id", "data", "errors"}} with a fresh
 * {@code request_id}; 64-bit numbers are written as JSON strings, as Nodul does. It keeps plans,
 * subscriptions, users with their spaces, resource balances, consumption records, scenarios and
 * executions, which tests seed ({@link #addUser}, {@link #addPlan}, {@link #addScenario}, …; each
 * {@code addX} returns the id of the new X, or nothing when X has no id) and read back
 * ({@link #plans()}, {@link #subscriptions()}, {@link #space(String)}, {@link #balance}, …).
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
 * <p>The same control surface answers over HTTP under {@link StubServer#ADMIN_PREFIX}, for tests in
 * any language: {@code POST /__admin/plans}, {@code /users}, {@code /subscriptions}, {@code /spaces},
 * {@code /consumption}, {@code /scenarios}, {@code /executions}; {@code PUT /__admin/quotas/{alias}};
 * {@code GET /__admin/plans}, {@code /users}, {@code /subscriptions}; {@code POST
 * /__admin/tokens/rotate} ({@link #rotateToken()}) and {@code POST /__admin/reset} ({@link #reset()}),
 * besides the journal, faults and quota every {@link StubServer} has ({@code docs/testkit-admin.md}).
 *
 * <pre>{@code
 * try (NodulStub nodul = NodulStub.start("test-token")) {
 *     String userId = nodul.addUser("user_1");
 *     String planId = nodul.addPlan("Basic", Map.of("regular_microcredits", 10_000_000L));
 *     nodul.addSubscription(userId, planId);
 *     // ... a client against nodul.baseUrl() with token "test-token" ...
 *     assertThat(nodul.requests("POST", "/subscriptions")).hasSize(1);
 * }
 * }</pre>
 */
public final class NodulStub implements ProviderStub {

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

    private final StubServer server;
    private final NodulState state = new NodulState();
    private final NodulWire wire = new NodulWire(state);
    private final NodulRoutes routes;

    private NodulStub(String token, int port) {
        Objects.requireNonNull(token, "token");
        if (token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        SecretScan.register(token);
        this.routes = new NodulRoutes(state, wire, token);
        this.server = StubServer.start(port);
        server.fallback(routes::handle);
        server.faultDialect(wire.dialect());
        server.ownedBy(this);
        NodulAdmin.register(this, server);
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
     * Starts a stub with a random token, see {@link #token()}.
     *
     * @return the running stub
     */
    public static NodulStub start() {
        return new NodulStub(NodulRoutes.randomToken(), 0);
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
        return NodulWire.planListing(count, produced);
    }

    // ---------------------------------------------------------------- accessors

    /**
     * The base URL to give a client, with {@link #BASE_PATH}.
     *
     * @return e.g. {@code http://127.0.0.1:54321/latenode/v1/whitelabel}
     */
    public String baseUrl() {
        return server.baseUrl() + BASE_PATH;
    }

    /**
     * The accepted token (the latest one after {@link #rotateToken()}).
     *
     * @return the token
     */
    public String token() {
        return routes.token();
    }

    /**
     * Makes the stub accept a new random token and refuse the old one from now on, as after a
     * token rotation at Nodul: calls with the old token get the documented 401 envelope.
     *
     * @return the new token
     */
    public String rotateToken() {
        String token = NodulRoutes.randomToken();
        routes.token(token);
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
        return JournalAssertions.of(server, BASE_PATH).withStaleTokens(routes::refusedForToken);
    }

    // ---------------------------------------------------------------- control

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
     * set with {@link #quota} stays enforced), and the token the stub started with is accepted
     * again (after {@link #rotateToken()}).
     */
    public void reset() {
        server.reset();
        routes.restoreStartToken();
        routes.clearRefusals();
        state.reset();
    }

    /**
     * Forgets the journal, scripts, injected faults, pending failures and the quota's buckets, but
     * keeps the seeded data: for tests that share a seeded stub.
     */
    public void clearJournalAndFaults() {
        server.reset();
        routes.clearRefusals();
        state.clearFailures();
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
        state.failNext(count, httpStatus, code, message);
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

    /**
     * Sets one organisation quota returned by {@code GET /quotas}.
     *
     * @param alias the feature alias
     * @param value the value
     * @return this stub
     */
    public NodulStub setQuota(String alias, long value) {
        state.seedQuota(NodulBody.requireText(alias, "alias"), value);
        return this;
    }

    // ---------------------------------------------------------------- seeding

    /**
     * Adds a user (as after their first embedded login) with a personal space owned by them, see
     * {@link #personalSpaceId(String)}.
     *
     * @param userId the tenant's user id, not yet known to the stub
     * @return the new user's id, {@code userId} (Nodul takes the tenant's ids for users)
     */
    public String addUser(String userId) {
        state.seedUser(NodulBody.requireText(userId, "userId"));
        return userId;
    }

    /**
     * Adds an active plan.
     *
     * @param name the plan name
     * @param features alias → int64 value (bool false), in the map's order
     * @return the new plan's id
     */
    public String addPlan(String name, Map<String, Long> features) {
        NodulBody.requireText(name, "name");
        Objects.requireNonNull(features, "features");
        return state.seedPlan(name, features);
    }

    /**
     * Adds an active subscription.
     *
     * @param userId an existing user
     * @param planId an existing plan
     * @return the new subscription's id
     */
    public String addSubscription(String userId, String planId) {
        return state.seedSubscription(userId, planId);
    }

    /**
     * Adds a space owned by a user (besides their personal space).
     *
     * @param ownerUserId an existing user
     * @param name the space name
     * @return the new space's id
     */
    public String addSpace(String ownerUserId, String name) {
        NodulBody.requireText(name, "name");
        return state.seedSpace(ownerUserId, name);
    }

    /**
     * Records that a user consumed a resource at a time; reports and consumption totals sum these.
     * A consumption record has no id of its own, so nothing is returned.
     *
     * @param userId the user
     * @param resource {@link #EXECUTION_CREDITS} or {@link #PLUG_AND_PLAY_CREDITS}
     * @param amount the amount in micro-units
     * @param at when
     */
    public void addConsumption(String userId, String resource, long amount, Instant at) {
        if (!NodulState.RESOURCES.contains(resource)) {
            throw new IllegalArgumentException("unknown resource " + resource);
        }
        state.seedConsumption(NodulBody.requireText(userId, "userId"), resource, amount, Objects.requireNonNull(at, "at"));
    }

    /**
     * Adds a scenario to a space, as the JSON object {@code scenarios/list} returns for it.
     *
     * @param spaceId an existing space
     * @param scenarioJson a JSON object with at least a non-blank {@code id}
     * @return the new scenario's id, its {@code id} field
     */
    public String addScenario(String spaceId, String scenarioJson) {
        ObjectNode scenario = NodulBody.parseObject(scenarioJson, "scenarioJson");
        String id = scenario.path("id").asString("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("scenarioJson needs an id");
        }
        state.seedScenario(spaceId, scenario);
        return id;
    }

    /**
     * Adds a scenario with the documented fields filled in (int64s as strings).
     *
     * @param spaceId an existing space
     * @param id the scenario id
     * @param title the title
     * @param nodeCount the node count
     * @return the new scenario's id, {@code id}
     */
    public String addScenario(String spaceId, String id, String title, long nodeCount) {
        ObjectNode s = wire.object();
        Instant now = NodulState.now();
        s.put("id", NodulBody.requireText(id, "id")).put("title", title).put("node_count", Long.toString(nodeCount)).put("active", true)
                .put("status", "deployed").put("last_version", "1").put("folder_id", "").put("description", "")
                .put("created_at", now.toString()).put("last_modified_at", now.toString());
        s.putObject("created_by").put("user_id", "stub");
        s.putObject("last_modified_by").put("user_id", "stub");
        return addScenario(spaceId, s.toString());
    }

    /**
     * Adds an execution, as the JSON object {@code scenarios/execution} returns in {@code data.execution}.
     *
     * @param executionJson a JSON object with at least a non-blank {@code id}
     * @return the new execution's id, its {@code id} field
     */
    public String addExecution(String executionJson) {
        ObjectNode execution = NodulBody.parseObject(executionJson, "executionJson");
        String id = execution.path("id").asString("");
        if (id.isBlank()) {
            throw new IllegalArgumentException("executionJson needs an id");
        }
        state.seedExecution(id, execution);
        return id;
    }

    // ---------------------------------------------------------------- read-back

    /**
     * The plans, in creation order.
     *
     * @return a snapshot
     */
    public List<PlanState> plans() {
        return state.planStates();
    }

    /**
     * One plan.
     *
     * @param id the plan id
     * @return the plan, if it exists
     */
    public Optional<PlanState> plan(String id) {
        return state.planState(id);
    }

    /**
     * The subscriptions, in creation order.
     *
     * @return a snapshot
     */
    public List<SubscriptionState> subscriptions() {
        return state.subscriptionStates();
    }

    /**
     * One space with its members.
     *
     * @param id the space id
     * @return the space, if it exists
     */
    public Optional<SpaceState> space(String id) {
        return state.spaceState(id);
    }

    /**
     * The id of the personal space {@link #addUser} created for a user.
     *
     * @param userId an existing user
     * @return the space id
     * @throws IllegalArgumentException if there is no such user
     */
    public String personalSpaceId(String userId) {
        return state.personalSpaceId(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
    }

    /**
     * The user ids, in creation order.
     *
     * @return a snapshot
     */
    public List<String> users() {
        return state.userIds();
    }

    /**
     * What {@code billing/resource} added to a user so far.
     *
     * @param userId the user
     * @param resource the resource wire value
     * @return the sum of quantities, 0 if none
     */
    public long balance(String userId, String resource) {
        return state.balanceOf(userId, resource);
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
}
