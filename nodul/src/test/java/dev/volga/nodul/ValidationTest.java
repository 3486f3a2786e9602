package dev.volga.nodul;

import dev.volga.api.RetrySettings;
import dev.volga.nodul.model.Feature;
import dev.volga.nodul.model.FeatureAlias;
import dev.volga.nodul.model.PlanStatus;
import dev.volga.nodul.model.ResourceType;
import dev.volga.nodul.model.SpaceRole;
import dev.volga.nodul.model.SubscriptionStatus;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.nodul.NodulStub;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad arguments fail at the call, before any I/O, with a message naming the parameter. */
@ExtendWith(NoLeaks.class)
class ValidationTest {

    private static final List<Feature> ONE = List.of(Feature.of(FeatureAlias.REGULAR_MICROCREDITS, 1));

    private NodulStub stub;
    private NodulClient client;

    @BeforeEach
    void start() {
        stub = NodulStub.start();
        client = NodulClient.builder().baseUrl(stub.baseUrl()).token(stub.token()).retry(RetrySettings.none()).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
    }

    private void rejects(ThrowingCallable call, Class<? extends Throwable> type, String messagePart) {
        assertThatThrownBy(call).isInstanceOf(type).hasMessageContaining(messagePart);
        assertThat(stub.journal()).as("nothing was sent").isEmpty();
    }

    @Test
    void blankAndNullIds() {
        rejects(() -> client.plans().archive(" "), IllegalArgumentException.class, "planId must not be blank");
        rejects(() -> client.plans().archive(null), NullPointerException.class, "planId must not be null");
        rejects(() -> client.subscriptions().cancel(""), IllegalArgumentException.class, "subscriptionId");
        rejects(() -> client.subscriptions().assign("u", "\t"), IllegalArgumentException.class, "planId");
        rejects(() -> client.subscriptions().assign(null, "1"), NullPointerException.class, "userId");
        rejects(() -> client.scenarios().execution(""), IllegalArgumentException.class, "executionId");
        rejects(() -> client.scenarios().list(" "), IllegalArgumentException.class, "spaceId");
        rejects(() -> client.scenarios().count(null), NullPointerException.class, "spaceId");
        rejects(() -> client.spaces().rename("1", " "), IllegalArgumentException.class, "name");
        rejects(() -> client.spaces().grantAccess("a", "", SpaceRole.ADMIN), IllegalArgumentException.class, "ownerUserId");
        rejects(() -> client.spaces().grantTenantSpaceAccess("a", null), NullPointerException.class, "role");
        rejects(() -> client.spaces().revokeAccess(" ", "b"), IllegalArgumentException.class, "granteeUserId");
        rejects(() -> client.spaces().revokeTenantSpaceAccess(null), NullPointerException.class, "granteeUserId");
    }

    @Test
    void plansNeedANameAndFeatures() {
        rejects(() -> client.plans().create("P", List.of()), IllegalArgumentException.class, "features must not be empty");
        rejects(() -> client.plans().create("P", null), NullPointerException.class, "features");
        rejects(() -> client.plans().create(" ", ONE), IllegalArgumentException.class, "name must not be blank");
        rejects(() -> client.plans().update("1", "P", List.of()), IllegalArgumentException.class, "features");
        rejects(() -> client.plans().create("P", Arrays.asList(ONE.get(0), null)), NullPointerException.class, "features[1]");
        rejects(() -> client.plans().create("P", List.of(ONE.get(0), ONE.get(0))), IllegalArgumentException.class,
                "repeat the alias regular_microcredits");
        rejects(() -> Feature.of(FeatureAlias.of(" "), 1), IllegalArgumentException.class, "alias must not be blank");
    }

    @Test
    void periodsMustNotRunBackwards() {
        Instant later = Instant.parse("2025-05-06T00:00:00Z");
        Instant earlier = Instant.parse("2025-05-01T00:00:00Z");
        rejects(() -> ConsumptionQuery.builder().start(later).end(earlier).build(), IllegalArgumentException.class,
                "start (2025-05-06T00:00:00Z) must not be after end");
        rejects(() -> SubscriptionQuery.builder().consumptionStart(later).consumptionEnd(earlier).build(),
                IllegalArgumentException.class, "consumptionStart");
        rejects(() -> UserQuery.builder().consumptionStart(later).consumptionEnd(earlier).build(),
                IllegalArgumentException.class, "consumptionStart");
    }

    @Test
    void billingNeedsAPositiveQuantityAndANonBlankResource() {
        rejects(() -> client.billing().addResource("u", ResourceType.EXECUTION_CREDITS, -5), IllegalArgumentException.class,
                "quantity must be positive, was -5");
        rejects(() -> client.billing().addResource("u", ResourceType.EXECUTION_CREDITS, 0), IllegalArgumentException.class,
                "quantity");
        rejects(() -> client.billing().addResource("u", ResourceType.of(" "), 1), IllegalArgumentException.class, "resource must not be blank");
        rejects(() -> client.billing().addResource("u", null, 1), NullPointerException.class, "resource");
        rejects(() -> client.billing().addResource(" ", ResourceType.EXECUTION_CREDITS, 1), IllegalArgumentException.class,
                "userId");
    }

    @Test
    void filtersRejectBlankValues() {
        rejects(() -> SubscriptionQuery.builder().statuses(SubscriptionStatus.of("")), IllegalArgumentException.class,
                "statuses");
        rejects(() -> UserQuery.builder().consumptionResources(ResourceType.of("")), IllegalArgumentException.class,
                "consumptionResources");
        rejects(() -> SubscriptionQuery.builder().userId(" "), IllegalArgumentException.class, "userId");
        rejects(() -> client.subscriptions().list(null), NullPointerException.class, "query");
        rejects(() -> client.reports().consumption(null), NullPointerException.class, "query");
    }

    @Test
    void openValuesAreRecordsEqualByValueAndKeepWhatTheyAreNotTold() {
        assertThat(PlanStatus.of("plan_status_active")).isEqualTo(PlanStatus.ACTIVE).hasToString("plan_status_active");
        assertThat(ResourceType.of("billing_resource_gpu")).isEqualTo(new ResourceType("billing_resource_gpu"))
                .isNotIn(ResourceType.EXECUTION_CREDITS, ResourceType.PLUG_AND_PLAY_CREDITS);
        assertThat(SubscriptionStatus.of("subscription_status_paused").value()).isEqualTo("subscription_status_paused");
        assertThat(FeatureAlias.of("regular_microcredits")).isEqualTo(FeatureAlias.REGULAR_MICROCREDITS);
        rejects(() -> PlanStatus.of(null), NullPointerException.class, "value");
        rejects(() -> new FeatureAlias(null), NullPointerException.class, "value");
    }
}
