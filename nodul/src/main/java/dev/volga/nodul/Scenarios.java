package dev.volga.nodul;

import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.internal.Checks;
import dev.volga.nodul.internal.Payloads;
import dev.volga.nodul.model.Execution;
import dev.volga.nodul.model.Scenario;
import dev.volga.nodul.model.ScenarioListing;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/** Scenarios and their executions. Get it from {@link NodulClient#scenarios()}. */
public final class Scenarios {

    private final Calls calls;

    Scenarios(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists the scenarios of a space ({@code POST /scenarios/list}).
     *
     * @param spaceId the space id, not blank (sent as a string)
     * @return the scenarios, element by element
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is blank
     */
    public Flux<Scenario> list(String spaceId) {
        return listing(spaceId).flatMapIterable(ScenarioListing::scenarios);
    }

    /**
     * The whole answer of {@code POST /scenarios/list}: count, folders and scenarios.
     *
     * @param spaceId the space id, not blank (sent as a string)
     * @return the listing
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is blank
     */
    public Mono<ScenarioListing> listing(String spaceId) {
        return call(spaceId, false);
    }

    /**
     * Only the scenario count ({@code POST /scenarios/list} with {@code count_only:true}); Nodul
     * describes it as the tenant's total.
     *
     * @param spaceId the space id, not blank (sent as a string)
     * @return the count
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is blank
     */
    public Mono<Long> count(String spaceId) {
        return call(spaceId, true).map(ScenarioListing::scenariosCount);
    }

    /**
     * One execution of a scenario ({@code GET /scenarios/execution?execution_id=…}).
     *
     * @param executionId the execution id, not blank
     * @return the execution
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is blank
     */
    public Mono<Execution> execution(String executionId) {
        Map<String, String> query = Map.of("execution_id", Checks.notBlank(executionId, "executionId"));
        return calls.get("/scenarios/execution", "scenarios.execution", query, Payloads.ExecutionData.class)
                .map(Payloads.ExecutionData::execution);
    }

    private Mono<ScenarioListing> call(String spaceId, boolean countOnly) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("space_id", Checks.notBlank(spaceId, "spaceId"));
        body.put("options", Map.of("count_only", countOnly));
        return calls.post("/scenarios/list", "scenarios.list", body, true, ScenarioListing.class);
    }
}
