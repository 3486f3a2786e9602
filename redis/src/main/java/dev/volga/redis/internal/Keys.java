package dev.volga.redis.internal;

import dev.volga.transport.spi.SharedState;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

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
     * @param prefix the configured prefix
     * @param name a feed processor's lease name (one per credential and feed)
     * @return {@code <prefix>:{feed:<name>}}: the lease, fence counter and checkpoint of one name
     *     share this hash tag, so one script touches all three on one Redis Cluster slot
     */
    static String feed(String prefix, String name) {
        return prefix + ":{feed:" + name + "}";
    }

    /**
     * @param scope the credential
     * @return {@code <provider>:<fingerprint>}, the credential's name in keys and events
     */
    static String tag(SharedState.Scope scope) {
        return scope.provider() + ":" + scope.credential();
    }

    /**
     * @param text what to name
     * @param bytes how many bytes of the digest to keep
     * @return the first {@code bytes} of the text's SHA-256, hex: a stable name that reveals nothing
     */
    static String digest(String text, int bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
