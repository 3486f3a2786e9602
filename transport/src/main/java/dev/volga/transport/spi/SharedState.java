package dev.volga.transport.spi;

import dev.volga.transport.ClientBuilder;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import reactor.core.scheduler.Scheduler;

/**
 * Where a client keeps the state its credential's promises depend on: the rate limiter's buckets,
 * the pause the server imposed after a 429, and the login token.
 *
 * <p>The default, {@link #local()}, keeps all of it in the client's memory — the right choice for a
 * single instance. A service that runs several instances on one API key passes a shared
 * implementation (module {@code dev.volga.redis}) to every client builder's
 * {@link ClientBuilder#sharedState(SharedState) sharedState(…)}, so that all of them share one quota,
 * one server pause and one login. The request pipeline is the same either way.
 *
 * <p>Implementations are thread-safe and key everything by {@link Scope}: the provider and a
 * fingerprint of the credential (never the credential itself).
 */
public interface SharedState {

    /**
     * State kept in this instance's memory: what every client uses unless told otherwise.
     *
     * @return the local state
     */
    static SharedState local() {
        return LocalSharedState.INSTANCE;
    }

    /**
     * The rate limiter of one credential.
     *
     * @param scope the provider and credential
     * @param settings the client-side limits
     * @param scheduler the clock and timers of the client
     * @return a limiter; limiters of the same scope share their quota as far as the implementation
     *     shares anything
     */
    RateLimiter rateLimiter(Scope scope, RateLimitSettings settings, Scheduler scheduler);

    /**
     * The token store of one credential.
     *
     * @param scope the provider and credential
     * @return the store
     */
    TokenStore tokenStore(Scope scope);

    /**
     * The store of leases and checkpoints that feed processors use when told nothing else: in fleet
     * mode one shared by every instance, so that one instance processes a feed and a restart resumes
     * where the fleet left off.
     *
     * @return the store; the default implementation has none and throws
     * @throws UnsupportedOperationException when this state keeps no checkpoints (then pass a store
     *     to the processor)
     */
    default dev.volga.transport.spi.CheckpointStore checkpointStore() {
        throw new UnsupportedOperationException(getClass().getName() + " keeps no checkpoints; pass a CheckpointStore");
    }

    /**
     * Whose state it is: a provider and a credential, the credential only as a fingerprint (part of a
     * SHA-256 digest), so that keys derived from it reveal nothing; and a key derived from the
     * credential by another digest, which every holder of the credential can compute and nobody else,
     * for sealing what a shared store keeps (a token is never stored in clear).
     *
     * @param provider the provider, e.g. {@code "endocs"}
     * @param credential a fingerprint of the credential: letters, digits, {@code -} and {@code _}
     * @param sealingKey a secret derived from the credential, 256 bits as hex
     */
    record Scope(String provider, String credential, Secret sealingKey) {

        /**
         * Validates the fields.
         *
         * @param provider the provider, e.g. {@code "endocs"}
         * @param credential a fingerprint of the credential: letters, digits, {@code -} and {@code _}
         * @param sealingKey a secret derived from the credential, 256 bits as hex
         */
        public Scope {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(credential, "credential");
            Objects.requireNonNull(sealingKey, "sealingKey");
            if (!provider.matches("[A-Za-z0-9_-]+") || !credential.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("provider and credential must be letters, digits, '-' or '_'");
            }
        }

        /**
         * The scope of a provider's credential made of one or more secrets (a token; a user and key).
         *
         * @param provider the provider
         * @param parts the credential's parts, in a fixed order
         * @return the scope: the first 128 bits of SHA-256("fingerprint", provider, parts) as the
         *     credential, SHA-256("sealing-key", provider, parts) as the sealing key
         */
        public static Scope of(String provider, Secret... parts) {
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(parts, "parts");
            if (parts.length == 0) {
                throw new IllegalArgumentException("a credential needs at least one part");
            }
            byte[] fingerprint = digest("volga fingerprint", provider, parts);
            byte[] sealing = digest("volga sealing key", provider, parts);
            return new Scope(provider, HexFormat.of().formatHex(fingerprint, 0, 16),
                    Secret.of("sealingKey", HexFormat.of().formatHex(sealing)));
        }

        private static byte[] digest(String purpose, String provider, Secret... parts) {
            MessageDigest sha;
            try {
                sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is missing from this JDK", e);
            }
            sha.update(purpose.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(provider.getBytes(StandardCharsets.UTF_8));
            for (Secret part : parts) {
                sha.update((byte) 0);
                sha.update(Objects.requireNonNull(part, "part").reveal().getBytes(StandardCharsets.UTF_8));
            }
            return sha.digest();
        }

        @Override
        public String toString() {
            return provider + ":" + credential;
        }
    }
}
