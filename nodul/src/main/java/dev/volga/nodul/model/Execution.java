package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One run of a scenario.
 *
 * @param id the execution id
 * @param scenarioId the scenario id
 * @param version the scenario version that ran (a JSON string on the wire)
 * @param status the status as sent, e.g. {@code success} or {@code error}
 * @param environment the environment as sent, e.g. {@code dev} or {@code prod}
 * @param nodes the nodes that ran, never null
 * @param error what failed, or null
 * @param gateways the gateways, never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Execution(@JsonProperty("id") String id,
                        @JsonProperty("scenario_id") String scenarioId,
                        @JsonProperty("version") long version,
                        @JsonProperty("status") String status,
                        @JsonProperty("environment") String environment,
                        @JsonProperty("nodes") List<Node> nodes,
                        @JsonProperty("error") Failure error,
                        @JsonProperty("gateways") List<Gateway> gateways) {

    /**
     * Normalises missing lists to empty ones.
     *
     * @param id the id
     * @param scenarioId the scenarioId
     * @param version the version
     * @param status the status
     * @param environment the environment
     * @param nodes the nodes
     * @param error the error
     * @param gateways the gateways
     */
    public Execution {
        nodes = Lists.copy(nodes);
        gateways = Lists.copy(gateways);
    }

    /**
     * One node's run.
     *
     * @param id the run's id
     * @param nodeId the node id
     * @param status the status as sent
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Node(@JsonProperty("id") String id, @JsonProperty("node_id") String nodeId,
                       @JsonProperty("status") String status) {
    }

    /**
     * The failure of an execution.
     *
     * @param entityId the failing entity
     * @param entityType its type, e.g. {@code node}
     * @param message the message
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Failure(@JsonProperty("entity_id") String entityId, @JsonProperty("entity_type") String entityType,
                          @JsonProperty("message") String message) {
    }

    /**
     * A branching point of the run.
     *
     * @param id the gateway's id
     * @param nodeId the node id
     * @param purpose the purpose, e.g. {@code output}
     * @param routes the routes, never null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Gateway(@JsonProperty("id") String id, @JsonProperty("node_id") String nodeId,
                          @JsonProperty("purpose") String purpose, @JsonProperty("routes") List<Route> routes) {

        /**
         * Normalises a missing route list to an empty one.
         *
         * @param id the id
         * @param nodeId the nodeId
         * @param purpose the purpose
         * @param routes the routes
         */
        public Gateway {
            routes = Lists.copy(routes);
        }
    }

    /**
     * A route of a gateway.
     *
     * @param condition the condition, or null
     * @param nodeId the node the route leads to
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Route(@JsonProperty("condition") Condition condition, @JsonProperty("node_id") String nodeId) {
    }

    /**
     * A route condition.
     *
     * @param type the condition type, possibly empty
     * @param expression the expression, or null
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Condition(@JsonProperty("type") String type, @JsonProperty("expression") Expression expression) {
    }

    /**
     * A condition expression.
     *
     * @param value the expression text, possibly empty
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Expression(@JsonProperty("value") String value) {
    }
}
