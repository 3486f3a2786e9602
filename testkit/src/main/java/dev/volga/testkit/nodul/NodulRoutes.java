package dev.volga.testkit.nodul;

import static dev.volga.testkit.nodul.NodulBody.allow;
import static dev.volga.testkit.nodul.NodulBody.bool;
import static dev.volga.testkit.nodul.NodulBody.int64;
import static dev.volga.testkit.nodul.NodulBody.object;
import static dev.volga.testkit.nodul.NodulBody.optionalId;
import static dev.volga.testkit.nodul.NodulBody.rejected;
import static dev.volga.testkit.nodul.NodulBody.requiredId;
import static dev.volga.testkit.nodul.NodulBody.requiredString;
import static dev.volga.testkit.nodul.NodulBody.strings;

import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.SecretScan;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.nodul.NodulState.FeatureValue;
import dev.volga.testkit.nodul.NodulState.Plan;
import dev.volga.testkit.nodul.NodulState.SpaceRec;
import dev.volga.testkit.nodul.NodulState.Sub;
import dev.volga.testkit.nodul.NodulState.UserRec;
import dev.volga.testkit.nodul.NodulState.Window;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Nodul stub's provider side: the token check, pending failures, dispatch of the 16 endpoints
 * under {@link NodulStub#BASE_PATH} and their operations on the {@link NodulState}. It is the
 * {@link dev.volga.testkit.StubServer#fallback fallback} of the stub's server; each request runs
 * while holding the state's lock.
 */
final class NodulRoutes {

    private final NodulState state;
    private final NodulWire wire;
    private final String startToken;
    private volatile String token;
    /** Sequence numbers of requests refused for a missing or wrong token. */
    private final Set<Long> staleTokenRequests = Collections.synchronizedSet(new HashSet<>());

    NodulRoutes(NodulState state, NodulWire wire, String token) {
        this.state = state;
        this.wire = wire;
        this.startToken = token;
        this.token = token;
    }

    // ---------------------------------------------------------------- auth

    /** A fresh random token: {@code stub-} and 32 hex digits. */
    static String randomToken() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        StringBuilder sb = new StringBuilder("stub-");
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    String token() {
        return token;
    }

    /** From now on accepts only {@code value}. */
    void token(String value) {
        SecretScan.register(value);
        this.token = value;
    }

    /** Accepts the token the stub started with again (after {@link #token(String)}). */
    void restoreStartToken() {
        this.token = startToken;
    }

    boolean refusedForToken(RecordedRequest request) {
        return staleTokenRequests.contains(request.sequence());
    }

    void clearRefusals() {
        staleTokenRequests.clear();
    }

    // ---------------------------------------------------------------- dispatch

    StubResponse handle(RecordedRequest request) {
        String requestId = wire.requestId();
        if (!token.equals(request.queryParam("AUTH_TOKEN").orElse(null))) {
            staleTokenRequests.add(request.sequence());
            return wire.error(401, requestId, "auth.Unauthorized", "Unauthorized");
        }
        try {
            synchronized (state.lock) {
                Optional<NodulFailure> failure = state.takeFailure();
                if (failure.isPresent()) {
                    throw failure.get();
                }
            }
            String path = request.path();
            if (!path.startsWith(NodulStub.BASE_PATH)) {
                throw new NodulFailure(500, "route.NotFound", "no such endpoint: " + path);
            }
            String endpoint = path.substring(NodulStub.BASE_PATH.length());
            ObjectNode data = route(request.method(), endpoint, request);
            return wire.envelope(requestId, data);
        } catch (NodulFailure f) {
            return wire.error(f.status, requestId, f.code, f.getMessage());
        }
    }

    private ObjectNode route(String method, String endpoint, RecordedRequest request) {
        String want = switch (endpoint) {
            case "/quotas", "/scenarios/execution" -> "GET";
            case "/plans" -> method.equals("GET") ? "GET" : "POST";
            case "/plans/update", "/plans/archive", "/subscriptions/list", "/subscriptions", "/subscriptions/cancel",
                 "/users/list", "/reports/consumption", "/billing/resource", "/space/access/grant",
                 "/space/access/revoke", "/space/update", "/scenarios/list" -> "POST";
            default -> throw new NodulFailure(500, "route.NotFound", "no such endpoint: " + endpoint);
        };
        if (!want.equals(method)) {
            throw new NodulFailure(500, "route.MethodNotAllowed", method + " is not allowed on " + endpoint);
        }
        synchronized (state.lock) {
            return switch (endpoint) {
                case "/quotas" -> quotas();
                case "/plans" -> method.equals("GET") ? plans() : createPlan(NodulBody.of(request));
                case "/plans/update" -> updatePlan(NodulBody.of(request));
                case "/plans/archive" -> archivePlan(NodulBody.of(request));
                case "/subscriptions/list" -> listSubscriptions(NodulBody.of(request));
                case "/subscriptions" -> assign(NodulBody.of(request));
                case "/subscriptions/cancel" -> cancel(NodulBody.of(request));
                case "/users/list" -> listUsers(NodulBody.of(request));
                case "/reports/consumption" -> report(NodulBody.of(request));
                case "/billing/resource" -> addResource(NodulBody.of(request));
                case "/space/access/grant" -> grant(NodulBody.of(request));
                case "/space/access/revoke" -> revoke(NodulBody.of(request));
                case "/space/update" -> renameSpace(NodulBody.of(request));
                case "/scenarios/list" -> listScenarios(NodulBody.of(request));
                case "/scenarios/execution" -> execution(request);
                default -> throw new NodulFailure(500, "route.NotFound", "no such endpoint: " + endpoint);
            };
        }
    }

    // ---------------------------------------------------------------- endpoints (lock held)

    private ObjectNode quotas() {
        ObjectNode data = wire.object();
        ArrayNode list = data.putArray("quotas");
        state.quotas().forEach((alias, value) -> list.add(wire.feature(alias, new FeatureValue(value, false))));
        return data;
    }

    private ObjectNode plans() {
        ObjectNode data = wire.object();
        ArrayNode list = data.putArray("plans");
        state.plans().forEach(p -> list.add(wire.plan(p)));
        return data;
    }

    private ObjectNode createPlan(ObjectNode body) {
        allow(body, "", "name", "features");
        String name = requiredString(body, "name");
        Map<String, FeatureValue> features = NodulBody.features(body);
        ObjectNode data = wire.object();
        data.set("plan", wire.plan(state.createPlan(name, features)));
        return data;
    }

    private ObjectNode updatePlan(ObjectNode body) {
        allow(body, "", "plan_id", "name", "features");
        Plan plan = state.existingPlan(requiredId(body, "plan_id"));
        String name = requiredString(body, "name");
        Map<String, FeatureValue> features = NodulBody.features(body);
        if (plan.status().equals(NodulStub.PLAN_ARCHIVED)) {
            throw new NodulFailure(200, "plan.Archived", "plan " + plan.id() + " is archived");
        }
        state.updatePlan(plan, name, features);
        return wire.object();
    }

    private ObjectNode archivePlan(ObjectNode body) {
        allow(body, "", "plan_id");
        state.archivePlan(state.existingPlan(requiredId(body, "plan_id")));
        return wire.object();
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
            if (!s.equals(NodulStub.SUBSCRIPTION_ACTIVE) && !s.equals(NodulStub.SUBSCRIPTION_CANCELLED)) {
                throw rejected("unknown status " + s);
            }
        }
        Window window = NodulBody.window(object(filters, "consumption"), "filters.consumption.");
        ObjectNode data = wire.object();
        ArrayNode list = data.putArray("subscriptions");
        for (Sub s : state.subscriptions()) {
            if ((userId == null || userId.isEmpty() || userId.equals(s.userId()))
                    && (statuses.isEmpty() || statuses.contains(s.status()))) {
                list.add(wire.subscription(s, withConsumption ? window : null));
            }
        }
        return data;
    }

    private ObjectNode assign(ObjectNode body) {
        allow(body, "", "user_id", "plan_id");
        String userId = state.existingUser(requiredId(body, "user_id"));
        Plan plan = state.existingPlan(requiredId(body, "plan_id"));
        if (plan.status().equals(NodulStub.PLAN_ARCHIVED)) {
            throw new NodulFailure(200, "plan.Archived", "plan " + plan.id() + " is archived");
        }
        ObjectNode data = wire.object();
        data.set("subscription", wire.subscription(state.subscribe(userId, plan.id()), null));
        return data;
    }

    private ObjectNode cancel(ObjectNode body) {
        allow(body, "", "subscription_id");
        String id = requiredId(body, "subscription_id");
        Sub sub = state.subscription(id);
        if (sub == null) {
            throw new NodulFailure(200, "subscription.NotFound", "no subscription " + id);
        }
        if (sub.status().equals(NodulStub.SUBSCRIPTION_CANCELLED)) {
            throw new NodulFailure(200, "subscription.AlreadyCancelled", "subscription " + id + " is already cancelled");
        }
        state.cancel(sub);
        return wire.object();
    }

    private ObjectNode listUsers(ObjectNode body) {
        allow(body, "", "options", "filters");
        ObjectNode options = object(body, "options");
        allow(options, "options.", "include_subscriptions", "include_consumption");
        boolean withSubs = bool(options, "include_subscriptions");
        boolean withConsumption = bool(options, "include_consumption");
        ObjectNode filters = object(body, "filters");
        allow(filters, "filters.", "consumption");
        Window window = NodulBody.window(object(filters, "consumption"), "filters.consumption.");
        ObjectNode data = wire.object();
        ArrayNode list = data.putArray("users");
        for (UserRec u : state.users()) {
            ObjectNode user = list.addObject();
            user.put("user_id", u.id());
            if (withSubs) {
                ArrayNode us = user.putArray("subscriptions");
                state.subscriptions().stream().filter(s -> s.userId().equals(u.id()))
                        .forEach(s -> us.add(wire.subscription(s, withConsumption ? window : null)));
            }
            ArrayNode sp = user.putArray("spaces");
            for (SpaceRec s : state.spaces()) {
                if (u.id().equals(s.owner) || s.members.containsKey(u.id())) {
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
        Instant start = NodulBody.time(body, "start");
        Instant end = NodulBody.time(body, "end");
        List<String> resources = NodulBody.resources(filters, "filters.resources");
        Window window = new Window(resources, start, end);
        if (start != null && end != null && start.isAfter(end)) {
            throw rejected("start must not be after end");
        }
        ObjectNode data = wire.object();
        if (bool(options, "include_total")) {
            data.set("total", wire.consumption(null, window));
        }
        if (bool(options, "include_per_user")) {
            ArrayNode list = data.putArray("users");
            for (UserRec u : state.users()) {
                ObjectNode line = list.addObject();
                line.put("user_id", u.id());
                line.set("consumption", wire.consumption(u.id(), window));
            }
        }
        Instant first = state.firstUsage();
        Instant shownStart = start != null ? start : first;
        if (shownStart != null) {
            data.put("start", shownStart.toString());
        }
        data.put("end", (end != null ? end : NodulState.now()).toString());
        return data;
    }

    private ObjectNode addResource(ObjectNode body) {
        allow(body, "", "user_id", "resource", "quantity");
        // the body is parsed (types checked) before any value is judged
        Long quantity = int64(body, "quantity");
        String userId = state.existingUser(requiredId(body, "user_id"));
        String resource = requiredString(body, "resource");
        if (!NodulState.RESOURCES.contains(resource)) {
            throw rejected("unknown resource " + resource);
        }
        if (quantity == null || quantity <= 0) {
            throw rejected("quantity must be positive");
        }
        state.addBalance(userId, resource, quantity);
        return wire.object();
    }

    private ObjectNode grant(ObjectNode body) {
        allow(body, "", "grantee_user_id", "owner_user_id", "add_to_tenant_space", "role_id");
        Long role = int64(body, "role_id");
        boolean tenant = bool(body, "add_to_tenant_space");
        String grantee = state.existingUser(requiredId(body, "grantee_user_id"));
        SpaceRec space = targetSpace(body, tenant);
        long roleId = role == null ? 3 : role;
        if (roleId < 1 || roleId > 5) {
            throw rejected("role_id must be 1 to 5, was " + roleId);
        }
        space.members.put(grantee, roleId);
        return wire.object();
    }

    private ObjectNode revoke(ObjectNode body) {
        allow(body, "", "grantee_user_id", "owner_user_id", "revoke_from_tenant_space");
        String grantee = state.existingUser(requiredId(body, "grantee_user_id"));
        SpaceRec space = targetSpace(body, bool(body, "revoke_from_tenant_space"));
        space.members.remove(grantee);
        return wire.object();
    }

    private SpaceRec targetSpace(ObjectNode body, boolean tenant) {
        if (tenant) {
            return state.tenantSpace();
        }
        String owner = state.existingUser(requiredId(body, "owner_user_id"));
        return state.spaceOwnedBy(owner)
                .orElseThrow(() -> new NodulFailure(200, "space.NotFound", "user " + owner + " owns no space"));
    }

    private ObjectNode renameSpace(ObjectNode body) {
        allow(body, "", "space_id", "name");
        SpaceRec space = state.existingSpace(requiredId(body, "space_id"));
        space.name = requiredString(body, "name");
        ObjectNode data = wire.object();
        data.putObject("space").put("id", space.id).put("name", space.name).put("status", space.status);
        return data;
    }

    private ObjectNode listScenarios(ObjectNode body) {
        allow(body, "", "space_id", "options");
        SpaceRec space = state.existingSpace(requiredId(body, "space_id"));
        ObjectNode options = object(body, "options");
        allow(options, "options.", "count_only");
        long total = state.spaces().stream().mapToLong(s -> s.scenarios.size()).sum();
        ObjectNode data = wire.object();
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
                throw NodulBody.invalid("unknown query parameter " + name);
            }
        }
        String id = request.queryParam("execution_id").orElse("");
        if (id.isBlank()) {
            throw rejected("execution_id is required");
        }
        ObjectNode execution = state.execution(id);
        if (execution == null) {
            throw new NodulFailure(200, "execution.NotFound", "no execution " + id);
        }
        ObjectNode data = wire.object();
        data.set("execution", execution.deepCopy());
        return data;
    }
}
