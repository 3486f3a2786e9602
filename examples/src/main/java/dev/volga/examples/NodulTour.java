package dev.volga.examples;

import dev.volga.api.ApiException;
import dev.volga.nodul.ConsumptionQuery;
import dev.volga.nodul.NodulClient;
import dev.volga.nodul.model.Consumption;
import dev.volga.nodul.model.Feature;
import dev.volga.nodul.model.FeatureAlias;
import dev.volga.nodul.model.Plan;
import dev.volga.nodul.model.ResourceType;
import dev.volga.nodul.model.Subscription;
import dev.volga.testkit.nodul.NodulStub;
import dev.volga.transport.Transport;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Nodul: quotas, plans, a new plan, a subscription, the consumption report, a typed error. */
final class NodulTour {

    private static final String P = "nodul";
    private static final Duration T = Duration.ofSeconds(30);

    private NodulTour() {
    }

    static void run(Console c, DemoConfig.Target target, boolean allowWrites, Transport transport) {
        if (target.real()) {
            NodulClient.Builder b = NodulClient.builder().transport(transport).token(target.secret());
            if (target.url() != null) {
                b.baseUrl(target.url());
            }
            try (NodulClient client = b.build()) {
                walk(c, client, null, allowWrites);
            }
            return;
        }
        try (NodulStub stub = NodulStub.start()) {
            stub.addUser("alice");
            stub.addUser("bob");
            Map<String, Long> starter = new LinkedHashMap<>();
            NodulStub.FEATURE_ALIASES.forEach(a -> starter.put(a, 10L));
            String starterId = stub.addPlan("Starter", starter);
            stub.addSubscription("alice", starterId);
            stub.addConsumption("alice", NodulStub.EXECUTION_CREDITS, 1_250_000, Instant.now().minusSeconds(3600));
            stub.addConsumption("alice", NodulStub.PLUG_AND_PLAY_CREDITS, 40_000, Instant.now().minusSeconds(1800));
            c.line(P, "stub at " + stub.baseUrl() + ", seeded: users alice and bob, plan Starter, alice subscribed");
            try (NodulClient client = NodulClient.builder().transport(transport).baseUrl(stub.baseUrl()).token(stub.token()).build()) {
                walk(c, client, stub, true);
            }
        }
    }

    private static void walk(Console c, NodulClient nodul, NodulStub stub, boolean writes) {
        List<Feature> quotas = nodul.quotas().list().collectList().block(T);
        c.line(P, "quotas: " + quotas.size() + " features, e.g. " + quotas.stream().limit(3)
                .map(f -> f.rawAlias() + "=" + f.int64()).collect(Collectors.joining(", ")));

        List<Plan> plans = nodul.plans().list().collectList().block(T);
        c.line(P, "plans: " + plans.size() + " " + plans.stream().map(p -> p.name() + " (" + p.status() + ")").toList());

        if (!writes) {
            c.skip(P, "create a plan, assign a subscription, the typed error", "read-only against the real API");
        } else {
            List<Feature> features = Stream.of(FeatureAlias.MIN_EXECUTION_CHARGING_PERIOD_IN_MCS, FeatureAlias.REGULAR_MICROCREDITS,
                            FeatureAlias.CONNECTED_ACCOUNTS_LIMIT, FeatureAlias.PARALLEL_EXECUTIONS_LIMIT,
                            FeatureAlias.AI_ASSISTANT_REQUEST_LIMIT, FeatureAlias.PLUG_AND_PLAY_MICROCREDITS,
                            FeatureAlias.MIN_TRIGGERING_INTERVAL_IN_SECONDS, FeatureAlias.ACTIVE_SCENARIOS_LIMIT,
                            FeatureAlias.EXEC_HISTORY_AVAILABILITY_PERIOD_IN_MIN)
                    .map(a -> Feature.of(a, a.equals(FeatureAlias.ACTIVE_SCENARIOS_LIMIT) ? 50 : 100)).toList();
            String name = stub != null ? "Pro" : "volga-demo-" + Instant.now().getEpochSecond();
            Plan pro = nodul.plans().create(name, features).block(T);
            c.line(P, "created plan " + pro.name() + " id=" + pro.id() + " with " + pro.features().size() + " features");
            if (stub == null) {
                nodul.plans().archive(pro.id()).block(T);
                c.line(P, "archived plan " + pro.id() + " again (real API: leave no trace)");
                c.skip(P, "assign a subscription and the typed error", "would change a real tenant's user");
            } else {
                Subscription sub = nodul.subscriptions().assign("bob", pro.id()).block(T);
                c.line(P, "assigned plan " + pro.name() + " to " + sub.userId() + ": subscription " + sub.id() + " " + sub.status());
            }
        }

        ConsumptionQuery query = ConsumptionQuery.builder().start(Instant.now().minus(Duration.ofDays(30))).build();
        var report = nodul.reports().consumption(query).block(T);
        c.line(P, "consumption report, last 30 days: total " + credits(report.total())
                + (report.users() == null ? "" : ", " + report.users().size() + " user line(s)"));

        if (writes && stub != null) {
            Subscription sub = nodul.subscriptions().list().filter(s -> "bob".equals(s.userId())).blockFirst(T);
            nodul.subscriptions().cancel(sub.id()).block(T);
            c.line(P, "cancelled subscription " + sub.id() + "; cancelling it again:");
            try {
                nodul.subscriptions().cancel(sub.id()).block(T);
                throw new IllegalStateException("cancelling a cancelled subscription should fail");
            } catch (ApiException e) {
                c.line(P, "  typed error " + e.getClass().getSimpleName() + ": HTTP " + e.httpStatus() + ", success:false, code="
                        + e.errorCode().orElse("?") + ", request_id=" + e.requestId().orElse("?"));
                if (e.errorCode().isEmpty() || e.requestId().isEmpty()) {
                    throw new IllegalStateException("the typed error lacks its code or request id: " + e);
                }
            }
        }
    }

    private static String credits(Consumption total) {
        if (total == null) {
            return "(none)";
        }
        return "execution " + total.total(ResourceType.EXECUTION_CREDITS).orElse(0) + " µcredits, plug-and-play "
                + total.total(ResourceType.PLUG_AND_PLAY_CREDITS).orElse(0) + " µcredits";
    }
}
