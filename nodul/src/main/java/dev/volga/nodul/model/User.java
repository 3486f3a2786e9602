package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A user of the white-label organisation.
 *
 * @param userId the tenant's own user id
 * @param subscriptions the user's subscriptions (only when asked for), never null
 * @param spaces the spaces the user belongs to, never null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record User(@JsonProperty("user_id") String userId,
                   @JsonProperty("subscriptions") List<Subscription> subscriptions,
                   @JsonProperty("spaces") List<SpaceRef> spaces) {

    /**
     * Normalises missing lists to empty ones.
     *
     * @param userId the userId
     * @param subscriptions the subscriptions
     * @param spaces the spaces
     */
    public User {
        subscriptions = Lists.copy(subscriptions);
        spaces = Lists.copy(spaces);
    }
}
