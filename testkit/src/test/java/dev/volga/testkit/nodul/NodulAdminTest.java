package dev.volga.testkit.nodul;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.testkit.NoLeaks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Nodul stub's admin routes, driven over real HTTP with the JDK's {@link HttpClient} as a team
 * outside Java would: seed through {@code /__admin}, then see the result through the provider's own
 * routes and through the Java read-back. Public because JUnit reaches this package only as exported.
 */
@ExtendWith(NoLeaks.class)
public class NodulAdminTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TOKEN = "admin-test-token";

    private NodulStub stub;
    private HttpClient http;

    /** A response: status and body text. */
    record Answer(int status, String text) {
        JsonNode json() {
            return JSON.readTree(text);
        }

        String error() {
            return json().path("error").asString("");
        }
    }

    /** Starts the stub and a JDK client. */
    @BeforeEach
    public void start() {
        stub = NodulStub.start(TOKEN);
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** Stops the stub. */
    @AfterEach
    public void stop() {
        stub.close();
    }

    private Answer send(String method, String url, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Answer admin(String method, String path, String body) {
        return send(method, stub.server().baseUrl() + "/__admin" + path, body);
    }

    /** A provider call with the given token; {@code pathAndQuery} after the base path. */
    private JsonNode provider(String method, String pathAndQuery, String body, String token) {
        String sep = pathAndQuery.contains("?") ? "&" : "?";
        Answer a = send(method, stub.baseUrl() + pathAndQuery + sep + "AUTH_TOKEN=" + token, body);
        JsonNode envelope = a.json();
        assertThat(envelope.path("success").booleanValue()).as("%s %s: %s", method, pathAndQuery, a.text()).isTrue();
        return envelope.get("data");
    }

    @Test
    public void aSeededPlanIsServedByTheProviderRoute() {
        Answer created = admin("POST", "/plans",
                "{\"name\":\"Basic\",\"features\":{\"regular_microcredits\":10000000,\"active_scenarios_limit\":3}}");
        assertThat(created.status()).isEqualTo(200);
        String id = created.json().get("id").stringValue();

        JsonNode plans = provider("GET", "/plans", null, TOKEN).get("plans");
        assertThat(plans).hasSize(1);
        JsonNode plan = plans.get(0);
        assertThat(plan.get("id").stringValue()).isEqualTo(id);
        assertThat(plan.get("name").stringValue()).isEqualTo("Basic");
        assertThat(plan.get("status").stringValue()).isEqualTo(NodulStub.PLAN_ACTIVE);
        assertThat(plan.get("features").get(0).get("alias").stringValue()).isEqualTo("regular_microcredits");
        assertThat(plan.get("features").get(0).get("value").get("int64").stringValue()).isEqualTo("10000000");
        assertThat(plan.get("features").get(1).get("value").get("int64").stringValue()).isEqualTo("3");

        JsonNode readBack = admin("GET", "/plans", null).json();
        assertThat(readBack).hasSize(1);
        assertThat(readBack.get(0).get("id").stringValue()).isEqualTo(id);
        assertThat(readBack.get(0).get("features").get("regular_microcredits").longValue()).isEqualTo(10_000_000L);
        assertThat(stub.plan(id)).hasValueSatisfying(p -> assertThat(p.name()).isEqualTo("Basic"));
    }

    @Test
    public void usersSubscriptionsAndSpaces() {
        Answer user = admin("POST", "/users", "{\"id\":\"user_1\"}");
        assertThat(user.status()).isEqualTo(200);
        assertThat(user.json().get("id").stringValue()).isEqualTo("user_1");
        String personal = user.json().get("personalSpaceId").stringValue();
        assertThat(personal).isEqualTo(stub.personalSpaceId("user_1"));
        String planId = stub.addPlan("Pro", java.util.Map.of("regular_microcredits", 1L));

        Answer sub = admin("POST", "/subscriptions", "{\"userId\":\"user_1\",\"planId\":\"" + planId + "\"}");
        assertThat(sub.status()).isEqualTo(200);
        String subId = sub.json().get("id").stringValue();
        Answer space = admin("POST", "/spaces", "{\"ownerUserId\":\"user_1\",\"name\":\"team\"}");
        assertThat(space.status()).isEqualTo(200);
        String spaceId = space.json().get("id").stringValue();

        JsonNode listed = provider("POST", "/subscriptions/list", "{}", TOKEN).get("subscriptions");
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").stringValue()).isEqualTo(subId);
        assertThat(listed.get(0).get("plan_id").stringValue()).isEqualTo(planId);
        JsonNode users = provider("POST", "/users/list", "{}", TOKEN).get("users");
        assertThat(users.get(0).get("user_id").stringValue()).isEqualTo("user_1");
        assertThat(users.get(0).get("spaces").findValuesAsString("id")).containsExactly(personal, spaceId);

        JsonNode subs = admin("GET", "/subscriptions", null).json();
        assertThat(subs.get(0).get("userId").stringValue()).isEqualTo("user_1");
        assertThat(subs.get(0).get("status").stringValue()).isEqualTo(NodulStub.SUBSCRIPTION_ACTIVE);
        assertThat(subs.get(0).get("cancelledAt").isNull()).isTrue();
        JsonNode adminUsers = admin("GET", "/users", null).json();
        assertThat(adminUsers).hasSize(1);
        assertThat(adminUsers.get(0).get("personalSpaceId").stringValue()).isEqualTo(personal);
        assertThat(stub.space(spaceId)).hasValueSatisfying(s -> assertThat(s.ownerUserId()).isEqualTo("user_1"));
    }

    @Test
    public void consumptionAndQuotas() {
        stub.addUser("u");
        assertThat(admin("POST", "/consumption", "{\"userId\":\"u\",\"resource\":\"" + NodulStub.EXECUTION_CREDITS
                + "\",\"amount\":7,\"at\":\"2025-05-02T00:00:00Z\"}").status()).isEqualTo(204);
        assertThat(admin("POST", "/consumption", "{\"userId\":\"u\",\"resource\":\"" + NodulStub.EXECUTION_CREDITS
                + "\",\"amount\":5}").status()).as("at defaults to now").isEqualTo(204);
        JsonNode report = provider("POST", "/reports/consumption",
                "{\"start\":\"2025-05-01T00:00:00Z\",\"end\":\"2025-05-03T00:00:00Z\",\"options\":{\"include_total\":true}}", TOKEN);
        assertThat(report.get("total").get("execution_credits").get("total").stringValue()).isEqualTo("7");
        JsonNode all = provider("POST", "/reports/consumption", "{\"options\":{\"include_total\":true}}", TOKEN);
        assertThat(all.get("total").get("execution_credits").get("total").stringValue()).isEqualTo("12");

        assertThat(admin("PUT", "/quotas/regular_microcredits", "{\"value\":42}").status()).isEqualTo(204);
        JsonNode quotas = provider("GET", "/quotas", null, TOKEN).get("quotas");
        JsonNode regular = null;
        for (JsonNode q : quotas) {
            if (q.get("alias").stringValue().equals("regular_microcredits")) {
                regular = q;
            }
        }
        assertThat(regular).isNotNull();
        assertThat(regular.get("value").get("int64").stringValue()).isEqualTo("42");
    }

    @Test
    public void scenariosAndExecutions() {
        stub.addUser("u");
        String space = stub.personalSpaceId("u");
        Answer one = admin("POST", "/scenarios", "{\"spaceId\":\"" + space + "\",\"id\":\"s1\",\"title\":\"One\",\"nodeCount\":4}");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("id").stringValue()).isEqualTo("s1");
        Answer raw = admin("POST", "/scenarios", "{\"spaceId\":\"" + space + "\",\"scenario\":{\"id\":\"s2\",\"title\":\"Raw\"}}");
        assertThat(raw.json().get("id").stringValue()).isEqualTo("s2");

        JsonNode listing = provider("POST", "/scenarios/list", "{\"space_id\":\"" + space + "\"}", TOKEN);
        assertThat(listing.get("scenarios_count").stringValue()).isEqualTo("2");
        assertThat(listing.get("scenarios").get(0).get("node_count").stringValue()).isEqualTo("4");
        assertThat(listing.get("scenarios").get(1).get("title").stringValue()).isEqualTo("Raw");

        Answer execution = admin("POST", "/executions", "{\"id\":\"e1\",\"version\":\"8\",\"status\":\"error\"}");
        assertThat(execution.status()).isEqualTo(200);
        assertThat(execution.json().get("id").stringValue()).isEqualTo("e1");
        JsonNode served = provider("GET", "/scenarios/execution?execution_id=e1", null, TOKEN).get("execution");
        assertThat(served.get("version").stringValue()).isEqualTo("8");
        assertThat(served.get("status").stringValue()).isEqualTo("error");
    }

    @Test
    public void rotatingTheTokenRefusesTheOldOne() {
        Answer rotated = admin("POST", "/tokens/rotate", null);
        assertThat(rotated.status()).isEqualTo(200);
        String fresh = rotated.json().get("token").stringValue();
        assertThat(fresh).isNotEqualTo(TOKEN).isEqualTo(stub.token());

        Answer old = send("GET", stub.baseUrl() + "/plans?AUTH_TOKEN=" + TOKEN, null);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.json().path("errors").path(0).path("code").stringValue()).isEqualTo("auth.Unauthorized");
        assertThat(provider("GET", "/plans", null, fresh).get("plans")).isEmpty();

        String again = stub.rotateToken();
        assertThat(again).isNotEqualTo(fresh);
        assertThat(send("GET", stub.baseUrl() + "/plans?AUTH_TOKEN=" + fresh, null).status()).isEqualTo(401);

        assertThat(admin("POST", "/reset", null).status()).isEqualTo(204);
        assertThat(stub.token()).as("a reset goes back to the token the stub started with").isEqualTo(TOKEN);
        assertThat(provider("GET", "/plans", null, TOKEN).get("plans")).isEmpty();
        assertThat(send("GET", stub.baseUrl() + "/plans?AUTH_TOKEN=" + again, null).status()).isEqualTo(401);
    }

    @Test
    public void theCommonQuotaRouteKeysByTokenAsNodulDoes() {
        assertThat(admin("PUT", "/quota", "{\"model\":\"gcra\",\"permits\":1,\"periodMs\":3600000,\"burst\":1}").status())
                .isEqualTo(200);
        provider("GET", "/plans", null, TOKEN);
        Answer refused = send("GET", stub.baseUrl() + "/plans?AUTH_TOKEN=" + TOKEN, null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.json().path("errors").path(0).path("code").stringValue()).isEqualTo("rate_limit.TooManyRequests");

        String fresh = stub.rotateToken();
        assertThat(provider("GET", "/plans", null, fresh).get("plans")).as("another token, another bucket").isEmpty();
        assertThat(stub.tooManyRequestsSent()).isEqualTo(1);
    }

    @Test
    public void resetForgetsEverything() {
        admin("POST", "/users", "{\"id\":\"u\"}");
        admin("POST", "/plans", "{\"name\":\"P\",\"features\":{\"regular_microcredits\":1}}");
        provider("GET", "/plans", null, TOKEN);
        stub.failNext(1);

        assertThat(admin("POST", "/reset", null).status()).isEqualTo(204);

        assertThat(admin("GET", "/plans", null).json()).isEmpty();
        assertThat(admin("GET", "/users", null).json()).isEmpty();
        assertThat(stub.journal()).isEmpty();
        assertThat(provider("GET", "/plans", null, TOKEN).get("plans")).as("no pending failure left").isEmpty();
    }

    @Test
    public void badInputIs400NamingTheField() {
        stub.addUser("u");
        assertBad("POST", "/plans", "{\"features\":{\"regular_microcredits\":1}}", "name");
        assertBad("POST", "/plans", "{\"name\":\"P\"}", "features");
        assertBad("POST", "/plans", "{\"name\":\"P\",\"features\":[1]}", "features");
        assertBad("POST", "/plans", "{\"name\":\"P\",\"features\":{\"regular_microcredits\":\"ten\"}}",
                "features.regular_microcredits");
        assertBad("POST", "/plans", "{\"name\":\"P\",\"features\":{\"no_such_alias\":1}}", "no_such_alias");
        assertBad("POST", "/plans", "not json", "JSON");
        assertBad("POST", "/users", "{}", "id");
        assertBad("POST", "/users", "{\"id\":5}", "id");
        assertBad("POST", "/users", "{\"id\":\" \"}", "id");
        assertBad("POST", "/users", "{\"id\":\"u\"}", "user exists: u");
        assertBad("POST", "/subscriptions", "{\"userId\":\"u\"}", "planId");
        assertBad("POST", "/subscriptions", "{\"userId\":\"ghost\",\"planId\":\"1\"}", "ghost");
        assertBad("POST", "/spaces", "{\"ownerUserId\":\"u\"}", "name");
        assertBad("POST", "/consumption", "{\"userId\":\"u\",\"resource\":\"gold\",\"amount\":1}", "resource");
        assertBad("POST", "/consumption", "{\"userId\":\"u\",\"resource\":\"" + NodulStub.EXECUTION_CREDITS + "\"}", "amount");
        assertBad("POST", "/consumption", "{\"userId\":\"u\",\"resource\":\"" + NodulStub.EXECUTION_CREDITS
                + "\",\"amount\":1,\"at\":\"yesterday\"}", "at");
        assertBad("PUT", "/quotas/regular_microcredits", "{}", "value");
        assertBad("PUT", "/quotas/regular_microcredits", "{\"value\":1.5}", "value");
        assertBad("PUT", "/quotas/no_such_alias", "{\"value\":1}", "alias");
        assertBad("POST", "/scenarios", "{\"id\":\"s\",\"title\":\"T\"}", "spaceId");
        assertBad("POST", "/scenarios", "{\"spaceId\":\"" + NodulStub.TENANT_SPACE_ID + "\",\"title\":\"T\"}", "id");
        assertBad("POST", "/scenarios", "{\"spaceId\":\"nowhere\",\"id\":\"s\",\"title\":\"T\"}", "nowhere");
        assertBad("POST", "/executions", "{\"status\":\"error\"}", "id");

        assertThat(stub.plans()).as("nothing was seeded by a refused request").isEmpty();
        assertThat(stub.users()).containsExactly("u");
        assertThat(stub.subscriptions()).isEmpty();
        JsonNode report = provider("POST", "/reports/consumption", "{\"options\":{\"include_total\":true}}", TOKEN);
        assertThat(report.get("total").get("execution_credits").get("total").stringValue()).isEqualTo("0");
    }

    private void assertBad(String method, String path, String body, String named) {
        Answer a = admin(method, path, body);
        assertThat(a.status()).as("%s %s %s -> %s", method, path, body, a.text()).isEqualTo(400);
        assertThat(a.error()).as("%s %s %s", method, path, body).isNotBlank().contains(named);
    }

    @Test
    public void theAdminRoutesAreListedAndNotJournaled() {
        String listing = admin("GET", "", null).text();
        assertThat(listing).contains("\"POST /__admin/plans\"", "\"PUT /__admin/quotas/{alias}\"",
                "\"POST /__admin/tokens/rotate\"", "\"GET /__admin/journal\"");
        admin("GET", "/plans", null);
        assertThat(stub.journal()).isEmpty();
    }
}
