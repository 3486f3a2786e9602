package dev.volga.redis.internal;

import dev.volga.transport.SharedState;

/** How keys are named: every key of one credential carries the same hash tag (one Cluster slot). */
final class Keys {

    private Keys() {
    }

    /**
     * @param prefix the configured prefix
     * @param scope the credential
     * @return {@code <prefix>:{<provider>:<fingerprint>}}
     */
    static String base(String prefix, SharedState.Scope scope) {
        return prefix + ":{" + tag(scope) + "}";
    }

    /**
     * @param scope the credential
     * @return {@code <provider>:<fingerprint>}, the credential's name in keys and events
     */
    static String tag(SharedState.Scope scope) {
        return scope.provider() + ":" + scope.credential();
    }
}
