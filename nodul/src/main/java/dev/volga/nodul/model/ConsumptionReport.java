package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The organisation's consumption over a period.
 *
 * @param total the total, null unless {@code include_total} was asked for
 * @param users per-user lines (only with {@code include_per_user}), never null
 * @param start the start of the period, or null
 * @param end the end of the period, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsumptionReport(@JsonProperty("total") Consumption total,
                                @JsonProperty("users") List<UserConsumption> users,
                                @JsonProperty("start") Instant start,
                                @JsonProperty("end") Instant end) {

    /**
     * Normalises a missing user list to an empty one.
     *
     * @param total the total
     * @param users the users
     * @param start the start
     * @param end the end
     */
    public ConsumptionReport {
        users = Lists.copy(users);
    }

    /** @return the total, if reported */
    public Optional<Consumption> totalOptional() {
        return Optional.ofNullable(total);
    }
}
