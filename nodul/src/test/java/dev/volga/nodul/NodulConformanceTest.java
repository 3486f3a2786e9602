package dev.volga.nodul;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.nodul.model.Feature;
import dev.volga.nodul.model.FeatureAlias;
import dev.volga.nodul.model.Plan;
import dev.volga.nodul.model.ResourceType;
import dev.volga.nodul.model.SpaceRole;
import dev.volga.nodul.model.SubscriptionStatus;
import dev.volga.testkit.conformance.BadArgument;
import dev.volga.testkit.conformance.ClientConformanceTest;
import dev.volga.testkit.nodul.NodulStub;
import dev.volga.transport.Transport;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.volga.testkit.conformance.BadArgument.iae;
import static dev.volga.testkit.conformance.BadArgument.ise;
import static dev.volga.testkit.conformance.BadArgument.npe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The testkit's conformance suite against the Nodul client: every fault, hostile answers and bad
 * arguments (issue #8: every public method that takes arguments, called with a null, blank or
 * out-of-range value, fails naming the parameter and sends nothing). The read lists the plans
 * ({@code GET /plans}, one seeded; answered whole, so the size cap applies, unlike the streamed
 * {@code GET /quotas}), the write creates one ({@code POST /plans}).
 */
class NodulConformanceTest extends ClientConformanceTest<NodulClient, Transport> {

    private static final String TOKEN = "SECRET-nodul-conformance-7c1d";
    private static final List<Feature> ONE = List.of(Feature.of(FeatureAlias.REGULAR_MICROCREDITS, 1));
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = Instant.parse("2025-02-01T00:00:00Z");

    private NodulStub stub;

    @Override
    protected AutoCloseable startStub() {
        stub = NodulStub.start(TOKEN);
        stub.addPlan("Seeded", Map.of("regular_microcredits", 1L));
        return stub;
    }

    @Override
    protected String basePath() {
        return NodulStub.BASE_PATH;
    }

    @Override
    protected String secret() {
        return TOKEN;
    }

    @Override
    protected Transport transport(ConnectionProvider pool, Duration responseTimeout) {
        return Transport.builder().connectionProvider(pool).responseTimeout(responseTimeout).build();
    }

    @Override
    protected NodulClient client(Transport transport, RetrySettings retry) {
        return NodulClient.builder().baseUrl(stub.baseUrl()).token(TOKEN).transport(transport).retry(retry)
                .rateLimits(RateLimitSettings.unlimited()).build();
    }

    @Override
    protected Mono<?> read(NodulClient client) {
        return client.plans().list().collectList()
                .doOnNext(plans -> assertThat(plans).extracting(Plan::name).contains("Seeded"));
    }

    @Override
    protected String readPattern() {
        return "/plans";
    }

    @Override
    protected Mono<?> write(NodulClient client) {
        return client.plans().create("Basic", List.of(Feature.of(FeatureAlias.REGULAR_MICROCREDITS, 10_000_000L)))
                .doOnNext(plan -> assertThat(plan.name()).isEqualTo("Basic"));
    }

    @Override
    protected String writePattern() {
        return "/plans";
    }

    @Override
    protected String writeBodyMarker() {
        return "{\"name\":\"Basic\",\"features\":[{\"alias\":\"regular_microcredits\",\"value\":{\"int64\":\"10000000\",\"bool\":false}}]}";
    }

    @Override
    protected int entityCount() {
        return stub.plans().size();
    }

    @Override
    protected String readAnswer(String text) {
        return "{\"success\":true,\"request_id\":\"r\",\"data\":{\"plans\":[{\"name\":\"" + text + "\"}]},\"errors\":[]}";
    }

    @Override
    protected Optional<String> unauthorizedErrorCode() {
        return Optional.of("auth.Unauthorized");
    }

    @Override
    protected List<CredentialSetter> credentialSetters() {
        return List.of(new CredentialSetter("builder.token(String)", "token",
                token -> NodulClient.builder().baseUrl(stub.baseUrl()).token(token).build().close()));
    }

    @Override
    protected List<BadArgument> badArguments() {
        return List.of(
                // plans
                npe("plans.create null name", "name", () -> client().plans().create(null, ONE)),
                iae("plans.create blank name", "name", () -> client().plans().create(" ", ONE)),
                npe("plans.create null features", "features", () -> client().plans().create("P", null)),
                iae("plans.create empty features", "features", () -> client().plans().create("P", List.of())),
                npe("plans.create null feature", "features[1]",
                        () -> client().plans().create("P", Arrays.asList(ONE.get(0), null))),
                iae("plans.create repeated alias", "features", () -> client().plans().create("P", List.of(ONE.get(0), ONE.get(0)))),
                iae("plans.create blank raw alias", "features[0].alias",
                        () -> client().plans().create("P", List.of(new Feature(" ", null)))),
                npe("plans.update null planId", "planId", () -> client().plans().update(null, "P", ONE)),
                iae("plans.update blank planId", "planId", () -> client().plans().update("", "P", ONE)),
                iae("plans.update blank name", "name", () -> client().plans().update("1", "\t", ONE)),
                iae("plans.update empty features", "features", () -> client().plans().update("1", "P", List.of())),
                npe("plans.archive null planId", "planId", () -> client().plans().archive(null)),
                iae("plans.archive blank planId", "planId", () -> client().plans().archive(" ")),
                // features
                npe("Feature.of null alias", "alias", () -> Feature.of(null, 1)),
                iae("Feature.of blank alias", "alias", () -> Feature.of(FeatureAlias.of(" "), 1, true)),
                npe("Feature.ofRaw null rawAlias", "rawAlias", () -> Feature.ofRaw(null, 1, false)),
                iae("Feature.ofRaw blank rawAlias", "rawAlias", () -> Feature.ofRaw("  ", 1, false)),
                // subscriptions
                npe("subscriptions.list null query", "query", () -> client().subscriptions().list(null)),
                npe("subscriptions.assign null userId", "userId", () -> client().subscriptions().assign(null, "1")),
                iae("subscriptions.assign blank planId", "planId", () -> client().subscriptions().assign("u", " ")),
                iae("subscriptions.cancel blank subscriptionId", "subscriptionId", () -> client().subscriptions().cancel("")),
                npe("subscriptions.cancel null subscriptionId", "subscriptionId", () -> client().subscriptions().cancel(null)),
                npe("SubscriptionQuery.userId null", "userId", () -> SubscriptionQuery.builder().userId(null)),
                iae("SubscriptionQuery.userId blank", "userId", () -> SubscriptionQuery.builder().userId(" ")),
                npe("SubscriptionQuery.statuses null", "statuses",
                        () -> SubscriptionQuery.builder().statuses((SubscriptionStatus[]) null)),
                npe("SubscriptionQuery.statuses null element", "statuses",
                        () -> SubscriptionQuery.builder().statuses(SubscriptionStatus.ACTIVE, null)),
                iae("SubscriptionQuery.statuses blank", "statuses",
                        () -> SubscriptionQuery.builder().statuses(SubscriptionStatus.of(" "))),
                npe("SubscriptionQuery.consumptionResources null", "consumptionResources",
                        () -> SubscriptionQuery.builder().consumptionResources((ResourceType[]) null)),
                iae("SubscriptionQuery.consumptionResources blank", "consumptionResources",
                        () -> SubscriptionQuery.builder().consumptionResources(ResourceType.of(""))),
                iae("SubscriptionQuery start after end", "consumptionStart",
                        () -> SubscriptionQuery.builder().consumptionStart(T1).consumptionEnd(T0).build()),
                // users
                npe("users.list null query", "query", () -> client().users().list(null)),
                npe("UserQuery.consumptionResources null element", "consumptionResources",
                        () -> UserQuery.builder().consumptionResources(ResourceType.EXECUTION_CREDITS, null)),
                iae("UserQuery.consumptionResources blank", "consumptionResources",
                        () -> UserQuery.builder().consumptionResources(ResourceType.of(""))),
                iae("UserQuery start after end", "consumptionStart",
                        () -> UserQuery.builder().consumptionStart(T1).consumptionEnd(T0).build()),
                // reports
                npe("reports.consumption null query", "query", () -> client().reports().consumption(null)),
                npe("ConsumptionQuery.resources null", "resources",
                        () -> ConsumptionQuery.builder().resources((ResourceType[]) null)),
                iae("ConsumptionQuery.resources blank", "resources",
                        () -> ConsumptionQuery.builder().resources(ResourceType.of(""))),
                iae("ConsumptionQuery start after end", "start", () -> ConsumptionQuery.builder().start(T1).end(T0).build()),
                // billing
                npe("billing.addResource null userId", "userId",
                        () -> client().billing().addResource(null, ResourceType.EXECUTION_CREDITS, 1)),
                iae("billing.addResource blank userId", "userId",
                        () -> client().billing().addResource(" ", ResourceType.EXECUTION_CREDITS, 1)),
                npe("billing.addResource null resource", "resource", () -> client().billing().addResource("u", null, 1)),
                iae("billing.addResource blank resource", "resource",
                        () -> client().billing().addResource("u", ResourceType.of(" "), 1)),
                iae("billing.addResource zero quantity", "quantity",
                        () -> client().billing().addResource("u", ResourceType.EXECUTION_CREDITS, 0)),
                iae("billing.addResource negative quantity", "quantity",
                        () -> client().billing().addResource("u", ResourceType.EXECUTION_CREDITS, -5)),
                // spaces
                npe("spaces.grantAccess null granteeUserId", "granteeUserId",
                        () -> client().spaces().grantAccess(null, "o", SpaceRole.ADMIN)),
                iae("spaces.grantAccess blank ownerUserId", "ownerUserId",
                        () -> client().spaces().grantAccess("g", "", SpaceRole.ADMIN)),
                npe("spaces.grantAccess null role", "role", () -> client().spaces().grantAccess("g", "o", null)),
                iae("spaces.grantTenantSpaceAccess blank granteeUserId", "granteeUserId",
                        () -> client().spaces().grantTenantSpaceAccess(" ", SpaceRole.ADMIN)),
                npe("spaces.grantTenantSpaceAccess null role", "role",
                        () -> client().spaces().grantTenantSpaceAccess("g", null)),
                iae("spaces.revokeAccess blank granteeUserId", "granteeUserId", () -> client().spaces().revokeAccess(" ", "o")),
                npe("spaces.revokeAccess null ownerUserId", "ownerUserId", () -> client().spaces().revokeAccess("g", null)),
                npe("spaces.revokeTenantSpaceAccess null granteeUserId", "granteeUserId",
                        () -> client().spaces().revokeTenantSpaceAccess(null)),
                npe("spaces.rename null spaceId", "spaceId", () -> client().spaces().rename(null, "n")),
                iae("spaces.rename blank name", "name", () -> client().spaces().rename("1", " ")),
                // scenarios
                iae("scenarios.list blank spaceId", "spaceId", () -> client().scenarios().list(" ")),
                npe("scenarios.listing null spaceId", "spaceId", () -> client().scenarios().listing(null)),
                npe("scenarios.count null spaceId", "spaceId", () -> client().scenarios().count(null)),
                iae("scenarios.execution blank executionId", "executionId", () -> client().scenarios().execution("")),
                npe("scenarios.execution null executionId", "executionId", () -> client().scenarios().execution(null)),
                // client builder
                npe("builder.baseUrl null", "baseUrl", () -> NodulClient.builder().baseUrl(null)),
                iae("builder.baseUrl relative", "baseUrl", () -> NodulClient.builder().baseUrl("/v1").token("t").build()),
                npe("builder.token(Secret) null", "token", () -> NodulClient.builder().token((Secret) null)),
                npe("builder.token(String) null", "token", () -> NodulClient.builder().token((String) null)),
                iae("builder.token(String) blank", "token", () -> NodulClient.builder().token(" ")),
                iae("builder.token(String) CR LF", "token", () -> NodulClient.builder().token("t0k\r\nX-Evil: 1")),
                iae("builder.token(Secret) NUL", "token", () -> NodulClient.builder().token(Secret.of("token", "t0k\u0000"))),
                npe("builder.mapper null", "mapper", () -> NodulClient.builder().mapper(null)),
                ise("builder.build without token", "token", () -> NodulClient.builder().build()));
    }
}
