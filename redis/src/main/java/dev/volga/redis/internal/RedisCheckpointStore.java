package dev.volga.redis.internal;

import dev.volga.api.ApiError;
import dev.volga.api.LeaseLostException;
import dev.volga.api.SharedStateException;
import dev.volga.redis.UnavailablePolicy;
import dev.volga.transport.spi.CheckpointStore;
import dev.volga.transport.spi.Lease;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Objects;

/**
 * Feed processors' leases and checkpoints in Redis, on fleet mode's link (its connection, key
 * prefix, command timeout and outage policy). Per name, three keys under one hash tag
 * ({@code <prefix>:{feed:<name>}:lease|fence|checkpoint}, one Redis Cluster slot): the lease
 * ({@code "<owner>:<fence>"} with the TTL as {@code PX}), the fence counter and the checkpoint (the id
 * as decimal text; neither expires). Claim, write and release are one Lua script each
 * ({@code claim.lua}, {@code checkpoint.lua}, {@code unlease.lua}), so a check and its change are
 * atomic on the server.
 *
 * <p>While Redis is unavailable: under {@link UnavailablePolicy#FAIL} every operation fails with a
 * {@link SharedStateException} that names the endpoint. Under {@link UnavailablePolicy#LOCAL_FALLBACK}
 * there is no local lease (it could not exclude the other replicas): the store answers as if another
 * replica held the lease, {@link #claim} empty (stand by), {@link #write} and {@link #read} fail with
 * {@link LeaseLostException}, {@link #release} completes, so processing pauses and resumes when
 * Redis answers again.
 *
 * <p>Errors carry as provider the part of the name before its first {@code ':'} when that is a
 * lower-case word (names start with the provider, e.g. {@code endocs:…}), else {@code "volga"}.
 */
public final class RedisCheckpointStore implements CheckpointStore {

    private final RedisLink link;

    /**
     * @param link fleet mode's Redis link
     */
    public RedisCheckpointStore(RedisLink link) {
        this.link = Objects.requireNonNull(link, "link");
    }

    @Override
    public Mono<Lease> claim(String name, String owner, Duration ttl) {
        CheckpointStore.checkClaim(name, owner, ttl);
        String base = Keys.feed(link.prefix(), name);
        Mono<Lease> claim = Mono.defer(() -> link.script(provider(name), RedisLink.Script.CLAIM,
                        new String[] {base + ":lease", base + ":fence"}, owner, Long.toString(ttl.toMillis())))
                .map(fence -> new Lease(name, owner, Long.parseLong(fence), ttl));
        return whileDown(claim, Mono.empty());
    }

    @Override
    public Mono<Void> release(Lease lease) {
        Objects.requireNonNull(lease, "lease");
        String base = Keys.feed(link.prefix(), lease.name());
        Mono<Void> release = Mono.defer(() -> link.script(provider(lease.name()), RedisLink.Script.UNLEASE,
                new String[] {base + ":lease"}, tenure(lease))).then();
        // a lease nobody can renew while Redis is down expires by itself
        return whileDown(release, Mono.empty());
    }

    @Override
    public Mono<Long> read(String name) {
        CheckpointStore.checkName(name);
        String key = Keys.feed(link.prefix(), name) + ":checkpoint";
        Mono<Long> read = Mono.defer(() -> link.call(provider(name), "checkpoint read",
                        c -> Mono.fromCompletionStage(() -> c.get(key))))
                .map(Long::parseLong);
        return whileDown(read, Mono.error(() -> lost(name, "Redis at " + link.endpoint()
                + " is unavailable (policy LOCAL_FALLBACK): no checkpoint can be read until it answers again")));
    }

    @Override
    public Mono<Void> write(Lease lease, long id) {
        Objects.requireNonNull(lease, "lease");
        String base = Keys.feed(link.prefix(), lease.name());
        Mono<Void> write = Mono.defer(() -> link.script(provider(lease.name()), RedisLink.Script.CHECKPOINT,
                        new String[] {base + ":lease", base + ":checkpoint"}, tenure(lease), Long.toString(id)))
                .flatMap(stored -> "1".equals(stored) ? Mono.<Void>empty()
                        : Mono.error(lost(lease.name(), "the lease of fence " + lease.fence() + " is no longer the current "
                                + "tenure (it expired or another owner took it over): checkpoint " + id + " was not stored")));
        return whileDown(write, Mono.error(() -> lost(lease.name(), "Redis at " + link.endpoint()
                + " is unavailable (policy LOCAL_FALLBACK): a lease cannot be held without it, checkpoint " + id
                + " was not stored")));
    }

    /**
     * Under {@link UnavailablePolicy#LOCAL_FALLBACK}, what to answer instead of an operation while Redis
     * is down (also when the operation itself found it down); under {@code FAIL}, the operation's own
     * {@link SharedStateException}.
     */
    private <T> Mono<T> whileDown(Mono<T> operation, Mono<T> fallback) {
        if (link.policy() != UnavailablePolicy.LOCAL_FALLBACK) {
            return operation;
        }
        return Mono.defer(() -> link.isDown() ? fallback : operation.onErrorResume(SharedStateException.class, e -> fallback));
    }

    private static String tenure(Lease lease) {
        return lease.owner() + ":" + lease.fence();
    }

    private LeaseLostException lost(String name, String why) {
        return new LeaseLostException(ApiError.builder(provider(name)).message("lease '" + name + "': " + why).build(), null);
    }

    private static String provider(String name) {
        int colon = name.indexOf(':');
        return colon > 0 && name.substring(0, colon).matches("[a-z][a-z0-9-]*") ? name.substring(0, colon) : "volga";
    }

    @Override
    public String toString() {
        return "RedisCheckpointStore[" + link.endpoint() + ", prefix=" + link.prefix() + ", " + link.policy() + "]";
    }
}
