package dev.volga.nodul;

import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.internal.Checks;
import dev.volga.nodul.internal.Payloads;
import dev.volga.nodul.model.Feature;
import dev.volga.nodul.model.Plan;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Tariff plans: list, create, replace, archive. Get it from {@link NodulClient#plans()}. */
public final class Plans {

    /** Built once: it has no parameters. */
    private static final ApiRequest<List<Plan>> LIST = Calls.listing("/plans", "plans.list", "plans", Plan.class);

    private final Calls calls;

    Plans(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists all plans, archived ones included ({@code GET /plans}).
     *
     * @return the plans, element by element
     */
    public Flux<Plan> list() {
        return calls.getList(LIST);
    }

    /**
     * Creates a plan ({@code POST /plans}). Nodul's examples send all nine aliases.
     *
     * @param name the plan name, not blank
     * @param features the features, not empty, each alias at most once
     * @return the created plan
     * @throws NullPointerException if an argument or feature is null
     * @throws IllegalArgumentException if the name is blank or the features are empty or repeat an alias
     */
    public Mono<Plan> create(String name, List<Feature> features) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", Checks.notBlank(name, "name"));
        body.put("features", features(features));
        return calls.post("/plans", "plans.create", body, false, Payloads.PlanData.class).map(Payloads.PlanData::plan);
    }

    /**
     * Replaces a plan's name and all its features ({@code POST /plans/update}); Nodul has no partial
     * update, so send every feature, changed or not.
     *
     * @param planId the plan id, not blank
     * @param name the new name, not blank
     * @param features the complete feature list, not empty, each alias at most once
     * @return completes when done
     * @throws NullPointerException if an argument or feature is null
     * @throws IllegalArgumentException if an id or name is blank or the features are empty or repeat an alias
     */
    public Mono<Void> update(String planId, String name, List<Feature> features) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan_id", Checks.notBlank(planId, "planId"));
        body.put("name", Checks.notBlank(name, "name"));
        body.put("features", features(features));
        return calls.post("/plans/update", "plans.update", body, false, Void.class);
    }

    /**
     * Archives a plan ({@code POST /plans/archive}); there is no way back.
     *
     * @param planId the plan id, not blank
     * @return completes when done
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is blank
     */
    public Mono<Void> archive(String planId) {
        Map<String, Object> body = Map.of("plan_id", Checks.notBlank(planId, "planId"));
        return calls.post("/plans/archive", "plans.archive", body, false, Void.class);
    }

    private static List<Map<String, Object>> features(List<Feature> features) {
        Objects.requireNonNull(features, "features must not be null");
        if (features.isEmpty()) {
            throw new IllegalArgumentException("features must not be empty: a plan needs its features (Nodul's examples send all nine)");
        }
        Set<String> seen = new HashSet<>();
        List<Map<String, Object>> wire = new ArrayList<>(features.size());
        for (int i = 0; i < features.size(); i++) {
            Feature f = Objects.requireNonNull(features.get(i), "features[" + i + "] must not be null");
            String alias = Checks.notBlank(f.rawAlias(), "features[" + i + "].alias");
            if (!seen.add(alias)) {
                throw new IllegalArgumentException("features repeat the alias " + alias);
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("int64", Long.toString(f.int64()));
            value.put("bool", f.bool());
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("alias", alias);
            feature.put("value", value);
            wire.add(feature);
        }
        return wire;
    }
}
