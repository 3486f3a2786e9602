package dev.volga.testkit.nodul;

import dev.volga.testkit.NoLeaks;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Nodul stub's own behaviour, spoken to over raw HTTP (no Volga client): auth, envelopes,
 * int64 strings, state, failures. Public because JUnit reaches this package only as exported.
 */
@ExtendWith(NoLeaks.class)
public class NodulStubTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "stub-test-token";

    private NodulStub stub;
    private ConnectionProvider pool;
    private HttpClient http;

    /** A response: status and parsed body. */
    record Answer(int status, JsonNode body) {
        String code() {
            return body.path("errors").path(0).path("code").asString(null);
        }

        JsonNode data() {
            return body.get("data");
        }
    }

    /** Starts the stub and a raw client. */
    @BeforeEach
    public void start() {
        stub = NodulStub.start(TOKEN);
        pool = ConnectionProvider.builder("nodul-stub-test").maxConnections(8).build();
        http = HttpClient.create(pool).disableRetry(true);
    }

    /** Stops both. */
    @AfterEach
    public void stop() {
        pool.disposeLater().block(TIMEOUT);
        stub.close();
    }

    private Answer call(String method, String pathAndQuery, String body, String token) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        String uri = stub.baseUrl() + pathAndQuery + (token == null ? "" : sep + "AUTH_TOKEN=" + token);
        HttpClient.RequestSender sender = http.headers(h -> h.add("Content-Type", "application/json"))
                .request(HttpMethod.valueOf(method)).uri(uri);
        HttpClient.ResponseReceiver<?> receiver = body == null ? sender
                : sender.send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT));
        return receiver.responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .map(text -> new Answer(res.status().code(), JSON.readTree(text)))).block(TIMEOUT);
    }

    private Answer get(String path) {
        return call("GET", path, null, TOKEN);
    }

    private Answer post(String path, String body) {
        return call("POST", path, body, TOKEN);
    }

    private static String resource(String name) {
        try (InputStream in = NodulStubTest.class.getResourceAsStream("/nodul/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource /nodul/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertEnvelope(Answer a, boolean success) {
        assertThat(a.body().propertyNames()).containsExactlyInAnyOrder("success", "request_id", "data", "errors");
        assertThat(a.body().get("success").booleanValue()).isEqualTo(success);
        assertThat(a.body().get("request_id").stringValue()).matches("[A-Za-z0-9]{20}");
        if (success) {
            assertThat(a.body().get("errors").isArray()).isTrue();
            assertThat(a.body().get("errors").isEmpty()).isTrue();
        } else {
            assertThat(a.data().isNull()).isTrue();
            assertThat(a.body().get("errors").get(0).get("message").isString()).isTrue();
        }
    }

    @Test
    public void onlyTheConfiguredTokenIsAccepted() {
        for (String token : new String[] {null, "wrong", TOKEN + "x"}) {
            Answer a = call("GET", "/plans", null, token);
            assertThat(a.status()).isEqualTo(401);
            assertEnvelope(a, false);
            assertThat(a.body().get("errors")).hasSize(1);
            assertThat(a.code()).isEqualTo("auth.Unauthorized");
            assertThat(a.body().path("errors").path(0).path("message").stringValue()).isEqualTo("Unauthorized");
        }
        assertThat(call("POST", "/no/such/path", "{}", "wrong").status()).as("auth comes before routing").isEqualTo(401);
        assertThat(get("/plans").status()).isEqualTo(200);
    }

    @Test
    public void requestIdsAreFresh() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ids.add(get("/quotas").body().get("request_id").stringValue());
        }
        assertThat(ids).hasSize(5);
    }

    @Test
    public void quotasListTheNineAliasesWithInt64Strings() {
        Answer a = get("/quotas");

        assertThat(a.status()).isEqualTo(200);
        assertEnvelope(a, true);
        JsonNode quotas = a.data().get("quotas");
        assertThat(quotas).hasSize(9);
        assertThat(quotas.get(5).get("alias").stringValue()).isEqualTo("plug_and_play_microcredits");
        assertThat(quotas.get(5).get("value").get("int64").isString()).isTrue();
        assertThat(quotas.get(5).get("value").get("int64").stringValue()).isEqualTo("5000000000000");
        assertThat(quotas.get(5).get("value").get("bool").isBoolean()).isTrue();
    }

    @Test
    public void createListUpdateArchivePlans() {
        Answer created = post("/plans", resource("plan-create-request.json"));

        assertThat(created.status()).isEqualTo(200);
        assertEnvelope(created, true);
        JsonNode plan = created.data().get("plan");
        String id = plan.get("id").stringValue();
        assertThat(plan.get("id").isString()).isTrue();
        assertThat(plan.get("status").stringValue()).isEqualTo("plan_status_active");
        assertThat(plan.get("features")).hasSize(3);
        assertThat(plan.get("features").get(1).get("value").get("int64").stringValue()).isEqualTo("1000000");
        assertThat(Instant.parse(plan.get("created_at").stringValue())).isNotNull();

        // ids and int64s are accepted as numbers too
        Answer updated = post("/plans/update", "{\"plan_id\":" + id + ",\"name\":\"renamed\",\"features\":"
                + "[{\"alias\":\"active_scenarios_limit\",\"value\":{\"int64\":7,\"bool\":false}}]}");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.data().isObject() && updated.data().isEmpty()).as("data is {}").isTrue();
        assertThat(stub.plan(id)).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("renamed");
            assertThat(p.features()).containsExactly(Map.entry("active_scenarios_limit", 7L));
        });

        assertThat(post("/plans/archive", "{\"plan_id\":\"" + id + "\"}").status()).isEqualTo(200);
        JsonNode listed = get("/plans").data().get("plans");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("status").stringValue()).isEqualTo("plan_status_archived");
    }

    @Test
    public void rejectionsAreEnvelopesOn200() {
        Answer noFeatures = post("/plans", "{\"name\":\"x\",\"features\":[]}");
        assertThat(noFeatures.status()).isEqualTo(200);
        assertEnvelope(noFeatures, false);
        assertThat(noFeatures.code()).isEqualTo("validation.InvalidArgument");

        assertThat(post("/plans", "{\"features\":[{\"alias\":\"regular_microcredits\",\"value\":{\"int64\":\"1\"}}]}").code())
                .isEqualTo("validation.InvalidArgument");
        assertThat(post("/plans", "{\"name\":\"x\",\"features\":[{\"alias\":\"nope\",\"value\":{\"int64\":\"1\"}}]}").code())
                .isEqualTo("validation.InvalidArgument");
        Answer unknownPlan = post("/plans/archive", "{\"plan_id\":\"999\"}");
        assertThat(unknownPlan.status()).isEqualTo(200);
        assertThat(unknownPlan.code()).isEqualTo("plan.NotFound");
        assertThat(post("/subscriptions", "{\"user_id\":\"ghost\",\"plan_id\":\"1\"}").code()).isEqualTo("user.NotFound");
        assertThat(get("/scenarios/execution?execution_id=none").code()).isEqualTo("execution.NotFound");
        assertThat(get("/scenarios/execution").code()).isEqualTo("validation.InvalidArgument");
    }

    @Test
    public void unknownPathsAndBadBodiesAreEnvelopesOn500() {
        Answer unknown = get("/planz");
        assertThat(unknown.status()).isEqualTo(500);
        assertEnvelope(unknown, false);
        assertThat(unknown.code()).isEqualTo("route.NotFound");

        assertThat(get("/plans/archive").code()).isEqualTo("route.MethodNotAllowed");
        Answer notJson = post("/plans", "{not json");
        assertThat(notJson.status()).isEqualTo(500);
        assertThat(notJson.code()).isEqualTo("request.InvalidBody");
        Answer unknownField = post("/plans/archive", "{\"planId\":\"1\"}");
        assertThat(unknownField.status()).isEqualTo(500);
        assertThat(unknownField.body().path("errors").path(0).path("message").stringValue()).contains("planId");
        assertThat(post("/subscriptions/list", "{\"options\":{\"include_consumption\":\"yes\"}}").code())
                .isEqualTo("request.InvalidBody");
        assertThat(post("/billing/resource", "{\"user_id\":\"u\",\"resource\":\"x\",\"quantity\":\"ten\"}").status())
                .isEqualTo(500);
    }

    @Test
    public void subscriptionsUsersConsumptionAndBilling() {
        stub.addUser("my_test_user_1");
        String planId = stub.addPlan("Basic", Map.of("regular_microcredits", 1L));
        stub.addConsumption("my_test_user_1", NodulStub.EXECUTION_CREDITS, 1, Instant.parse("2025-05-02T00:00:00Z"));

        JsonNode sub = post("/subscriptions", "{\"user_id\":\"my_test_user_1\",\"plan_id\":\"" + planId + "\"}")
                .data().get("subscription");
        assertThat(sub.get("status").stringValue()).isEqualTo("subscription_status_active");
        assertThat(sub.get("consumption").isNull()).isTrue();
        assertThat(sub.get("cancelled_at").isNull()).isTrue();

        JsonNode listed = post("/subscriptions/list", resource("subscriptions-list-request.json")).data().get("subscriptions");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("consumption").get("execution_credits").get("total").stringValue()).isEqualTo("1");
        assertThat(listed.get(0).get("consumption").get("plug_and_play_credits").isNull()).isTrue();
        assertThat(post("/subscriptions/list", "").data().get("subscriptions")).as("an empty body lists all").hasSize(1);

        JsonNode users = post("/users/list", "{\"options\":{\"include_subscriptions\":true}}").data().get("users");
        assertThat(users.get(0).get("user_id").stringValue()).isEqualTo("my_test_user_1");
        assertThat(users.get(0).get("subscriptions")).hasSize(1);
        assertThat(users.get(0).get("spaces").get(0).get("id").isString()).isTrue();

        JsonNode report = post("/reports/consumption", "{\"start\":\"2025-05-01T15:00:00.000Z\",\"end\":\"2025-05-06T15:00:00Z\","
                + "\"options\":{\"include_total\":true}}").data();
        assertThat(report.get("total").get("execution_credits").get("total").stringValue()).isEqualTo("1");
        assertThat(report.has("users")).as("only with include_per_user").isFalse();
        assertThat(report.get("start").stringValue()).isEqualTo("2025-05-01T15:00:00Z");

        String cancel = "{\"subscription_id\":\"" + sub.get("id").stringValue() + "\"}";
        assertThat(post("/subscriptions/cancel", cancel).status()).isEqualTo(200);
        assertThat(post("/subscriptions/cancel", cancel).code()).isEqualTo("subscription.AlreadyCancelled");

        assertThat(post("/billing/resource", "{\"user_id\":\"my_test_user_1\",\"resource\":\"billing_resource_plug_and_play_credits\","
                + "\"quantity\":10}").status()).isEqualTo(200);
        assertThat(stub.balance("my_test_user_1", NodulStub.PLUG_AND_PLAY_CREDITS)).isEqualTo(10);
    }

    @Test
    public void spacesAndScenarios() {
        assertThat(stub.addUser("test_user_1")).as("addUser returns the user's id").isEqualTo("test_user_1");
        String space = stub.personalSpaceId("test_user_1");
        stub.addUser("test_user_2");
        assertThat(stub.addScenario(space, "s1", "One", 2)).as("addScenario returns the scenario's id").isEqualTo("s1");

        assertThat(post("/space/access/grant", "{\"grantee_user_id\":\"test_user_2\",\"owner_user_id\":\"test_user_1\","
                + "\"add_to_tenant_space\":false,\"role_id\":3}").status()).isEqualTo(200);
        assertThat(stub.space(space).orElseThrow().members()).containsEntry("test_user_2", 3L);
        assertThat(post("/space/access/grant", "{\"grantee_user_id\":\"test_user_2\",\"owner_user_id\":\"test_user_1\","
                + "\"role_id\":9}").code()).isEqualTo("validation.InvalidArgument");
        assertThat(post("/space/access/revoke", "{\"grantee_user_id\":\"test_user_2\",\"owner_user_id\":\"test_user_1\","
                + "\"revoke_from_tenant_space\":false}").status()).isEqualTo(200);
        assertThat(stub.space(space).orElseThrow().members()).isEmpty();

        JsonNode renamed = post("/space/update", "{\"space_id\":\"" + space + "\",\"name\":\"new_name\"}").data().get("space");
        assertThat(renamed.get("name").stringValue()).isEqualTo("new_name");
        assertThat(renamed.get("status").stringValue()).isEqualTo("new");

        // the spec's example sends space_id as a number
        JsonNode listing = post("/scenarios/list", "{\"space_id\":" + space + ",\"options\":{\"count_only\":false}}").data();
        assertThat(listing.get("scenarios_count").stringValue()).isEqualTo("1");
        assertThat(listing.get("scenarios").get(0).get("node_count").stringValue()).isEqualTo("2");
        JsonNode countOnly = post("/scenarios/list", "{\"space_id\":\"" + space + "\",\"options\":{\"count_only\":true}}").data();
        assertThat(countOnly.get("scenarios_count").stringValue()).isEqualTo("1");
        assertThat(countOnly.has("scenarios")).isFalse();

        assertThat(stub.addExecution("{\"id\":\"e1\",\"version\":\"8\",\"status\":\"error\"}"))
                .as("addExecution returns the execution's id").isEqualTo("e1");
        assertThat(get("/scenarios/execution?execution_id=e1").data().get("execution").get("version").stringValue()).isEqualTo("8");
    }

    @Test
    public void failNextFailsExactlyTheNextAuthorisedCalls() {
        stub.failNext(2, 500, "internal.Error", "boom");

        assertThat(call("GET", "/plans", null, "wrong").status()).as("unauthorised calls do not count").isEqualTo(401);
        Answer first = get("/plans");
        assertThat(first.status()).isEqualTo(500);
        assertEnvelope(first, false);
        assertThat(first.code()).isEqualTo("internal.Error");
        assertThat(get("/quotas").status()).isEqualTo(500);
        assertThat(get("/plans").status()).isEqualTo(200);

        stub.failNext(1, 200, "plan.Busy", "busy");
        Answer on200 = get("/plans");
        assertThat(on200.status()).isEqualTo(200);
        assertEnvelope(on200, false);
    }

    @Test
    public void journalAndReset() {
        stub.addUser("u");
        get("/plans");
        assertThat(stub.requests("GET", "/plans")).singleElement()
                .satisfies(r -> assertThat(r.queryParam("AUTH_TOKEN")).contains(TOKEN));

        stub.reset();

        assertThat(stub.journal()).isEmpty();
        assertThat(stub.users()).isEmpty();
        assertThat(stub.space(NodulStub.TENANT_SPACE_ID)).isPresent();
        assertThat(stub.baseUrl()).endsWith(NodulStub.BASE_PATH);
    }

    @Test
    public void seedingChecksItsArguments() {
        assertThatThrownBy(() -> stub.addScenario("no-such-space", "{\"id\":\"x\"}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.addExecution("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.addScenario(NodulStub.TENANT_SPACE_ID, "{\"title\":\"no id\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.personalSpaceId("ghost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> stub.addSubscription("ghost", "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodulStub.start(" ")).isInstanceOf(IllegalArgumentException.class);
        stub.addUser("u");
        assertThatThrownBy(() -> stub.addUser("u")).isInstanceOf(IllegalArgumentException.class);
    }
}
