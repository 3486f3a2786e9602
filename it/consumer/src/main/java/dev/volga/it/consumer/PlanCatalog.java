package dev.volga.it.consumer;

import dev.volga.nodul.NodulClient;
import dev.volga.nodul.model.Plan;
import dev.volga.nodul.model.PlanStatus;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Objects;

/** The tariff plans a shop offers, read from Nodul. */
public final class PlanCatalog {

    private final NodulClient nodul;

    /**
     * @param nodul the Nodul client to read with
     */
    public PlanCatalog(NodulClient nodul) {
        this.nodul = Objects.requireNonNull(nodul, "nodul");
    }

    /**
     * The names of the active plans, sorted.
     *
     * @return the names
     */
    public Mono<List<String>> offeredPlans() {
        return nodul.plans().list()
                .filter(plan -> PlanStatus.ACTIVE.equals(plan.status()))
                .map(Plan::name)
                .sort()
                .collectList();
    }
}
