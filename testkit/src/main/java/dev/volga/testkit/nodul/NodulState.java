package dev.volga.testkit.nodul;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Nodul stub's entities: quotas, plans, subscriptions, users, spaces with their scenarios,
 * consumption records, balances, executions, pending failures and the id sequence.
 *
 * <p>Every member must be used while holding {@link #lock}: the Java seeding and read-back
 * methods take it themselves ({@code seed…}, {@code …State}); {@link NodulRoutes} holds it for a
 * whole provider request, so that a request sees and changes the state atomically.
 */
final class NodulState {

    /** The resources Nodul bills. */
    static final List<String> RESOURCES = List.of(NodulStub.EXECUTION_CREDITS, NodulStub.PLUG_AND_PLAY_CREDITS);
    private static final long[] DEFAULT_QUOTAS = {3_000_000L, 10_000_000L, 5000, 5000, 5000, 5_000_000_000_000L, 20, 5000, 6000};

    /** Guards everything below. */
    final Object lock = new Object();
    private final AtomicLong ids = new AtomicLong(100);
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

    NodulState() {
        reset();
    }

    // ---------------------------------------------------------------- lifecycle

    /** Back to the state after start: default quotas, the tenant space, nothing else. */
    void reset() {
        synchronized (lock) {
            quotas.clear();
            for (int i = 0; i < NodulStub.FEATURE_ALIASES.size(); i++) {
                quotas.put(NodulStub.FEATURE_ALIASES.get(i), DEFAULT_QUOTAS[i]);
            }
            plans.clear();
            subs.clear();
            users.clear();
            spaces.clear();
            spaces.put(NodulStub.TENANT_SPACE_ID, new SpaceRec(NodulStub.TENANT_SPACE_ID, "tenant", null));
            usage.clear();
            balances.clear();
            executions.clear();
            failuresLeft = 0;
        }
    }

    // ---------------------------------------------------------------- failures

    void failNext(int count, int httpStatus, String code, String message) {
        synchronized (lock) {
            failuresLeft = count;
            failureStatus = httpStatus;
            failureCode = Objects.requireNonNull(code, "code");
            failureMessage = Objects.requireNonNull(message, "message");
        }
    }

    void clearFailures() {
        synchronized (lock) {
            failuresLeft = 0;
        }
    }

    /** Takes one pending failure, if any (caller holds the lock). */
    Optional<NodulFailure> takeFailure() {
        if (failuresLeft <= 0) {
            return Optional.empty();
        }
        failuresLeft--;
        return Optional.of(new NodulFailure(failureStatus, failureCode, failureMessage));
    }

    // ---------------------------------------------------------------- seeding (takes the lock)

    void seedQuota(String alias, long value) {
        synchronized (lock) {
            quotas.put(alias, value);
        }
    }

    /** Adds a user and their personal space; returns the space id. */
    String seedUser(String userId) {
        synchronized (lock) {
            if (users.containsKey(userId)) {
                throw new IllegalArgumentException("user exists: " + userId);
            }
            String spaceId = nextId();
            users.put(userId, new UserRec(userId, spaceId));
            spaces.put(spaceId, new SpaceRec(spaceId, userId + "_space", userId));
            return spaceId;
        }
    }

    String seedPlan(String name, Map<String, Long> features) {
        synchronized (lock) {
            Map<String, FeatureValue> values = new LinkedHashMap<>();
            features.forEach((a, v) -> values.put(a, new FeatureValue(v, false)));
            return createPlan(name, values).id();
        }
    }

    String seedSubscription(String userId, String planId) {
        synchronized (lock) {
            if (!users.containsKey(userId)) {
                throw new IllegalArgumentException("no user " + userId);
            }
            if (!plans.containsKey(planId)) {
                throw new IllegalArgumentException("no plan " + planId);
            }
            String id = nextId();
            subs.put(id, new Sub(id, planId, userId, NodulStub.SUBSCRIPTION_ACTIVE, now(), null));
            return id;
        }
    }

    String seedSpace(String ownerUserId, String name) {
        synchronized (lock) {
            if (!users.containsKey(ownerUserId)) {
                throw new IllegalArgumentException("no user " + ownerUserId);
            }
            String id = nextId();
            spaces.put(id, new SpaceRec(id, name, ownerUserId));
            return id;
        }
    }

    void seedConsumption(String userId, String resource, long amount, Instant at) {
        synchronized (lock) {
            usage.add(new Usage(userId, resource, amount, at));
        }
    }

    void seedScenario(String spaceId, ObjectNode scenario) {
        synchronized (lock) {
            SpaceRec space = spaces.get(spaceId);
            if (space == null) {
                throw new IllegalArgumentException("no space " + spaceId);
            }
            space.scenarios.add(scenario);
        }
    }

    void seedExecution(String id, ObjectNode execution) {
        synchronized (lock) {
            executions.put(id, execution);
        }
    }

    // ---------------------------------------------------------------- read-back (takes the lock)

    List<NodulStub.PlanState> planStates() {
        synchronized (lock) {
            return plans.values().stream().map(Plan::state).toList();
        }
    }

    Optional<NodulStub.PlanState> planState(String id) {
        synchronized (lock) {
            return Optional.ofNullable(plans.get(id)).map(Plan::state);
        }
    }

    List<NodulStub.SubscriptionState> subscriptionStates() {
        synchronized (lock) {
            return subs.values().stream().map(s -> new NodulStub.SubscriptionState(s.id(), s.planId(), s.userId(),
                    s.status(), s.createdAt(), s.cancelledAt())).toList();
        }
    }

    Optional<NodulStub.SpaceState> spaceState(String id) {
        synchronized (lock) {
            SpaceRec s = spaces.get(id);
            return s == null ? Optional.empty()
                    : Optional.of(new NodulStub.SpaceState(s.id, s.name, s.status, s.owner, Map.copyOf(s.members)));
        }
    }

    List<String> userIds() {
        synchronized (lock) {
            return List.copyOf(users.keySet());
        }
    }

    Optional<String> personalSpaceId(String userId) {
        synchronized (lock) {
            return Optional.ofNullable(users.get(userId)).map(UserRec::personalSpaceId);
        }
    }

    long balanceOf(String userId, String resource) {
        synchronized (lock) {
            return balances.getOrDefault(userId + "\n" + resource, 0L);
        }
    }

    // ---------------------------------------------------------------- provider operations (caller holds the lock)

    Map<String, Long> quotas() {
        return Collections.unmodifiableMap(quotas);
    }

    Collection<Plan> plans() {
        return Collections.unmodifiableCollection(plans.values());
    }

    Collection<Sub> subscriptions() {
        return Collections.unmodifiableCollection(subs.values());
    }

    Collection<UserRec> users() {
        return Collections.unmodifiableCollection(users.values());
    }

    Collection<SpaceRec> spaces() {
        return Collections.unmodifiableCollection(spaces.values());
    }

    Plan createPlan(String name, Map<String, FeatureValue> features) {
        Instant now = now();
        Plan plan = new Plan(nextId(), name, NodulStub.PLAN_ACTIVE, features, now, now);
        plans.put(plan.id(), plan);
        return plan;
    }

    void updatePlan(Plan plan, String name, Map<String, FeatureValue> features) {
        plans.put(plan.id(), new Plan(plan.id(), name, plan.status(), features, plan.createdAt(), now()));
    }

    void archivePlan(Plan plan) {
        plans.put(plan.id(), new Plan(plan.id(), plan.name(), NodulStub.PLAN_ARCHIVED, plan.features(), plan.createdAt(), now()));
    }

    Sub subscribe(String userId, String planId) {
        Sub sub = new Sub(nextId(), planId, userId, NodulStub.SUBSCRIPTION_ACTIVE, now(), null);
        subs.put(sub.id(), sub);
        return sub;
    }

    Sub subscription(String id) {
        return subs.get(id);
    }

    void cancel(Sub sub) {
        subs.put(sub.id(), new Sub(sub.id(), sub.planId(), sub.userId(), NodulStub.SUBSCRIPTION_CANCELLED, sub.createdAt(), now()));
    }

    void addBalance(String userId, String resource, long quantity) {
        balances.merge(userId + "\n" + resource, quantity, Long::sum);
    }

    SpaceRec tenantSpace() {
        return spaces.get(NodulStub.TENANT_SPACE_ID);
    }

    Optional<SpaceRec> spaceOwnedBy(String owner) {
        return spaces.values().stream().filter(s -> owner.equals(s.owner)).findFirst();
    }

    ObjectNode execution(String id) {
        return executions.get(id);
    }

    Plan existingPlan(String id) {
        Plan plan = plans.get(id);
        if (plan == null) {
            throw new NodulFailure(200, "plan.NotFound", "no plan " + id);
        }
        return plan;
    }

    String existingUser(String id) {
        if (!users.containsKey(id)) {
            throw new NodulFailure(200, "user.NotFound", "no user " + id);
        }
        return id;
    }

    SpaceRec existingSpace(String id) {
        SpaceRec space = spaces.get(id);
        if (space == null) {
            throw new NodulFailure(200, "space.NotFound", "no space " + id);
        }
        return space;
    }

    /** The earliest consumption record's time, or null. */
    Instant firstUsage() {
        return usage.stream().map(Usage::at).min(Instant::compareTo).orElse(null);
    }

    /** Sums the usage of a resource by one user (null: everyone) in the window's time span. */
    long usageTotal(String resource, String userId, Window window) {
        long sum = 0;
        for (Usage u : usage) {
            if (u.resource().equals(resource) && (userId == null || userId.equals(u.userId()))
                    && (window.start() == null || !u.at().isBefore(window.start()))
                    && (window.end() == null || !u.at().isAfter(window.end()))) {
                sum += u.amount();
            }
        }
        return sum;
    }

    private String nextId() {
        return Long.toString(ids.incrementAndGet());
    }

    /** The stub's clock, in milliseconds as Nodul writes them. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---------------------------------------------------------------- records

    /** A feature value as Nodul's wire carries it. */
    record FeatureValue(long int64, boolean bool) {
    }

    /** A plan. */
    record Plan(String id, String name, String status, Map<String, FeatureValue> features, Instant createdAt,
                Instant updatedAt) {
        NodulStub.PlanState state() {
            Map<String, Long> values = new LinkedHashMap<>();
            features.forEach((a, v) -> values.put(a, v.int64()));
            return new NodulStub.PlanState(id, name, status, Collections.unmodifiableMap(values), createdAt, updatedAt);
        }
    }

    /** A subscription. */
    record Sub(String id, String planId, String userId, String status, Instant createdAt, Instant cancelledAt) {
    }

    /** One consumption record. */
    record Usage(String userId, String resource, long amount, Instant at) {
    }

    /** A consumption filter: resources (empty: all) and an inclusive time span (nulls: open). */
    record Window(List<String> resources, Instant start, Instant end) {
    }

    /** A user and the id of their personal space. */
    record UserRec(String id, String personalSpaceId) {
    }

    /** A space; mutable, guarded by the state's lock. */
    static final class SpaceRec {
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
