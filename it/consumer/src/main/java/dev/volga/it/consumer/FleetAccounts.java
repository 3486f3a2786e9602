package dev.volga.it.consumer;

import dev.volga.endocs.EndocsClient;
import dev.volga.redis.RedisSharedState;
import dev.volga.redis.UnavailablePolicy;

/** One replica's EnDocs client in fleet mode: quota, server pauses and login shared through Redis. */
public final class FleetAccounts {

    private FleetAccounts() {
    }

    /**
     * The fleet's shared state, refusing requests (rather than guessing a share) while Redis is away.
     *
     * @param redisUri for example {@code redis://:pass@host:6379/0}
     * @param replicas how many replicas share the API key
     * @return the shared state; close it after the clients
     */
    public static RedisSharedState sharedState(String redisUri, int replicas) {
        return RedisSharedState.builder(redisUri)
                .whenUnavailable(UnavailablePolicy.FAIL)
                .expectedInstances(replicas)
                .build();
    }

    /**
     * An EnDocs client of one replica.
     *
     * @param baseUrl the EnDocs base URL
     * @param token the API token
     * @param fleet the shared state of the fleet
     * @return the client
     */
    public static EndocsClient client(String baseUrl, String token, RedisSharedState fleet) {
        return EndocsClient.builder().baseUrl(baseUrl).token(token).sharedState(fleet).build();
    }
}
