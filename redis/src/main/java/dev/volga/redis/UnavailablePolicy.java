package dev.volga.redis;

/**
 * What the clients do while Redis does not answer within the command timeout.
 */
public enum UnavailablePolicy {

    /**
     * Requests fail at once with a {@link dev.volga.api.SharedStateException} naming the Redis
     * endpoint; nothing is sent to the provider. Safe when exceeding the quota is worse than failing.
     */
    FAIL,

    /**
     * Each instance limits itself to {@code quota / expectedInstances} in its own memory and logs in
     * by itself, with one warning per outage (not per request); when Redis answers again the fleet
     * goes back to the shared quota. The local limits stay in force (together with the shared ones)
     * for one period of the longest limit after the recovery, so that the switch never lets the
     * fleet exceed the quota.
     */
    LOCAL_FALLBACK
}
