package dev.volga.nodul;

import dev.volga.api.AuthenticationException;
import dev.volga.api.ClientErrorException;
import dev.volga.api.RetrySettings;
import dev.volga.nodul.model.Consumption;
import dev.volga.nodul.model.ConsumptionReport;
import dev.volga.nodul.model.CreditTotal;
import dev.volga.nodul.model.Execution;
import dev.volga.nodul.model.Feature;
import dev.volga.nodul.model.FeatureAlias;
import dev.volga.nodul.model.Plan;
import dev.volga.nodul.model.PlanStatus;
import dev.volga.nodul.model.ResourceType;
import dev.volga.nodul.model.Scenario;
import dev.volga.nodul.model.ScenarioListing;
import dev.volga.nodul.model.Space;
import dev.volga.nodul.model.SpaceRef;
import dev.volga.nodul.model.SpaceRole;
import dev.volga.nodul.model.Subscription;
import dev.volga.nodul.model.SubscriptionStatus;
import dev.volga.nodul.model.User;
import dev.volga.nodul.model.UserConsumption;
import dev.volga.nodul.model.UserRef;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The spec's example responses, served verbatim, decode to the values written here by hand; the
 * client's request bodies for the spec's example inputs equal the spec's example request bodies.
 */
@ExtendWith(NoLeaks.class)
class SpecExamplesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String BASE = "/latenode/v1/whitelabel";
    private static final String TOKEN = "EXAMPLE-TOKEN-0123456789abcdef";

    private StubServer server;
    private NodulClient client;

    @BeforeEach
    void start() {
        server = StubServer.start();
        client = NodulClient.builder().baseUrl(server.baseUrl() + BASE).token(TOKEN).retry(RetrySettings.none()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private void serve(String method, String path, String example) {
        server.route(method, BASE + path, req -> StubResponse.json(200, Examples.text(example)));
    }

    private RecordedRequest only(String method, String path) {
        List<RecordedRequest> requests = server.requests(method, BASE + path);
        assertThat(requests).hasSize(1);
        RecordedRequest request = requests.get(0);
        assertThat(request.queryParam("AUTH_TOKEN")).contains(TOKEN);
        return request;
    }

    @Test
    void quotas() {
        serve("GET", "/quotas", "quotas.json");

        List<Feature> quotas = client.quotas().list().collectList().block(TIMEOUT);

        assertThat(quotas).hasSize(9);
        assertThat(quotas.get(0).alias()).isEqualTo(FeatureAlias.MIN_EXECUTION_CHARGING_PERIOD_IN_MCS);
        assertThat(quotas.get(0).int64()).isEqualTo(3_000_000L);
        assertThat(quotas.get(0).bool()).isFalse();
        assertThat(quotas.get(1).alias()).isEqualTo(FeatureAlias.PLUG_AND_PLAY_MICROCREDITS);
        assertThat(quotas.get(1).int64()).as("beyond 32 bits").isEqualTo(5_000_000_000_000L);
        assertThat(quotas.get(2)).isEqualTo(new Feature("regular_microcredits", new Feature.Value(10_000_000L, false)));
        assertThat(quotas.get(7).alias()).isEqualTo(FeatureAlias.EXEC_HISTORY_AVAILABILITY_PERIOD_IN_MIN);
        assertThat(quotas.get(7).int64()).isEqualTo(6000L);
        assertThat(quotas.get(8).alias()).isEqualTo(FeatureAlias.MIN_TRIGGERING_INTERVAL_IN_SECONDS);
        assertThat(quotas.get(8).int64()).isEqualTo(20L);
        assertThat(quotas).extracting(Feature::alias).doesNotContainNull();
        RecordedRequest request = only("GET", "/quotas");
        assertThat(request.queryParams()).containsOnlyKeys("AUTH_TOKEN");
    }

    @Test
    void plans() {
        serve("GET", "/plans", "plans.json");

        List<Plan> plans = client.plans().list().collectList().block(TIMEOUT);

        Instant created = Instant.parse("2025-04-29T13:00:15Z");
        assertThat(plans).containsExactly(new Plan("0", "Demo Test Plan", "plan_status_active", List.of(
                new Feature("min_execution_charging_period_in_mcs", new Feature.Value(3_000_000L, false)),
                new Feature("regular_microcredits", new Feature.Value(10_000_000_000L, false))), created, created));
        assertThat(plans.get(0).status()).isEqualTo(PlanStatus.ACTIVE);
        only("GET", "/plans");
    }

    @Test
    void createPlan() {
        serve("POST", "/plans", "plan-create.json");

        Plan plan = client.plans().create("Plan Name", List.of(
                Feature.of(FeatureAlias.ACTIVE_SCENARIOS_LIMIT, 1),
                Feature.of(FeatureAlias.PLUG_AND_PLAY_MICROCREDITS, 1_000_000),
                Feature.of(FeatureAlias.MIN_EXECUTION_CHARGING_PERIOD_IN_MCS, 3_000_000))).block(TIMEOUT);

        Examples.assertBody(only("POST", "/plans"), Examples.text("plan-create-request.json"));
        assertThat(only("POST", "/plans").header("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        Instant at = Instant.parse("2025-05-05T14:57:47.716Z");
        assertThat(plan).isEqualTo(new Plan("0", "Plan Name", "plan_status_active",
                List.of(new Feature("plug_and_play_microcredits", new Feature.Value(1_000_000L, false))), at, at));
        assertThat(plan.createdAt().getNano()).isEqualTo(716_000_000);
    }

    @Test
    void updateAndArchivePlan() {
        serve("POST", "/plans/update", "empty-data.json");
        serve("POST", "/plans/archive", "empty-data.json");

        client.plans().update("0", "new plan name", List.of(Feature.of(FeatureAlias.ACTIVE_SCENARIOS_LIMIT, 1)))
                .block(TIMEOUT);
        client.plans().archive("0").block(TIMEOUT);

        Examples.assertBody(only("POST", "/plans/update"), Examples.text("plan-update-request.json"));
        Examples.assertBody(only("POST", "/plans/archive"), "{\"plan_id\": \"0\"}");
    }

    @Test
    void listSubscriptions() {
        serve("POST", "/subscriptions/list", "subscriptions-list.json");

        List<Subscription> subscriptions = client.subscriptions().list(SubscriptionQuery.builder()
                .includeConsumption(true)
                .userId("my_test_user_1")
                .statuses(SubscriptionStatus.ACTIVE)
                .consumptionResources(ResourceType.EXECUTION_CREDITS)
                .consumptionStart(Instant.parse("2025-04-04T15:09:23.879Z"))
                .consumptionEnd(Instant.parse("2025-05-05T15:09:23.879Z"))
                .build()).collectList().block(TIMEOUT);

        Examples.assertBody(only("POST", "/subscriptions/list"), Examples.text("subscriptions-list-request.json"));
        assertThat(subscriptions).containsExactly(new Subscription("0", "0", "my_test_user_1",
                "subscription_status_active", new Consumption(new CreditTotal(1), null),
                Instant.parse("2025-05-05T14:19:39Z"), null));
        assertThat(subscriptions.get(0).status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(subscriptions.get(0).consumption().total(ResourceType.EXECUTION_CREDITS)).hasValue(1L);
        assertThat(subscriptions.get(0).consumption().total(ResourceType.PLUG_AND_PLAY_CREDITS)).isEmpty();
    }

    @Test
    void assignSubscriptionWithErrorsBeforeData() {
        serve("POST", "/subscriptions", "subscription-assign.json");

        Subscription subscription = client.subscriptions().assign("my_test_user_1", "0").block(TIMEOUT);

        Examples.assertBody(only("POST", "/subscriptions"), "{ \"user_id\": \"my_test_user_1\", \"plan_id\": \"0\" }");
        assertThat(subscription).isEqualTo(new Subscription("0", "0", "my_test_user_1", "subscription_status_active",
                null, Instant.parse("2025-05-05T15:26:10.320Z"), null));
    }

    @Test
    void cancelSubscriptionSendsTheIdAsAString() {
        serve("POST", "/subscriptions/cancel", "empty-data.json");

        client.subscriptions().cancel("0").block(TIMEOUT);

        Examples.assertBody(only("POST", "/subscriptions/cancel"), "{ \"subscription_id\": \"0\" }");
    }

    @Test
    void listUsers() {
        serve("POST", "/users/list", "users-list.json");

        List<User> users = client.users().list(UserQuery.builder()
                .includeSubscriptions(true).includeConsumption(true)
                .consumptionResources(ResourceType.EXECUTION_CREDITS)
                .consumptionStart(Instant.parse("2025-05-01T15:00:00Z"))
                .consumptionEnd(Instant.parse("2025-05-06T15:00:00Z"))
                .build()).collectList().block(TIMEOUT);

        Examples.assertBody(only("POST", "/users/list"), Examples.text("users-list-request.json"));
        assertThat(users).containsExactly(new User("my_test_user_1", List.of(
                new Subscription("0", "0", "my_test_user_1", "subscription_status_active",
                        new Consumption(new CreditTotal(1), null), Instant.parse("2025-05-05T14:19:39Z"), null),
                new Subscription("0", "0", "my_test_user_1", "subscription_status_cancelled", null,
                        Instant.parse("2025-05-05T15:26:10Z"), null)),
                List.of(new SpaceRef("32", "test_space_1"), new SpaceRef("53", "test_space_2"))));
        assertThat(users.get(0).subscriptions().get(1).status()).isEqualTo(SubscriptionStatus.CANCELLED);
        assertThat(users.get(0).subscriptions().get(1).cancelledAt()).as("cancelled but no date, as in the spec").isNull();
    }

    @Test
    void consumptionReport() {
        serve("POST", "/reports/consumption", "consumption-report.json");

        ConsumptionReport report = client.reports().consumption(ConsumptionQuery.builder()
                .start(Instant.parse("2025-05-01T15:00:00Z")).end(Instant.parse("2025-05-06T15:00:00Z"))
                .resources(ResourceType.EXECUTION_CREDITS, ResourceType.PLUG_AND_PLAY_CREDITS)
                .build()).block(TIMEOUT);

        Examples.assertBody(only("POST", "/reports/consumption"), Examples.text("consumption-report-request.json"));
        Consumption one = new Consumption(new CreditTotal(1), null);
        assertThat(report).isEqualTo(new ConsumptionReport(one, List.of(new UserConsumption("my_test_user_1", one)),
                Instant.parse("2025-05-01T15:00:00Z"), Instant.parse("2025-05-06T15:00:00Z")));
    }

    @Test
    void addResource() {
        serve("POST", "/billing/resource", "empty-data.json");

        client.billing().addResource("10011", ResourceType.PLUG_AND_PLAY_CREDITS, 10).block(TIMEOUT);

        Examples.assertBody(only("POST", "/billing/resource"), Examples.text("billing-resource-request.json"));
    }

    @Test
    void grantAndRevokeSpaceAccess() {
        serve("POST", "/space/access/grant", "empty-data.json");
        serve("POST", "/space/access/revoke", "empty-data.json");

        client.spaces().grantAccess("test_user_2", "test_user_1", SpaceRole.NO_CODE).block(TIMEOUT);
        client.spaces().revokeAccess("test_user_2", "test_user_1").block(TIMEOUT);

        Examples.assertBody(only("POST", "/space/access/grant"), Examples.text("space-grant-request.json"));
        Examples.assertBody(only("POST", "/space/access/revoke"), Examples.text("space-revoke-request.json"));
    }

    @Test
    void renameSpace() {
        serve("POST", "/space/update", "space-update.json");

        Space space = client.spaces().rename("32", "new_name").block(TIMEOUT);

        Examples.assertBody(only("POST", "/space/update"), Examples.text("space-update-request.json"));
        assertThat(space).isEqualTo(new Space("32", "new_name", "new"));
    }

    @Test
    void listScenarios() {
        serve("POST", "/scenarios/list", "scenarios-list.json");

        ScenarioListing listing = client.scenarios().listing("32").block(TIMEOUT);

        // the spec's example sends the number 32; ids go out as strings
        Examples.assertBody(only("POST", "/scenarios/list"), "{ \"space_id\": \"32\", \"options\": { \"count_only\": false } }");
        assertThat(listing.scenariosCount()).isEqualTo(1L);
        assertThat(listing.folders()).isEmpty();
        assertThat(listing.scenarios()).containsExactly(new Scenario("29adf0adfa7df8df6adff", "Test scenario", 2, true,
                "deployed", 3, "", "", Instant.parse("2025-04-15T17:46:56.055Z"), Instant.parse("2025-04-15T17:50:12.217Z"),
                new UserRef("test_user_1"), new UserRef("test_user_1")));
    }

    @Test
    void getExecution() {
        serve("GET", "/scenarios/execution", "execution.json");

        Execution execution = client.scenarios().execution("adf7asdbfdad99da8f6adfdf").block(TIMEOUT);

        assertThat(only("GET", "/scenarios/execution").queryParam("execution_id")).contains("adf7asdbfdad99da8f6adfdf");
        assertThat(execution).isEqualTo(new Execution("698c5bd8f76d78f6s87d6f", "868247bj2h832424j272423", 8, "error",
                "dev",
                List.of(new Execution.Node("698c5bd8f76d78f6s87d6f_698c5bf3b485b357900bc763", "28374bj4bj3b23b4b433b43",
                                "success"),
                        new Execution.Node("698c5bd8f76d78f6s87d6f_698c5bf3bba69ee56218634a", "698c50823bj23b823b23n4",
                                "error")),
                new Execution.Failure("698c50823bj23b823b23n4", "node", "Get \"\": unsupported protocol scheme \"\""),
                List.of(new Execution.Gateway("698c5bd8f76d78f6s87d6f_698c5bf3bba69ee562186349", "28374bj4bj3b23b4b433b43",
                        "output", List.of(new Execution.Route(new Execution.Condition("", new Execution.Expression("")),
                        "698c50823bj23b823b23n4"))))));
    }

    @Test
    void documentedErrorEnvelopeOn200() {
        server.route("GET", BASE + "/plans", req -> StubResponse.json(200, Examples.text("error.json")));

        assertThatThrownBy(() -> client.plans().list().blockLast(TIMEOUT))
                .isInstanceOfSatisfying(ClientErrorException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(200);
                    assertThat(e.errorCode()).contains("error.code");
                    assertThat(e.error().message()).isEqualTo("error message");
                    assertThat(e.requestId()).contains("IvqOBSrwjaIozf2afu98");
                    assertThat(e.provider()).isEqualTo("nodul");
                });
    }

    @Test
    void documentedUnauthorizedEnvelope() {
        server.route("GET", BASE + "/plans", req -> StubResponse.json(401, Examples.text("unauthorized.json")));

        assertThatThrownBy(() -> client.plans().list().blockLast(TIMEOUT))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(401);
                    assertThat(e.errorCode()).contains("auth.Unauthorized");
                    assertThat(e.error().message()).isEqualTo("Unauthorized");
                    assertThat(e.requestId()).contains("xbpvv24sh4m3mALFhyZk");
                    assertThat(e.getMessage()).doesNotContain(TOKEN);
                });
    }
}
