package dev.volga.redis.internal;

import dev.volga.api.ApiError;
import dev.volga.api.SharedStateException;
import dev.volga.redis.UnavailablePolicy;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisReadOnlyException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.event.connection.ReconnectAttemptEvent;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One Redis deployment as the fleet-mode stores see it: a lazily opened connection, the Lua scripts
 * (run by digest, loaded on demand), the events channel, a bounded timeout on every call, and the
 * up/down state: a failed or late call, or a dropped connection, marks Redis down (one warning), a
 * probe marks it up again.
 *
 * <p>Three deployments, one command API ({@link RedisClusterAsyncCommands}, which both Lettuce's
 * standalone and cluster connections implement): a single node ({@code redis://}, {@code rediss://},
 * {@code redis-socket://}); a master found through Sentinel ({@code redis-sentinel://}: Lettuce asks
 * the sentinels for the master on every (re)connect, so the connection follows a failover once the
 * old master drops it, and a {@code READONLY} answer drops it too); a Redis Cluster (Lettuce's
 * cluster client: each command goes to the master of its first key's slot, so a script with the
 * {@code {provider:fingerprint}} keys runs on the node that holds them, MOVED/ASK are followed and
 * refresh the topology, which is also refreshed periodically).
 */
public final class RedisLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.volga.redis");

    /** The Lua scripts, each run with {@code EVALSHA} and loaded by {@code EVAL} when Redis lacks it. */
    public enum Script {
        /** Reserve a slot in every limit of a request. */
        RESERVE("reserve.lua"),
        /** Give a cancelled reservation back. */
        REFUND("refund.lua"),
        /** Pause a credential after a 429. */
        PAUSE("pause.lua"),
        /** Delete a key only if it still holds this instance's value. */
        RELEASE("release.lua"),
        /** Take or renew a feed processor's lease, with a new fence for a new tenure. */
        CLAIM("claim.lua"),
        /** Store a checkpoint only under the current tenure of its lease. */
        CHECKPOINT("checkpoint.lua"),
        /** Give a lease up only if it is still the releasing tenure. */
        UNLEASE("unlease.lua");

        final String source;
        final String sha;

        Script(String file) {
            try (InputStream in = RedisLink.class.getResourceAsStream(file)) {
                this.source = new String(Objects.requireNonNull(in, file).readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** How a link reaches its deployment: the one part that differs between them. */
    private interface Connector {
        CompletableFuture<? extends StatefulConnection<String, String>> connect();

        RedisClusterAsyncCommands<String, String> commands(StatefulConnection<String, String> connection);

        CompletableFuture<? extends StatefulRedisPubSubConnection<String, String>> connectPubSub();

        /** Whether a reconnect attempt of this client's event bus is one of this link's connections. */
        boolean isOurs(ReconnectAttemptEvent event);

        /** Whether the node answering is one that takes writes (a master). */
        Mono<Boolean> writable(RedisClusterAsyncCommands<String, String> commands);
    }

    private final AbstractRedisClient client;
    private final Connector connector;
    private final boolean ownsClient;
    private final String endpoint;
    private final String prefix;
    private final String channel;
    private final Duration timeout;
    private final Duration connectTimeout;
    private final Duration probeInterval;
    private final UnavailablePolicy policy;
    private final Sinks.Many<String> events = Sinks.many().multicast().directBestEffort();
    private final AtomicBoolean down = new AtomicBoolean();
    private final ServerClock clock = new ServerClock();
    private final java.util.concurrent.atomic.AtomicLong outages = new java.util.concurrent.atomic.AtomicLong();
    private final Object lock = new Object();
    private CompletableFuture<? extends StatefulConnection<String, String>> connecting;
    private CompletableFuture<StatefulRedisPubSubConnection<String, String>> subscribing;
    private volatile long upSinceMillis;
    private volatile Disposable probe;
    private final Disposable disconnects;
    private volatile boolean closed;
    private boolean watching;
    private final java.util.Queue<StatefulRedisPubSubConnection<String, String>> sentinelWatches = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicReference<String> lastMaster = new java.util.concurrent.atomic.AtomicReference<>("");

    /**
     * A link to one node, or to the master a Sentinel names.
     *
     * @param client the Lettuce client
     * @param ownsClient whether {@link #close()} shuts the client down (then every connection of its
     *                   event bus is this link's)
     * @param uri where Redis is: one host, or sentinels and a master name
     * @param prefix the key prefix
     * @param timeout the bound on every command
     * @param connectTimeout the bound on opening the connection
     * @param probeInterval how often a down Redis is asked whether it is back
     * @param policy what to do while it is down (only for the warning's text here)
     * @return the link
     */
    public static RedisLink standalone(RedisClient client, boolean ownsClient, RedisURI uri, String prefix, Duration timeout,
                                       Duration connectTimeout, Duration probeInterval, UnavailablePolicy policy) {
        boolean sentinel = !uri.getSentinels().isEmpty();
        RedisLink[] self = new RedisLink[1];
        Connector connector = new Connector() {
            @Override
            public CompletableFuture<? extends StatefulConnection<String, String>> connect() {
                if (sentinel) {
                    self[0].watchFailovers(client, uri);
                }
                // behind Sentinel, Lettuce asks the sentinels for the master on every (re)connect
                return client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture();
            }

            @Override
            @SuppressWarnings("unchecked")
            public RedisClusterAsyncCommands<String, String> commands(StatefulConnection<String, String> connection) {
                return ((io.lettuce.core.api.StatefulRedisConnection<String, String>) connection).async();
            }

            @Override
            public CompletableFuture<? extends StatefulRedisPubSubConnection<String, String>> connectPubSub() {
                return client.connectPubSubAsync(StringCodec.UTF8, uri).toCompletableFuture();
            }

            @Override
            public boolean isOurs(ReconnectAttemptEvent event) {
                if (sentinel) {
                    // the master's address is not in a sentinel URI: the sentinels name it (and each
                    // +switch-master moves it); a drop of the old master, demoted after a failover
                    // that already counted as the outage, is not a second one
                    String master = self[0].lastMaster.get();
                    return master.isEmpty() ? uri.getSentinels().stream().noneMatch(s -> sameEndpoint(s, event.remoteAddress()))
                            : master.equals(hostAndPort(event.remoteAddress(), false)) || master.equals(hostAndPort(event.remoteAddress(), true));
                }
                return ownsClient || sameEndpoint(uri, event.remoteAddress());
            }

            @Override
            public Mono<Boolean> writable(RedisClusterAsyncCommands<String, String> commands) {
                // a sentinel's master may have been turned into a replica: it answers PING, not writes
                return sentinel ? Mono.fromCompletionStage(() -> commands.role()).map(role -> !role.isEmpty() && "master".equals(String.valueOf(role.get(0))))
                        : Mono.fromCompletionStage(() -> commands.ping()).map(pong -> true);
            }
        };
        self[0] = new RedisLink(client, connector, ownsClient, endpoint(uri), prefix, timeout, connectTimeout, probeInterval, policy);
        return self[0];
    }

    /**
     * Subscribes to every sentinel's {@code +switch-master} (once, with the first connection): a
     * failover is an outage of the shared state, even though no connection of ours dropped, because
     * what the old master took after the replica was promoted is lost.
     */
    private void watchFailovers(RedisClient client, RedisURI uri) {
        synchronized (lock) {
            if (watching || closed) {
                return;
            }
            watching = true;
        }
        String master = uri.getSentinelMasterId();
        for (RedisURI sentinel : uri.getSentinels()) {
            RedisURI one = RedisURI.builder(sentinel).build();
            // where the master is now, so that only its connections' drops count
            client.connectSentinelAsync(StringCodec.UTF8, one).thenCompose(c -> c.async().getMasterAddrByName(master)
                            .whenComplete((address, error) -> c.closeAsync()))
                    .thenAccept(address -> lastMaster.compareAndSet("", hostAndPort(address, true)))
                    .exceptionally(unreachable -> null);
            client.connectPubSubAsync(StringCodec.UTF8, one).thenAccept(pubsub -> {
                sentinelWatches.add(pubsub);
                if (closed) {
                    pubsub.closeAsync();
                    return;
                }
                pubsub.reactive().observeChannels().filter(m -> "+switch-master".equals(m.getChannel())).subscribe(m -> {
                    // "<master name> <old ip> <old port> <new ip> <new port>"
                    String[] f = m.getMessage().split(" ");
                    if (f.length == 5 && f[0].equals(master)) {
                        String now = f[3] + ":" + f[4];
                        // every sentinel announces the same switch: one outage per new master
                        if (!now.equals(lastMaster.getAndSet(now))) {
                            // the old master still answers, as a master, until Sentinel demotes it
                            // 10-20 s later: leave it now, or the fleet splits between two masters;
                            // the probe's new connection asks the sentinels, who name the new one
                            forgetConnections();
                            markDown(new java.io.IOException("Sentinel failover: the master moved to another node"));
                        }
                    }
                });
                pubsub.async().subscribe("+switch-master");
            }).exceptionally(unreachable -> {
                // this sentinel is down now: the next connection tries it again
                synchronized (lock) {
                    watching = false;
                }
                return null;
            });
        }
    }

    /**
     * A link to a Redis Cluster through Lettuce's cluster client; its options (topology refresh,
     * redirects) are the caller's.
     *
     * @param client the Lettuce cluster client, with its seed nodes
     * @param ownsClient whether {@link #close()} shuts the client down
     * @param endpoint the seed nodes without credentials, for messages
     * @param prefix the key prefix
     * @param timeout the bound on every command
     * @param connectTimeout the bound on opening the connection
     * @param probeInterval how often a down Redis is asked whether it is back
     * @param policy what to do while it is down (only for the warning's text here)
     * @return the link
     */
    public static RedisLink cluster(RedisClusterClient client, boolean ownsClient, String endpoint, String prefix, Duration timeout,
                                    Duration connectTimeout, Duration probeInterval, UnavailablePolicy policy) {
        Connector connector = new Connector() {
            @Override
            public CompletableFuture<? extends StatefulConnection<String, String>> connect() {
                // the async connect needs the topology loaded first; loading it here (not by
                // getPartitions(), which blocks) also starts a reconnect from today's topology
                return client.refreshPartitionsAsync().toCompletableFuture().thenCompose(loaded -> client.connectAsync(StringCodec.UTF8));
            }

            @Override
            @SuppressWarnings("unchecked")
            public RedisClusterAsyncCommands<String, String> commands(StatefulConnection<String, String> connection) {
                return ((io.lettuce.core.cluster.api.StatefulRedisClusterConnection<String, String>) connection).async();
            }

            @Override
            public CompletableFuture<? extends StatefulRedisPubSubConnection<String, String>> connectPubSub() {
                // PUBLISH on any node reaches the subscribers of every node (the cluster bus)
                return client.refreshPartitionsAsync().toCompletableFuture().thenCompose(loaded -> client.connectPubSubAsync(StringCodec.UTF8));
            }

            @Override
            public boolean isOurs(ReconnectAttemptEvent event) {
                // node connections come and go with the topology; a dropped one (not a closed one:
                // only those are reconnected) means a node is gone, which may be the one of a key
                return true;
            }

            @Override
            public Mono<Boolean> writable(RedisClusterAsyncCommands<String, String> commands) {
                // back when every master of the current topology answers (a bare PING would go to
                // the one seed node the connection started from, whichever slots it holds)
                return Mono.fromCompletionStage(() -> ((io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands<String, String>) commands)
                        .upstream().commands().ping()).map(pongs -> true);
            }
        };
        return new RedisLink(client, connector, ownsClient, endpoint, prefix, timeout, connectTimeout, probeInterval, policy);
    }

    private RedisLink(AbstractRedisClient client, Connector connector, boolean ownsClient, String endpoint, String prefix,
                      Duration timeout, Duration connectTimeout, Duration probeInterval, UnavailablePolicy policy) {
        this.client = client;
        this.connector = connector;
        this.ownsClient = ownsClient;
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.channel = prefix + ":events";
        this.timeout = timeout;
        this.connectTimeout = connectTimeout;
        this.probeInterval = probeInterval;
        this.policy = policy;
        this.upSinceMillis = Long.MIN_VALUE / 2;
        // a connection that drops marks Redis down at once, even for an instance that has nothing to
        // ask it now (its waiters then stop trusting reservations a restarted Redis may have lost).
        // Lettuce tries to reconnect only a connection that dropped, never one that was closed (such
        // as the cluster client's short-lived topology-refresh connections): its first attempt is the
        // signal, and it carries the address the connection had, which a sentinel URI does not
        this.disconnects = client.getResources().eventBus().get()
                .filter(e -> e instanceof ReconnectAttemptEvent r && r.getAttempt() == 1 && connector.isOurs(r))
                .subscribe(e -> markDown(new java.io.IOException("connection to Redis lost")), error -> { });
    }

    private static String hostAndPort(java.net.SocketAddress address, boolean numeric) {
        if (!(address instanceof java.net.InetSocketAddress inet)) {
            return "";
        }
        String host = numeric && inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
        return host + ":" + inet.getPort();
    }

    private static boolean sameEndpoint(RedisURI uri, java.net.SocketAddress remote) {
        if (!(remote instanceof java.net.InetSocketAddress inet) || inet.getPort() != uri.getPort()) {
            return false;
        }
        String host = uri.getHost();
        return host != null && (host.equalsIgnoreCase(inet.getHostString())
                || inet.getAddress() != null && host.equals(inet.getAddress().getHostAddress()));
    }

    /**
     * Where Redis is, for messages: scheme, host, port and database, never the user or password.
     *
     * @param uri the URI
     * @return e.g. {@code redis://127.0.0.1:6379/0}
     */
    public static String endpoint(RedisURI uri) {
        if (uri.getSocket() != null) {
            return "redis-socket://" + uri.getSocket();
        }
        if (!uri.getSentinels().isEmpty()) {
            return "redis-sentinel://" + uri.getSentinels().stream().map(s -> s.getHost() + ":" + s.getPort())
                    .collect(Collectors.joining(",")) + "/" + uri.getDatabase();
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /** @return where Redis is, without credentials */
    public String endpoint() {
        return endpoint;
    }

    /** @return the key prefix */
    public String prefix() {
        return prefix;
    }

    /** @return the policy while Redis is down */
    public UnavailablePolicy policy() {
        return policy;
    }

    /** @return the Redis server's clock as this instance sees it */
    public ServerClock clock() {
        return clock;
    }

    /**
     * @return how many outages began so far: a reservation made before an outage may not exist in a
     *     Redis that restarted empty, so its holder must not use it after one
     */
    public long outages() {
        return outages.get();
    }

    /** @return whether the last call failed and no probe has succeeded since */
    public boolean isDown() {
        return down.get();
    }

    /** @return the wall-clock time (ms) Redis last came back, or a time long past */
    public long upSinceMillis() {
        return upSinceMillis;
    }

    /**
     * The events other instances publish ({@code "<scope> pause <µs>"}, {@code "<scope> token"});
     * delivered on a Lettuce thread, best effort.
     *
     * @return the events as they arrive
     */
    public Flux<String> events() {
        return events.asFlux();
    }

    /**
     * Runs commands with the bound; a failure or a late answer marks Redis down and becomes a
     * {@link SharedStateException}. While Redis is down, fails at once without trying.
     *
     * @param provider the provider, for the error
     * @param what what was asked, for the error
     * @param call the commands
     * @param <T> the result
     * @return the result
     */
    public <T> Mono<T> call(String provider, String what, Function<RedisClusterAsyncCommands<String, String>, Mono<T>> call) {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(failure(provider, what, "the shared state is closed", null));
            }
            if (down.get()) {
                return Mono.error(failure(provider, what, "it is unavailable", null));
            }
            return connection()
                    .timeout(connectTimeout, Mono.error(() -> new TimeoutException("connect")), Schedulers.parallel())
                    .flatMap(c -> call.apply(connector.commands(c)).timeout(timeout, Schedulers.parallel())
                            .doOnError(RedisReadOnlyException.class, e -> drop(c)))
                    // continue off Lettuce's I/O thread, which must be free to read the other answers
                    .publishOn(Schedulers.parallel())
                    .onErrorMap(e -> !(e instanceof SharedStateException), e -> {
                        markDown(e);
                        return failure(provider, what, e instanceof TimeoutException
                                ? "connect".equals(e.getMessage()) ? "no connection within " + connectTimeout.toMillis() + " ms"
                                : "no answer within " + timeout.toMillis() + " ms" : describe(e), null);
                    });
        });
    }

    /**
     * Runs a script by digest (loading it when Redis does not know it), within the bound.
     *
     * @param provider the provider, for errors
     * @param script the script
     * @param keys its keys
     * @param args its arguments
     * @return the script's string answer
     */
    public Mono<String> script(String provider, Script script, String[] keys, String... args) {
        return call(provider, script.name().toLowerCase(java.util.Locale.ROOT), c ->
                Mono.fromCompletionStage(() -> c.<String>evalsha(script.sha, ScriptOutputType.VALUE, keys, args))
                        .onErrorResume(RedisNoScriptException.class, e ->
                                Mono.fromCompletionStage(() -> c.<String>eval(script.source, ScriptOutputType.VALUE, keys, args))));
    }

    /**
     * Publishes an event to every instance, ignoring failures (events only speed things up).
     *
     * @param provider the provider
     * @param message the event
     * @return completes when published or failed
     */
    public Mono<Void> publish(String provider, String message) {
        return call(provider, "publish", c -> Mono.fromCompletionStage(() -> c.publish(channel, message)))
                .onErrorResume(e -> Mono.empty()).then();
    }

    /** @return the channel events go to */
    public String channel() {
        return channel;
    }

    /**
     * The error for a call that could not be made; names the endpoint, never its credentials.
     *
     * @param provider the provider
     * @param what what was asked
     * @param why why it failed
     * @param cause the cause, or null
     * @return the exception
     */
    public SharedStateException failure(String provider, String what, String why, Throwable cause) {
        return new SharedStateException(ApiError.builder(provider)
                .message("shared state (Redis at " + endpoint + ", policy " + policy + "): " + what + " failed: " + why)
                .build(), cause);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }

    /**
     * Forgets a connection to a node that no longer takes writes (a master a failover demoted): the
     * next call opens a new one, which Lettuce points at the master the sentinels name now.
     */
    private void drop(StatefulConnection<String, String> stale) {
        synchronized (lock) {
            if (connecting != null && connecting.isDone() && !connecting.isCompletedExceptionally() && connecting.join() == stale) {
                connecting = null;
            }
        }
        stale.closeAsync();
    }

    /** Closes the command and events connections; the next call opens new ones. */
    private void forgetConnections() {
        CompletableFuture<? extends StatefulConnection<String, String>> c;
        CompletableFuture<StatefulRedisPubSubConnection<String, String>> p;
        synchronized (lock) {
            c = connecting;
            p = subscribing;
            connecting = null;
            subscribing = null;
        }
        if (c != null) {
            c.thenAccept(StatefulConnection::closeAsync);
        }
        if (p != null) {
            p.thenAccept(StatefulRedisPubSubConnection::closeAsync);
        }
    }

    private Mono<StatefulConnection<String, String>> connection() {
        return Mono.defer(() -> {
            CompletableFuture<? extends StatefulConnection<String, String>> f;
            boolean fresh = false;
            synchronized (lock) {
                if (connecting == null || connecting.isCompletedExceptionally() || connecting.isCancelled()) {
                    // the scripts are loaded with the connection, so that the first reservation is
                    // not the one that pays for compiling them
                    // (on a cluster, SCRIPT LOAD goes to every node; a node that joins later answers
                    // NOSCRIPT once, and the script then runs by EVAL, which loads it there)
                    connecting = connector.connect()
                            .thenCompose(c -> CompletableFuture.allOf(java.util.Arrays.stream(Script.values())
                                            .map(script -> connector.commands(c).scriptLoad(script.source).toCompletableFuture())
                                            .toArray(CompletableFuture[]::new))
                                    .thenApply(loaded -> c));
                    fresh = true;
                }
                f = connecting;
            }
            if (fresh) {
                f.thenRun(this::subscribeEvents);
            }
            return Mono.<StatefulConnection<String, String>>fromFuture(f.thenApply(c -> c), true);
        });
    }

    private void subscribeEvents() {
        CompletableFuture<StatefulRedisPubSubConnection<String, String>> f;
        synchronized (lock) {
            if (closed || subscribing != null && !subscribing.isCompletedExceptionally()) {
                return;
            }
            subscribing = connector.connectPubSub().thenApply(c -> c);
            f = subscribing;
        }
        f.thenAccept(pubsub -> {
            pubsub.reactive().observeChannels().subscribe(m -> events.tryEmitNext(m.getMessage()));
            pubsub.async().subscribe(channel);
        });
    }

    /**
     * Marks Redis down after a failed call: the first failure of an outage logs one warning and
     * starts the probe.
     *
     * @param cause what failed
     */
    public void markDown(Throwable cause) {
        if (closed || !down.compareAndSet(false, true)) {
            return;
        }
        outages.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, () -> "Volga fleet mode: Redis at " + endpoint + " is unavailable ("
                + describe(cause) + "); " + (policy == UnavailablePolicy.FAIL
                ? "requests fail until it answers again"
                : "each instance limits itself to its share of the quota and logs in by itself until it answers again"));
        probe = Mono.defer(() -> connection().timeout(connectTimeout, Schedulers.parallel())
                        .flatMap(c -> connector.writable(connector.commands(c)).timeout(timeout, Schedulers.parallel())
                                .doOnNext(writable -> {
                                    if (!writable) {
                                        drop(c);
                                    }
                                })))
                .onErrorReturn(false)
                .delaySubscription(probeInterval, Schedulers.parallel())
                .repeat()
                .filter(ok -> ok)
                .next()
                .subscribe(ok -> {
                    upSinceMillis = System.currentTimeMillis();
                    down.set(false);
                    subscribeEvents();
                    LOG.log(System.Logger.Level.WARNING, () -> "Volga fleet mode: Redis at " + endpoint
                            + " answers again; the fleet shares its quota and login again");
                });
    }

    /** Closes the connections, and the Lettuce client if this link created it. Does not block. */
    @Override
    public void close() {
        closed = true;
        disconnects.dispose();
        Disposable p = probe;
        if (p != null) {
            p.dispose();
        }
        events.tryEmitComplete();
        sentinelWatches.forEach(StatefulRedisPubSubConnection::closeAsync);
        if (ownsClient) {
            // closes every connection of the client too
            client.shutdownAsync(0, 2, java.util.concurrent.TimeUnit.SECONDS);
            return;
        }
        synchronized (lock) {
            if (connecting != null) {
                connecting.thenAccept(StatefulConnection::closeAsync);
            }
            if (subscribing != null) {
                subscribing.thenAccept(StatefulRedisPubSubConnection::closeAsync);
            }
        }
    }

    @Override
    public String toString() {
        return "RedisLink[" + endpoint + ", prefix=" + prefix + (down.get() ? ", down" : "") + "]";
    }
}
