package dev.volga.testkit.nodul;

import dev.volga.testkit.AdminException;
import dev.volga.testkit.AdminRequest;
import dev.volga.testkit.StubServer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Nodul stub's routes on the admin API ({@link StubServer#ADMIN_PREFIX}): seeding, state
 * read-back, token rotation and the full reset, each driving {@link NodulStub}'s Java control
 * surface. Documented in {@code docs/testkit-admin.md}. A missing or mistyped field is a 400
 * {@code {"error": ...}} naming it.
 */
final class NodulAdmin {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NodulStub stub;

    private NodulAdmin(NodulStub stub) {
        this.stub = stub;
    }

    /** Registers the Nodul admin routes of {@code stub} on {@code server}. */
    static void register(NodulStub stub, StubServer server) {
        NodulAdmin a = new NodulAdmin(stub);
        server.admin("POST", "/plans", a::addPlan)
                .admin("GET", "/plans", r -> stub.plans().stream().map(NodulAdmin::plan).toList())
                .admin("POST", "/users", a::addUser)
                .admin("GET", "/users", r -> stub.users().stream().map(a::user).toList())
                .admin("POST", "/subscriptions", r -> id(stub.addSubscription(r.text("userId"), r.text("planId"))))
                .admin("GET", "/subscriptions", r -> stub.subscriptions().stream().map(NodulAdmin::subscription).toList())
                .admin("POST", "/spaces", r -> id(stub.addSpace(r.text("ownerUserId"), r.text("name"))))
                .admin("POST", "/consumption", a::addConsumption)
                .admin("PUT", "/quotas/{alias}", a::setQuota)
                .admin("POST", "/scenarios", a::addScenario)
                .admin("POST", "/executions", r -> {
                    r.text("id");
                    return id(stub.addExecution(JSON.writeValueAsString(r.body())));
                })
                .admin("POST", "/tokens/rotate", r -> Map.of("token", stub.rotateToken()))
                .admin("POST", "/reset", r -> {
                    stub.reset();
                    return null;
                });
    }

    private Object addPlan(AdminRequest r) {
        String name = r.text("name");
        Map<String, Object> features = r.optObject("features")
                .orElseThrow(() -> AdminException.badRequest("field features is required: an object of alias to whole number"));
        Map<String, Long> values = new LinkedHashMap<>();
        features.forEach((alias, value) -> {
            knownAlias(alias, "features." + alias);
            if (!(value instanceof Integer || value instanceof Long)) {
                throw AdminException.badRequest("field features." + alias + " must be a whole number, not " + value);
            }
            values.put(alias, ((Number) value).longValue());
        });
        return id(stub.addPlan(name, values));
    }

    private Object addUser(AdminRequest r) {
        String id = r.text("id");
        if (id.isBlank()) {
            throw AdminException.badRequest("field id must not be blank");
        }
        return user(stub.addUser(id));
    }

    private Object addConsumption(AdminRequest r) {
        String userId = r.text("userId");
        String resource = r.text("resource");
        if (!NodulState.RESOURCES.contains(resource)) {
            throw AdminException.badRequest("field resource must be one of " + NodulState.RESOURCES + ", not " + resource);
        }
        long amount = r.longValue("amount");
        Instant at = r.optText("at").map(NodulAdmin::instant).orElseGet(NodulState::now);
        stub.addConsumption(userId, resource, amount, at);
        return null;
    }

    private Object setQuota(AdminRequest r) {
        String alias = r.pathParam("alias");
        knownAlias(alias, "path segment alias");
        stub.setQuota(alias, r.longValue("value"));
        return null;
    }

    private Object addScenario(AdminRequest r) {
        String spaceId = r.text("spaceId");
        var raw = r.optObject("scenario");
        if (raw.isPresent()) {
            return id(stub.addScenario(spaceId, JSON.writeValueAsString(raw.get())));
        }
        return id(stub.addScenario(spaceId, r.text("id"), r.text("title"), r.optLong("nodeCount").orElse(1L)));
    }

    private Map<String, Object> user(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("personalSpaceId", stub.personalSpaceId(id));
        return m;
    }

    private static Map<String, Object> plan(NodulStub.PlanState p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.id());
        m.put("name", p.name());
        m.put("status", p.status());
        m.put("features", p.features());
        m.put("createdAt", p.createdAt().toString());
        m.put("updatedAt", p.updatedAt().toString());
        return m;
    }

    private static Map<String, Object> subscription(NodulStub.SubscriptionState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("planId", s.planId());
        m.put("userId", s.userId());
        m.put("status", s.status());
        m.put("createdAt", s.createdAt().toString());
        m.put("cancelledAt", s.cancelledAt() == null ? null : s.cancelledAt().toString());
        return m;
    }

    private static Map<String, Object> id(String id) {
        return Map.of("id", id);
    }

    private static void knownAlias(String alias, String where) {
        if (!NodulStub.FEATURE_ALIASES.contains(alias)) {
            throw AdminException.badRequest(where + " is not a feature alias: " + alias + "; known: "
                    + String.join(", ", NodulStub.FEATURE_ALIASES));
        }
    }

    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw AdminException.badRequest("field at must be an RFC 3339 timestamp, e.g. 2025-05-02T00:00:00Z, not " + text);
        }
    }
}
