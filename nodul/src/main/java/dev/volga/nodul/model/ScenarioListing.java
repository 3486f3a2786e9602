package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The answer of {@code scenarios/list}: the count, the folders and the scenarios.
 *
 * @param scenariosCount the number of scenarios (Nodul describes it as the tenant's total)
 * @param folders the folders, as plain JSON values (maps, lists, strings, numbers, booleans):
 *     their shape is not documented; never null
 * @param scenarios the scenarios (empty when only the count was asked for), never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScenarioListing(@JsonProperty("scenarios_count") long scenariosCount,
                              @JsonProperty("folders") List<Object> folders,
                              @JsonProperty("scenarios") List<Scenario> scenarios) {

    /**
     * Normalises missing lists to empty ones.
     *
     * @param scenariosCount the scenariosCount
     * @param folders the folders
     * @param scenarios the scenarios
     */
    public ScenarioListing {
        folders = Lists.copy(folders);
        scenarios = Lists.copy(scenarios);
    }
}
