package dev.volga.redis;

import dev.volga.api.RateLimitSettings;
import dev.volga.redis.internal.PauseBoard;
import dev.volga.redis.internal.RedisCheckpointStore;
import dev.volga.redis.internal.RedisLink;
import dev.volga.redis.internal.RedisRateLimiter;
import dev.volga.redis.internal.RedisTokenStore;
import dev.volga.transport.spi.CheckpointStore;
import dev.volga.transport.spi.RateLimiter;
import dev.volga.transport.spi.SharedState;
import dev.volga.transport.spi.TokenStore;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.RedisClusterURIUtil;
import reactor.core.scheduler.Scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Fleet mode: the quota, the server's pause and the login token of each credential kept in Redis, so
 * that every instance of a service that uses one API key shares them. Pass it to each client builder:
 *
 * <pre>{@code
 * RedisSharedState fleet = RedisSharedState.builder("redis://redis.internal:6379")
 *         .whenUnavailable(UnavailablePolicy.LOCAL_FALLBACK).expectedInstances(4)
 *         .build();
 * EndocsClient endocs = EndocsClient.builder().token(token).sharedState(fleet).build();
 * }</pre>
 *
 * <ul>
 *   <li><b>Quota.</b> Each request reserves one slot in every limit it matches, all or none, in one
 *       atomic Lua script run with {@code EVALSHA} (GCRA on the Redis server's clock, so instances'
 *       clocks do not matter); it gets a delay and waits for it locally, without blocking a thread.
 *       A waiter cancelled before its time gives its slots back where that is exact, and otherwise
 *       costs at most the one slot.</li>
 *   <li><b>Server pause.</b> A 429 seen by one instance pauses every instance of that credential until
 *       its {@code Retry-After}: new reservations start after it, and waiters learn of it on the
 *       events channel.</li>
 *   <li><b>Login.</b> One instance logs in at a time ({@code SET NX PX} lock); the others wait for the
 *       token (events channel, polling as a bounded fallback) and use it. The token is stored
 *       encrypted (AES-GCM, with a key derived from the credential) and expires with itself. A 401
 *       deletes only the token that was used. If the lock holder dies, its lock expires after
 *       {@link Builder#lockTimeout} and another instance logs in.</li>
 *   <li><b>Feed leases and checkpoints.</b> {@link #checkpointStore()}: one instance of the fleet
 *       holds a feed processor's lease ({@code SET … PX} with renewal, by Lua script) and the others
 *       stand by; each new tenure gets a fencing token greater than every earlier one, and a
 *       checkpoint write is stored only under the current tenure, so a holder paused past its TTL
 *       can never move the checkpoint after it wakes. The checkpoint is as durable as Redis is
 *       configured to be: with AOF or RDB persistence it survives a restart of Redis; a Redis that
 *       restarts empty forgets it, and processors start again from their configured start (items are
 *       delivered again, never lost). The fence counter stays ahead of every earlier tenure even then
 *       (it is at least the Redis server's clock in milliseconds).</li>
 *   <li><b>Redis unavailable or slow.</b> Every Redis call is bounded by
 *       {@link Builder#commandTimeout}; then the {@link UnavailablePolicy} applies, with one warning
 *       per outage and a probe that brings the fleet back to the shared state. For feed leases
 *       {@code LOCAL_FALLBACK} does <em>not</em> fall back to a local lease, which could not exclude
 *       the other replicas: while Redis is unavailable {@link CheckpointStore#claim} answers empty
 *       (stand by) and {@link CheckpointStore#write} (and {@code read}) fail with
 *       {@link dev.volga.api.LeaseLostException}, so every processor pauses, handles nothing and
 *       resumes from the checkpoint when Redis answers again. Under {@code FAIL} every operation of
 *       the store fails with a {@link dev.volga.api.SharedStateException}, and processors stop
 *       with it.</li>
 * </ul>
 *
 * <p><b>Deployments.</b> {@link #builder(String)} takes one Redis node ({@code redis://},
 * {@code rediss://}, {@code redis-socket://}) or a master found through Sentinel
 * ({@code redis-sentinel://sentinel1:26379,sentinel2:26379/0#mymaster}): after a failover the
 * connection follows the master the sentinels name. A URI with several hosts is refused: for a Redis
 * Cluster use {@link #clusterBuilder(String)} with its seed nodes
 * ({@code redis://node1:6379,node2:6379}); commands go to the master of their key's slot, and the
 * topology is refreshed on MOVED/ASK, on reconnects and every 30 s.
 *
 * <p>Keys are {@code <prefix>:{<provider>:<credential fingerprint>}:…}: the hash tag puts every key of
 * one credential on one Redis Cluster slot (so one script sees them all), and the fingerprint is a
 * digest, never the credential.
 * Nothing here logs a token or password; messages name the endpoint as scheme, host, port and
 * database only.
 *
 * <p>Thread-safe. {@link #close()} closes the connections (and the Lettuce client, if this object
 * created it); it does not block.
 */
public final class RedisSharedState implements SharedState, AutoCloseable {

    /** The default {@link Builder#keyPrefix}. */
    public static final String DEFAULT_KEY_PREFIX = "volga";
    /** The default {@link Builder#whenUnavailable}. */
    public static final UnavailablePolicy DEFAULT_WHEN_UNAVAILABLE = UnavailablePolicy.FAIL;
    /** The default {@link Builder#commandTimeout}. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(1);
    /** The default {@link Builder#connectTimeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

    private final RedisLink link;
    private final PauseBoard pauses;
    private final RedisCheckpointStore checkpoints;
    private final int expectedInstances;
    private final Duration lockTimeout;
    private final Duration pollInterval;
    private final Duration probeInterval;

    private RedisSharedState(Builder b) {
        if (b.seeds != null || b.clusterClient != null) {
            RedisClusterClient client = b.clusterClient;
            boolean owns = client == null;
            if (owns) {
                client = RedisClusterClient.create(b.seeds);
                client.setOptions(ClusterClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(SocketOptions.builder().connectTimeout(b.connectTimeout).build())
                        // follow slot moves and failovers: on MOVED/ASK, persistent reconnects and
                        // unknown nodes at once, and every 30 s in any case
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enablePeriodicRefresh(Duration.ofSeconds(30))
                                .enableAllAdaptiveRefreshTriggers()
                                .build())
                        .build());
            }
            String endpoint = b.seeds == null ? "redis-cluster (the application's client)"
                    : b.seeds.stream().map(u -> u.getHost() + ":" + u.getPort())
                            .collect(Collectors.joining(",", b.seeds.get(0).isSsl() ? "rediss://" : "redis://", " (cluster)"));
            this.link = RedisLink.cluster(client, owns, endpoint, b.keyPrefix, b.commandTimeout, b.connectTimeout, b.probeInterval, b.policy);
        } else {
            RedisClient client = b.client;
            boolean owns = client == null;
            if (owns) {
                client = RedisClient.create();
                client.setOptions(ClientOptions.builder()
                        .autoReconnect(true)
                        // fail at once while disconnected instead of queueing: the policy decides
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .socketOptions(SocketOptions.builder().connectTimeout(b.connectTimeout).build())
                        .build());
            }
            this.link = RedisLink.standalone(client, owns, b.uri, b.keyPrefix, b.commandTimeout, b.connectTimeout, b.probeInterval, b.policy);
        }
        this.pauses = new PauseBoard(link);
        this.checkpoints = new RedisCheckpointStore(link);
        this.expectedInstances = b.expectedInstances;
        this.lockTimeout = b.lockTimeout;
        this.pollInterval = b.pollInterval;
        this.probeInterval = b.probeInterval;
    }

    /**
     * One Redis node, or the master a Sentinel names (Lettuce's URI syntax):
     * {@code redis://:password@redis.internal:6379/0}, {@code rediss://…} (TLS),
     * {@code redis-socket:///run/redis.sock}, or
     * {@code redis-sentinel://:password@sentinel1:26379,sentinel2:26379/0#mymaster}.
     *
     * @param redisUri where Redis is
     * @return a builder that creates and owns its Lettuce client
     * @throws IllegalArgumentException if the URI cannot be parsed, names several hosts without
     *     being a Sentinel URI (a Redis Cluster takes {@link #clusterBuilder(String)}), or is a Sentinel
     *     URI without the master's name; the message does not repeat the URI
     */
    public static Builder builder(String redisUri) {
        Objects.requireNonNull(redisUri, "redisUri");
        RedisURI uri;
        try {
            uri = RedisURI.create(redisUri);
        } catch (RuntimeException e) {
            // the URI may hold a password: do not echo it
            throw new IllegalArgumentException("redisUri is not a valid Redis URI (" + e.getClass().getSimpleName() + ")");
        }
        return new Builder(null, checked(uri, "redisUri"));
    }

    /**
     * @param uri where Redis is: one node, or sentinels and the master's name
     * @return a builder that creates and owns its Lettuce client
     * @throws IllegalArgumentException as {@link #builder(String)}
     */
    public static Builder builder(RedisURI uri) {
        return new Builder(null, checked(Objects.requireNonNull(uri, "uri"), "uri"));
    }

    /**
     * Uses the application's own Lettuce client (its resources and options); it is not shut down by
     * {@link #close()}. Every call is still bounded by {@link Builder#commandTimeout}. A dropped
     * connection is noticed on the client's event bus: for a one-node URI, a connection to its host
     * and port; for a Sentinel URI, a connection to the master the sentinels name (before they have
     * been asked, any connection but a sentinel's).
     *
     * @param client the client
     * @param uri where Redis is: one node, or sentinels and the master's name
     * @return a builder
     * @throws IllegalArgumentException as {@link #builder(String)}
     */
    public static Builder builder(RedisClient client, RedisURI uri) {
        return new Builder(Objects.requireNonNull(client, "client"), checked(Objects.requireNonNull(uri, "uri"), "uri"));
    }

    /**
     * A Redis Cluster, through Lettuce's cluster client: each script runs on the master of its
     * credential's slot (the keys' hash tag), redirects are followed and the topology refreshed on
     * MOVED/ASK, on reconnects and every 30 s; events go over the cluster's pub/sub, which reaches
     * every node.
     *
     * @param seedUris one or more nodes of the cluster, comma-separated in one URI:
     *                 {@code redis://:password@node1:6379,node2:6379} (or {@code rediss://})
     * @return a builder that creates and owns its Lettuce cluster client
     * @throws IllegalArgumentException if the URI cannot be parsed or is not {@code redis://} or
     *     {@code rediss://} (the message does not repeat it)
     */
    public static Builder clusterBuilder(String seedUris) {
        Objects.requireNonNull(seedUris, "seedUris");
        List<RedisURI> seeds;
        try {
            URI parsed = URI.create(seedUris);
            if (!"redis".equals(parsed.getScheme()) && !"rediss".equals(parsed.getScheme())) {
                throw new IllegalArgumentException("scheme");
            }
            seeds = RedisClusterURIUtil.toRedisURIs(parsed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("seedUris is not a Redis Cluster URI such as redis://node1:6379,node2:6379 ("
                    + e.getClass().getSimpleName() + ")");
        }
        if (seeds.isEmpty() || seeds.stream().anyMatch(u -> u.getHost() == null || u.getHost().isEmpty())) {
            throw new IllegalArgumentException("seedUris names no node, or a node without a host");
        }
        return new Builder(List.copyOf(seeds));
    }

    /**
     * Uses the application's own Lettuce cluster client (its seeds, resources and options, including
     * its topology refresh); it is not shut down by {@link #close()}. A dropped connection of any of
     * its nodes counts as an outage.
     *
     * @param client the cluster client
     * @return a builder
     */
    public static Builder clusterBuilder(RedisClusterClient client) {
        return new Builder(Objects.requireNonNull(client, "client"));
    }

    private static RedisURI checked(RedisURI uri, String name) {
        String host = uri.getHost();
        if (uri.getSentinels().isEmpty() && host != null && (host.indexOf(',') >= 0 || host.indexOf(':') >= 0 && host.indexOf('[') < 0)) {
            throw new IllegalArgumentException(name + " names several hosts: one Redis node takes one host; for a Redis Cluster "
                    + "use RedisSharedState.clusterBuilder(\"redis://node1:6379,node2:6379\"), for Sentinel a "
                    + "redis-sentinel://sentinel1:26379,sentinel2:26379/0#mymaster URI");
        }
        if (!uri.getSentinels().isEmpty() && (uri.getSentinelMasterId() == null || uri.getSentinelMasterId().isEmpty())) {
            throw new IllegalArgumentException(name + " is a Sentinel URI without the master's name: add it after '#', "
                    + "e.g. redis-sentinel://sentinel1:26379/0#mymaster");
        }
        return uri;
    }

    @Override
    public RateLimiter rateLimiter(Scope scope, RateLimitSettings settings, Scheduler scheduler) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(scheduler, "scheduler");
        return new RedisRateLimiter(link, pauses, scope, settings, scheduler, expectedInstances, probeInterval);
    }

    @Override
    public TokenStore tokenStore(Scope scope) {
        Objects.requireNonNull(scope, "scope");
        return new RedisTokenStore(link, scope, lockTimeout, pollInterval);
    }

    /**
     * The fleet's feed leases and checkpoints, on this state's connection, key prefix, command timeout
     * and {@link UnavailablePolicy} (see the class description for what each policy does to leases).
     * Keys: {@code <prefix>:{feed:<name>}:lease}, {@code …:fence} and {@code …:checkpoint}, one hash
     * tag per name, so one Lua script touches all three on one Redis Cluster slot.
     *
     * @return the store (one per shared state)
     */
    @Override
    public CheckpointStore checkpointStore() {
        return checkpoints;
    }

    /** @return where Redis is: scheme, host, port and database, never credentials */
    public String endpoint() {
        return link.endpoint();
    }

    /** @return whether Redis is considered unavailable now (a call failed and no probe succeeded since) */
    public boolean unavailable() {
        return link.isDown();
    }

    /** Closes the connections, and the Lettuce client if this object created it. Does not block. */
    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "RedisSharedState[" + link.endpoint() + ", prefix=" + link.prefix() + ", " + link.policy() + "]";
    }

    /** Builds a {@link RedisSharedState}. Not thread-safe. */
    public static final class Builder {
        private final RedisClient client;
        private final RedisURI uri;
        private final List<RedisURI> seeds;
        private final RedisClusterClient clusterClient;
        private String keyPrefix = DEFAULT_KEY_PREFIX;
        private UnavailablePolicy policy = DEFAULT_WHEN_UNAVAILABLE;
        private int expectedInstances;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration lockTimeout = Duration.ofSeconds(15);
        private Duration pollInterval = Duration.ofMillis(200);
        private Duration probeInterval = Duration.ofSeconds(1);

        private Builder(RedisClient client, RedisURI uri) {
            this.client = client;
            this.uri = uri;
            this.seeds = null;
            this.clusterClient = null;
        }

        private Builder(List<RedisURI> seeds) {
            this.client = null;
            this.uri = null;
            this.seeds = seeds;
            this.clusterClient = null;
        }

        private Builder(RedisClusterClient clusterClient) {
            this.client = null;
            this.uri = null;
            this.seeds = null;
            this.clusterClient = clusterClient;
        }

        /**
         * @param value the start of every key (letters, digits, {@code . _ -}; default {@code volga});
         *              different services on one Redis use different prefixes
         * @return this
         */
        public Builder keyPrefix(String value) {
            Objects.requireNonNull(value, "keyPrefix");
            if (!value.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("keyPrefix must be 1..64 letters, digits, '.', '_' or '-', was '" + value + "'");
            }
            this.keyPrefix = value;
            return this;
        }

        /**
         * @param value what to do while Redis does not answer (default {@link UnavailablePolicy#FAIL});
         *              {@link UnavailablePolicy#LOCAL_FALLBACK} also needs {@link #expectedInstances}
         * @return this
         */
        public Builder whenUnavailable(UnavailablePolicy value) {
            this.policy = Objects.requireNonNull(value, "whenUnavailable");
            return this;
        }

        /**
         * @param value how many instances share the credentials: each takes {@code 1/value} of the
         *              quota while Redis is unavailable (at least 1)
         * @return this
         */
        public Builder expectedInstances(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("expectedInstances must be at least 1, was " + value);
            }
            this.expectedInstances = value;
            return this;
        }

        /**
         * @param value the longest wait for the answer to any Redis command (default 1 s; Redis answers in well under a millisecond, the bound is for a Redis that hangs)
         * @return this
         */
        public Builder commandTimeout(Duration value) {
            this.commandTimeout = positive(value, "commandTimeout");
            return this;
        }

        /**
         * @param value the longest wait for a connection to Redis to open and its scripts to load (default 2 s)
         * @return this
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /**
         * @param value how long a login lock lives: if its holder dies, another instance logs in
         *              after it (default 15 s; longer than a login takes)
         * @return this
         */
        public Builder lockTimeout(Duration value) {
            this.lockTimeout = positive(value, "lockTimeout");
            return this;
        }

        /**
         * @param value how often an instance waiting for another's login looks for the token when no
         *              event arrives (default 200 ms)
         * @return this
         */
        public Builder pollInterval(Duration value) {
            this.pollInterval = positive(value, "pollInterval");
            return this;
        }

        /**
         * @param value how often an unavailable Redis is asked whether it is back (default 1 s)
         * @return this
         */
        public Builder probeInterval(Duration value) {
            this.probeInterval = positive(value, "probeInterval");
            return this;
        }

        private static Duration positive(Duration value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, was " + value);
            }
            return value;
        }

        /**
         * Creates the shared state. Connects lazily, on the first request: building never blocks and
         * never fails because Redis is down.
         *
         * @return the shared state
         * @throws IllegalStateException for {@link UnavailablePolicy#LOCAL_FALLBACK} without
         *     {@link #expectedInstances}
         */
        public RedisSharedState build() {
            if (policy == UnavailablePolicy.LOCAL_FALLBACK && expectedInstances == 0) {
                throw new IllegalStateException("LOCAL_FALLBACK needs expectedInstances: how many instances share the quota");
            }
            if (expectedInstances == 0) {
                expectedInstances = 1;
            }
            return new RedisSharedState(this);
        }
    }
}
