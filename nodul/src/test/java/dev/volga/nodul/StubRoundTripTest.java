package dev.volga.nodul;

import dev.volga.api.RetrySettings;
import dev.volga.nodul.model.ConsumptionReport;
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
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.nodul.NodulStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every endpoint against the stateful {@link NodulStub}: request on the wire, decoded answer, stub state. */
@ExtendWith(NoLeaks.class)
class StubRoundTripTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private NodulStub stub;
    private NodulClient client;

    @BeforeEach
    void start() {
        stub = NodulStub.start("round-trip-token-42");
        client = NodulClient.builder().baseUrl(stub.baseUrl()).token(stub.token()).retry(RetrySettings.none()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private static List<Feature> allNine(long regularMicrocredits) {
        return List.of(
                Feature.of(FeatureAlias.MIN_EXECUTION_CHARGING_PERIOD_IN_MCS, 3_000_000),
                Feature.of(FeatureAlias.REGULAR_MICROCREDITS, regularMicrocredits),
                Feature.of(FeatureAlias.CONNECTED_ACCOUNTS_LIMIT, 10),
                Feature.of(FeatureAlias.PARALLEL_EXECUTIONS_LIMIT, 2),
                Feature.of(FeatureAlias.AI_ASSISTANT_REQUEST_LIMIT, 100),
                Feature.of(FeatureAlias.PLUG_AND_PLAY_MICROCREDITS, 5_000_000_000_000L),
                Feature.of(FeatureAlias.MIN_TRIGGERING_INTERVAL_IN_SECONDS, 60),
                Feature.of(FeatureAlias.ACTIVE_SCENARIOS_LIMIT, 5),
                Feature.of(FeatureAlias.EXEC_HISTORY_AVAILABILITY_PERIOD_IN_MIN, 1440));
    }

    private RecordedRequest last(String method, String path) {
        List<RecordedRequest> requests = stub.requests(method, path);
        assertThat(requests).isNotEmpty();
        RecordedRequest r = requests.get(requests.size() - 1);
        assertThat(r.queryParam("AUTH_TOKEN")).contains(stub.token());
        assertThat(r.header("Accept")).contains("application/json");
        return r;
    }

    @Test
    void quotasAreTheStubDefaults() {
        stub.setQuota("regular_microcredits", 42);

        StepVerifier.create(client.quotas().list())
                .assertNext(f -> assertThat(f).isEqualTo(Feature.of(FeatureAlias.MIN_EXECUTION_CHARGING_PERIOD_IN_MCS, 3_000_000)))
                .assertNext(f -> assertThat(f).isEqualTo(Feature.of(FeatureAlias.REGULAR_MICROCREDITS, 42)))
                .expectNextCount(3)
                .assertNext(f -> assertThat(f.int64()).isEqualTo(5_000_000_000_000L))
                .expectNextCount(3)
                .verifyComplete();
        assertThat(last("GET", "/quotas").body()).isEmpty();
    }

    @Test
    void planLifecycle() {
        Plan created = client.plans().create("Basic", allNine(10_000_000)).block(TIMEOUT);

        assertThat(created.id()).isNotBlank();
        assertThat(created.name()).isEqualTo("Basic");
        assertThat(created.status()).isEqualTo(PlanStatus.ACTIVE);
        assertThat(created.features()).isEqualTo(allNine(10_000_000));
        assertThat(created.createdAt()).isNotNull().isEqualTo(created.updatedAt());
        Examples.assertBody(last("POST", "/plans"), "{\"name\":\"Basic\",\"features\":["
                + "{\"alias\":\"min_execution_charging_period_in_mcs\",\"value\":{\"int64\":\"3000000\",\"bool\":false}},"
                + "{\"alias\":\"regular_microcredits\",\"value\":{\"int64\":\"10000000\",\"bool\":false}},"
                + "{\"alias\":\"connected_accounts_limit\",\"value\":{\"int64\":\"10\",\"bool\":false}},"
                + "{\"alias\":\"parallel_executions_limit\",\"value\":{\"int64\":\"2\",\"bool\":false}},"
                + "{\"alias\":\"ai_assistant_request_limit\",\"value\":{\"int64\":\"100\",\"bool\":false}},"
                + "{\"alias\":\"plug_and_play_microcredits\",\"value\":{\"int64\":\"5000000000000\",\"bool\":false}},"
                + "{\"alias\":\"min_triggering_interval_in_seconds\",\"value\":{\"int64\":\"60\",\"bool\":false}},"
                + "{\"alias\":\"active_scenarios_limit\",\"value\":{\"int64\":\"5\",\"bool\":false}},"
                + "{\"alias\":\"exec_history_availability_period_in_min\",\"value\":{\"int64\":\"1440\",\"bool\":false}}]}");

        StepVerifier.create(client.plans().update(created.id(), "Basic v2", allNine(20_000_000))).verifyComplete();
        assertThat(stub.plan(created.id())).hasValueSatisfying(p -> {
            assertThat(p.name()).isEqualTo("Basic v2");
            assertThat(p.features()).containsEntry("regular_microcredits", 20_000_000L).hasSize(9);
        });
        assertThat(Examples.tree(last("POST", "/plans/update").bodyText()).get("plan_id").isString()).isTrue();

        StepVerifier.create(client.plans().archive(created.id())).verifyComplete();
        Examples.assertBody(last("POST", "/plans/archive"), "{\"plan_id\":\"" + created.id() + "\"}");

        List<Plan> plans = client.plans().list().collectList().block(TIMEOUT);
        assertThat(plans).singleElement().satisfies(p -> {
            assertThat(p.status()).isEqualTo(PlanStatus.ARCHIVED);
            assertThat(p.rawStatus()).isEqualTo("plan_status_archived");
            assertThat(p.name()).isEqualTo("Basic v2");
        });
    }

    @Test
    void subscriptionLifecycle() {
        stub.addUser("user_1");
        stub.addUser("user_2");
        String planId = stub.addPlan("Basic", Map.of("regular_microcredits", 1_000_000L));
        stub.addConsumption("user_1", NodulStub.EXECUTION_CREDITS, 7, Instant.parse("2025-05-02T00:00:00Z"));
        stub.addConsumption("user_1", NodulStub.EXECUTION_CREDITS, 100, Instant.parse("2025-06-02T00:00:00Z"));

        Subscription assigned = client.subscriptions().assign("user_1", planId).block(TIMEOUT);
        client.subscriptions().assign("user_2", planId).block(TIMEOUT);

        assertThat(assigned.userId()).isEqualTo("user_1");
        assertThat(assigned.planId()).isEqualTo(planId);
        assertThat(assigned.status()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(assigned.consumption()).isNull();
        assertThat(assigned.cancelledAt()).isNull();
        Examples.assertBody(stub.requests("POST", "/subscriptions").get(0),
                "{\"user_id\":\"user_1\",\"plan_id\":\"" + planId + "\"}");

        List<Subscription> filtered = client.subscriptions().list(SubscriptionQuery.builder()
                .userId("user_1").statuses(SubscriptionStatus.ACTIVE).includeConsumption(true)
                .consumptionResources(ResourceType.EXECUTION_CREDITS)
                .consumptionStart(Instant.parse("2025-05-01T00:00:00Z")).consumptionEnd(Instant.parse("2025-05-31T00:00:00Z"))
                .build()).collectList().block(TIMEOUT);
        assertThat(filtered).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(assigned.id());
            assertThat(s.consumption().total(ResourceType.EXECUTION_CREDITS)).hasValue(7L);
            assertThat(s.consumption().plugAndPlayCredits()).as("filtered out").isNull();
        });

        StepVerifier.create(client.subscriptions().cancel(assigned.id())).verifyComplete();
        Examples.assertBody(last("POST", "/subscriptions/cancel"), "{\"subscription_id\":\"" + assigned.id() + "\"}");
        assertThat(stub.subscriptions()).filteredOn(s -> s.id().equals(assigned.id())).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(NodulStub.SUBSCRIPTION_CANCELLED));

        StepVerifier.create(client.subscriptions().list())
                .assertNext(s -> {
                    assertThat(s.status()).isEqualTo(SubscriptionStatus.CANCELLED);
                    assertThat(s.cancelledAt()).isNotNull();
                    assertThat(s.consumption()).isNull();
                })
                .assertNext(s -> assertThat(s.status()).isEqualTo(SubscriptionStatus.ACTIVE))
                .verifyComplete();
        Examples.assertBody(last("POST", "/subscriptions/list"), "{\"options\":{\"include_consumption\":false},\"filters\":{}}");
    }

    @Test
    void usersWithSubscriptionsAndSpaces() {
        String space1 = stub.personalSpaceId(stub.addUser("user_1"));
        stub.addUser("user_2");
        String planId = stub.addPlan("Basic", Map.of("regular_microcredits", 1L));
        stub.addSubscription("user_1", planId);

        List<User> plain = client.users().list().collectList().block(TIMEOUT);
        assertThat(plain).extracting(User::userId).containsExactly("user_1", "user_2");
        assertThat(plain.get(0).subscriptions()).isEmpty();
        assertThat(plain.get(0).spaces()).containsExactly(new SpaceRef(space1, "user_1_space"));
        Examples.assertBody(last("POST", "/users/list"),
                "{\"options\":{\"include_subscriptions\":false,\"include_consumption\":false},\"filters\":{}}");

        List<User> full = client.users().list(UserQuery.builder().includeSubscriptions(true).includeConsumption(true)
                .build()).collectList().block(TIMEOUT);
        assertThat(full.get(0).subscriptions()).singleElement().satisfies(s -> {
            assertThat(s.planId()).isEqualTo(planId);
            assertThat(s.consumption().total(ResourceType.EXECUTION_CREDITS)).hasValue(0L);
        });
        assertThat(full.get(1).subscriptions()).isEmpty();
    }

    @Test
    void consumptionReport() {
        stub.addUser("user_1");
        stub.addUser("user_2");
        stub.addConsumption("user_1", NodulStub.EXECUTION_CREDITS, 5, Instant.parse("2025-05-02T00:00:00Z"));
        stub.addConsumption("user_2", NodulStub.EXECUTION_CREDITS, 6, Instant.parse("2025-05-03T00:00:00Z"));
        stub.addConsumption("user_2", NodulStub.PLUG_AND_PLAY_CREDITS, 9, Instant.parse("2025-05-03T00:00:00Z"));

        ConsumptionReport report = client.reports().consumption(ConsumptionQuery.builder()
                .start(Instant.parse("2025-05-01T15:00:00Z")).end(Instant.parse("2025-05-06T15:00:00Z"))
                .resources(ResourceType.EXECUTION_CREDITS).build()).block(TIMEOUT);

        assertThat(report.total().total(ResourceType.EXECUTION_CREDITS)).hasValue(11L);
        assertThat(report.total().plugAndPlayCredits()).isNull();
        assertThat(report.users()).hasSize(2);
        assertThat(report.users().get(1).consumption().total(ResourceType.EXECUTION_CREDITS)).hasValue(6L);
        assertThat(report.start()).isEqualTo(Instant.parse("2025-05-01T15:00:00Z"));
        assertThat(report.end()).isEqualTo(Instant.parse("2025-05-06T15:00:00Z"));

        ConsumptionReport totalOnly = client.reports().consumption(ConsumptionQuery.builder().includePerUser(false).build())
                .block(TIMEOUT);
        assertThat(totalOnly.users()).isEmpty();
        assertThat(totalOnly.total().total(ResourceType.PLUG_AND_PLAY_CREDITS)).hasValue(9L);
        Examples.assertBody(last("POST", "/reports/consumption"),
                "{\"options\":{\"include_total\":true,\"include_per_user\":false},\"filters\":{}}");
    }

    @Test
    void billingAddsToTheBalance() {
        stub.addUser("10011");

        client.billing().addResource("10011", ResourceType.PLUG_AND_PLAY_CREDITS, 10).block(TIMEOUT);
        client.billing().addResource("10011", ResourceType.PLUG_AND_PLAY_CREDITS, 5).block(TIMEOUT);

        assertThat(stub.balance("10011", NodulStub.PLUG_AND_PLAY_CREDITS)).isEqualTo(15);
        assertThat(Examples.tree(last("POST", "/billing/resource").bodyText()).get("quantity").isNumber())
                .as("quantity goes out as a JSON number").isTrue();
    }

    @Test
    void spaceAccessAndRename() {
        String ownerSpace = stub.personalSpaceId(stub.addUser("test_user_1"));
        String granteeSpace = stub.personalSpaceId(stub.addUser("test_user_2"));

        client.spaces().grantAccess("test_user_2", "test_user_1", SpaceRole.NO_CODE).block(TIMEOUT);
        assertThat(stub.space(ownerSpace)).hasValueSatisfying(s -> assertThat(s.members()).containsEntry("test_user_2", 3L));
        client.spaces().grantTenantSpaceAccess("test_user_2", SpaceRole.READ_ONLY).block(TIMEOUT);
        Examples.assertBody(last("POST", "/space/access/grant"),
                "{\"grantee_user_id\":\"test_user_2\",\"add_to_tenant_space\":true,\"role_id\":4}");
        assertThat(stub.space(NodulStub.TENANT_SPACE_ID)).hasValueSatisfying(s -> assertThat(s.members()).containsEntry("test_user_2", 4L));

        List<User> users = client.users().list().collectList().block(TIMEOUT);
        assertThat(users.get(1).spaces()).extracting(SpaceRef::id)
                .containsExactlyInAnyOrder(NodulStub.TENANT_SPACE_ID, ownerSpace, granteeSpace);

        client.spaces().revokeAccess("test_user_2", "test_user_1").block(TIMEOUT);
        client.spaces().revokeTenantSpaceAccess("test_user_2").block(TIMEOUT);
        Examples.assertBody(last("POST", "/space/access/revoke"),
                "{\"grantee_user_id\":\"test_user_2\",\"revoke_from_tenant_space\":true}");
        assertThat(stub.space(ownerSpace)).hasValueSatisfying(s -> assertThat(s.members()).isEmpty());
        assertThat(stub.space(NodulStub.TENANT_SPACE_ID)).hasValueSatisfying(s -> assertThat(s.members()).isEmpty());

        Space renamed = client.spaces().rename(ownerSpace, "new_name").block(TIMEOUT);
        assertThat(renamed).isEqualTo(new Space(ownerSpace, "new_name", "new"));
        assertThat(stub.space(ownerSpace)).hasValueSatisfying(s -> assertThat(s.name()).isEqualTo("new_name"));
    }

    @Test
    void scenariosAndExecutions() {
        String space = stub.personalSpaceId(stub.addUser("test_user_1"));
        stub.addScenario(space, "sc-1", "First", 2);
        stub.addScenario(space, "sc-2", "Second", 5);
        stub.addExecution("{\"id\":\"ex-1\",\"scenario_id\":\"sc-1\",\"version\":\"4\",\"status\":\"success\","
                + "\"environment\":\"prod\",\"nodes\":[{\"id\":\"ex-1_n\",\"node_id\":\"n\",\"status\":\"success\"}],"
                + "\"error\":null,\"gateways\":[]}");

        StepVerifier.create(client.scenarios().list(space))
                .assertNext(s -> {
                    assertThat(s.id()).isEqualTo("sc-1");
                    assertThat(s.title()).isEqualTo("First");
                    assertThat(s.nodeCount()).isEqualTo(2);
                    assertThat(s.active()).isTrue();
                    assertThat(s.createdAt()).isNotNull();
                })
                .assertNext(s -> assertThat(s.nodeCount()).isEqualTo(5))
                .verifyComplete();
        Examples.assertBody(last("POST", "/scenarios/list"),
                "{\"space_id\":\"" + space + "\",\"options\":{\"count_only\":false}}");

        assertThat(client.scenarios().count(space).block(TIMEOUT)).isEqualTo(2L);
        ScenarioListing countOnly = client.scenarios().listing(space).block(TIMEOUT);
        assertThat(countOnly.scenarios()).extracting(Scenario::id).containsExactly("sc-1", "sc-2");

        Execution execution = client.scenarios().execution("ex-1").block(TIMEOUT);
        assertThat(execution.version()).isEqualTo(4);
        assertThat(execution.environment()).isEqualTo("prod");
        assertThat(execution.error()).isNull();
        assertThat(execution.nodes()).containsExactly(new Execution.Node("ex-1_n", "n", "success"));
        assertThat(execution.gateways()).isEmpty();
        assertThat(last("GET", "/scenarios/execution").queryParam("execution_id")).contains("ex-1");
    }

    @Test
    void requestIdsAreFresh() {
        Map<String, Boolean> seen = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            stub.failNext(1, 200, "x.Y", "boom");
            client.plans().list().onErrorResume(dev.volga.api.ApiException.class, e -> {
                seen.put(e.requestId().orElseThrow(), true);
                return reactor.core.publisher.Flux.empty();
            }).blockLast(TIMEOUT);
        }
        assertThat(seen).hasSize(3);
    }

    @Test
    void listsStreamOnDemand() {
        stub.addPlan("A", Map.of("regular_microcredits", 1L));
        stub.addPlan("B", Map.of("regular_microcredits", 2L));
        stub.addPlan("C", Map.of("regular_microcredits", 3L));

        StepVerifier.create(client.plans().list().map(Plan::name), 1)
                .expectNext("A")
                .thenRequest(1)
                .expectNext("B")
                .thenCancel()
                .verify(TIMEOUT);
        assertThat(stub.requests("GET", "/plans")).as("one call for the whole array").hasSize(1);
    }
}
