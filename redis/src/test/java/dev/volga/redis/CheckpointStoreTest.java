package dev.volga.redis;

import dev.volga.api.LeaseLostException;
import dev.volga.api.SharedStateException;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RedisCluster;
import dev.volga.testkit.RedisServer;
import dev.volga.transport.spi.CheckpointStore;
import dev.volga.transport.spi.Lease;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Redis {@link CheckpointStore} against a real {@code redis-server}: one holder at a time, renewal
 * keeps the fence, a new tenure gets a greater one, stale writes are refused and change nothing,
 * release hands over at once, restarts of Redis with and without persistence, both outage policies,
 * and a Redis Cluster.
 */
@ExtendWith(NoLeaks.class)
class CheckpointStoreTest {

    private static final Duration LONG = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String NAME = "endocs:0123abcd:newContracts";
    private static final String PASSWORD = "lease-pass-do-not-print-17";

    private static RedisSharedState state(String uri, UnavailablePolicy policy) {
        RedisSharedState.Builder b = RedisSharedState.builder(uri).keyPrefix("lease-test").whenUnavailable(policy)
                .commandTimeout(Fleet.TEST_TIMEOUT).probeInterval(Duration.ofMillis(100));
        if (policy == UnavailablePolicy.LOCAL_FALLBACK) {
            b.expectedInstances(2);
        }
        return b.build();
    }

    @Test
    void oneOwnerAtATimeAndRenewalKeepsTheFence() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisSharedState a = state(redis.uri(), UnavailablePolicy.FAIL);
             RedisSharedState b = state(redis.uri(), UnavailablePolicy.FAIL)) {
            Lease first = a.checkpointStore().claim(NAME, "a", Duration.ofSeconds(2)).block(WAIT);
            assertThat(first).isNotNull();
            assertThat(first.owner()).isEqualTo("a");
            assertThat(b.checkpointStore().claim(NAME, "b", LONG).blockOptional(WAIT)).as("held by a").isEmpty();

            String leaseKey = "lease-test:{feed:" + NAME + "}:lease";
            assertThat(redis.command("GET", leaseKey)).isEqualTo("a:" + first.fence());
            Thread.sleep(300);
            long before = Long.parseLong(redis.command("PTTL", leaseKey).substring(1));
            Lease renewed = a.checkpointStore().claim(NAME, "a", Duration.ofSeconds(2)).block(WAIT);
            long after = Long.parseLong(redis.command("PTTL", leaseKey).substring(1));

            assertThat(renewed).isEqualTo(first);
            assertThat(after).as("the renewal reset the TTL").isGreaterThan(before);
            assertThat(b.checkpointStore().claim(NAME, "b", LONG).blockOptional(WAIT)).as("still held by a").isEmpty();
            assertThat(b.checkpointStore().claim(NAME + ":other", "b", LONG).blockOptional(WAIT))
                    .as("another name is another lease").isPresent();
        }
    }

    @Test
    void anExpiredLeaseGoesToANewOwnerWithAGreaterFenceAndTheOldOwnersWritesAreRefused() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisSharedState a = state(redis.uri(), UnavailablePolicy.FAIL);
             RedisSharedState b = state(redis.uri(), UnavailablePolicy.FAIL)) {
            CheckpointStore storeA = a.checkpointStore();
            CheckpointStore storeB = b.checkpointStore();
            Lease old = storeA.claim(NAME, "a", Duration.ofMillis(150)).block(WAIT);
            storeA.write(old, 10).block(WAIT);
            assertThat(storeB.read(NAME).block(WAIT)).isEqualTo(10L);

            // a stops renewing (paused): b takes over once the TTL has passed
            Lease taken = awaitClaim(storeB, "b");
            assertThat(taken.fence()).isGreaterThan(old.fence());
            storeB.write(taken, 11).block(WAIT);

            // a wakes up and writes under its old lease: refused, nothing moves, back or forward
            for (long id : new long[] {9, 12}) {
                assertThatThrownBy(() -> storeA.write(old, id).block(WAIT))
                        .isInstanceOf(LeaseLostException.class)
                        .hasMessageContaining(NAME)
                        .hasMessageContaining("fence " + old.fence());
            }
            // a forged tenure: b's fence under another owner's name, or b's name with an old fence
            assertThatThrownBy(() -> storeA.write(new Lease(NAME, "a", taken.fence(), LONG), 13).block(WAIT))
                    .isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> storeA.write(new Lease(NAME, "b", old.fence(), LONG), 13).block(WAIT))
                    .isInstanceOf(LeaseLostException.class);
            assertThat(storeA.read(NAME).block(WAIT)).isEqualTo(11L);
            assertThat(storeA.claim(NAME, "a", LONG).blockOptional(WAIT)).as("b holds it now").isEmpty();
            // a's release of its old lease leaves b's in place
            storeA.release(old).block(WAIT);
            assertThat(storeA.claim(NAME, "a", LONG).blockOptional(WAIT)).isEmpty();
            storeB.write(taken, 14).block(WAIT);
            assertThat(storeB.read(NAME).block(WAIT)).isEqualTo(14L);
        }
    }

    @Test
    void aReleasedLeaseCanBeClaimedAtOnceAndNothingWasWrittenBeforeTheFirstWrite() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisSharedState a = state(redis.uri(), UnavailablePolicy.FAIL);
             RedisSharedState b = state(redis.uri(), UnavailablePolicy.FAIL)) {
            assertThat(a.checkpointStore().read(NAME).blockOptional(WAIT)).as("never written").isEmpty();
            Lease first = a.checkpointStore().claim(NAME, "a", LONG).block(WAIT);
            a.checkpointStore().release(first).block(WAIT);
            Lease second = b.checkpointStore().claim(NAME, "b", LONG).block(WAIT);
            assertThat(second).as("claimed at once, not after the 30 s TTL").isNotNull();
            assertThat(second.fence()).isGreaterThan(first.fence());
            assertThatThrownBy(() -> a.checkpointStore().write(first, 1).block(WAIT)).isInstanceOf(LeaseLostException.class);
            // released again, then the same owner claims: a new tenure, a new fence
            b.checkpointStore().release(second).block(WAIT);
            b.checkpointStore().release(second).block(WAIT);
            Lease third = b.checkpointStore().claim(NAME, "b", LONG).block(WAIT);
            assertThat(third.fence()).isGreaterThan(second.fence());
            assertThatThrownBy(() -> b.checkpointStore().write(second, 1).block(WAIT)).isInstanceOf(LeaseLostException.class);
            assertThat(b.checkpointStore().read(NAME).blockOptional(WAIT)).isEmpty();
        }
    }

    @Test
    void aRestartOfRedisKeepsWhatItPersistedAndFencesStayAheadWhenItForgotEverything() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisSharedState a = state(redis.uri(), UnavailablePolicy.FAIL);
             RedisSharedState b = state(redis.uri(), UnavailablePolicy.FAIL)) {
            Lease before = a.checkpointStore().claim(NAME, "a", LONG).block(WAIT);
            a.checkpointStore().write(before, 5).block(WAIT);

            // no persistence (the test server's default): the restart forgets the lease, the
            // counter and the checkpoint, yet the next tenure's fence is still greater
            redis.stop();
            redis.startAgain();
            awaitUp(a, b);
            assertThat(b.checkpointStore().read(NAME).blockOptional(WAIT)).as("forgotten").isEmpty();
            Lease after = b.checkpointStore().claim(NAME, "b", LONG).block(WAIT);
            assertThat(after.fence()).isGreaterThan(before.fence());
            assertThatThrownBy(() -> a.checkpointStore().write(before, 6).block(WAIT)).isInstanceOf(LeaseLostException.class);
            b.checkpointStore().write(after, 7).block(WAIT);

            // persisted (an RDB snapshot, as SAVE or AOF would keep it): lease and checkpoint survive
            assertThat(redis.command("SAVE")).isEqualTo("+OK");
            redis.stop();
            redis.startAgain();
            awaitUp(a, b);
            assertThat(a.checkpointStore().read(NAME).block(WAIT)).isEqualTo(7L);
            assertThat(a.checkpointStore().claim(NAME, "a", LONG).blockOptional(WAIT)).as("b's lease survived").isEmpty();
            assertThat(b.checkpointStore().claim(NAME, "b", LONG).block(WAIT)).as("renewed, same fence").isEqualTo(after);
            b.checkpointStore().write(after, 8).block(WAIT);
            assertThat(a.checkpointStore().read(NAME).block(WAIT)).isEqualTo(8L);
        }
    }

    @Test
    void withFailEveryOperationFailsWhileRedisIsDownNamingTheEndpointNotThePassword() throws Exception {
        try (RedisServer redis = RedisServer.start(PASSWORD);
             RedisSharedState a = state(redis.uri(), UnavailablePolicy.FAIL)) {
            CheckpointStore store = a.checkpointStore();
            Lease lease = store.claim(NAME, "a", LONG).block(WAIT);
            store.write(lease, 3).block(WAIT);
            redis.stop();

            List<Runnable> operations = List.of(
                    () -> store.claim(NAME, "a", LONG).block(WAIT),
                    () -> store.write(lease, 4).block(WAIT),
                    () -> store.read(NAME).block(WAIT),
                    () -> store.release(lease).block(WAIT));
            for (Runnable op : operations) {
                assertThatThrownBy(op::run)
                        .isInstanceOf(SharedStateException.class)
                        .hasMessageContaining("redis://127.0.0.1:" + redis.port() + "/0")
                        .hasMessageContaining("FAIL")
                        .hasMessageNotContaining(PASSWORD)
                        .satisfies(e -> assertThat(((SharedStateException) e).provider()).isEqualTo("endocs"));
            }
            assertThat(a.unavailable()).isTrue();
            assertThat(a.toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void withLocalFallbackNobodyHoldsTheLeaseWhileRedisIsDownAndProcessingResumesAfter() throws Exception {
        try (RedisServer redis = RedisServer.start();
             RedisSharedState a = state(redis.uri(), UnavailablePolicy.LOCAL_FALLBACK);
             RedisSharedState b = state(redis.uri(), UnavailablePolicy.LOCAL_FALLBACK)) {
            Lease lease = a.checkpointStore().claim(NAME, "a", LONG).block(WAIT);
            a.checkpointStore().write(lease, 20).block(WAIT);
            assertThat(redis.command("SAVE")).isEqualTo("+OK");
            redis.stop();

            for (RedisSharedState s : List.of(a, b)) {
                String owner = s == a ? "a" : "b";
                assertThat(s.checkpointStore().claim(NAME, owner, LONG).blockOptional(WAIT))
                        .as("no local lease: %s stands by", owner).isEmpty();
                assertThatThrownBy(() -> s.checkpointStore().write(lease, 21).block(WAIT))
                        .isInstanceOf(LeaseLostException.class).hasMessageContaining("LOCAL_FALLBACK")
                        .hasMessageContaining("checkpoint 21 was not stored");
                assertThatThrownBy(() -> s.checkpointStore().read(NAME).block(WAIT)).isInstanceOf(LeaseLostException.class);
                s.checkpointStore().release(lease).block(WAIT);
                assertThat(s.unavailable()).isTrue();
            }

            redis.startAgain();
            awaitUp(a, b);
            assertThat(b.checkpointStore().read(NAME).block(WAIT)).as("nothing written while down").isEqualTo(20L);
            assertThat(b.checkpointStore().claim(NAME, "b", LONG).blockOptional(WAIT)).as("a's lease survived").isEmpty();
            assertThat(a.checkpointStore().claim(NAME, "a", LONG).block(WAIT)).as("a resumes its tenure").isEqualTo(lease);
            a.checkpointStore().write(lease, 21).block(WAIT);
            assertThat(b.checkpointStore().read(NAME).block(WAIT)).isEqualTo(21L);
        }
    }

    /** A bad call and the exception every store must answer it with, before any I/O. */
    private record Bad(String what, java.util.function.Function<CheckpointStore, Object> call,
                       Class<? extends RuntimeException> type, String message) {
    }

    @Test
    void everyStoreRefusesTheSameBadArgumentsWithTheSameErrorBeforeAnyIo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String tooLong = "x".repeat(CheckpointStore.MAX_NAME_LENGTH + 1);
        String nameRule = "name must be 1..512 characters without control characters";
        String ownerRule = "owner must be 1..512 characters without control characters";
        List<Bad> cases = List.of(
                new Bad("null name", s -> s.claim(null, "a", LONG), NullPointerException.class, "name"),
                new Bad("null owner", s -> s.claim(NAME, null, LONG), NullPointerException.class, "owner"),
                new Bad("null ttl", s -> s.claim(NAME, "a", null), NullPointerException.class, "ttl"),
                new Bad("empty name", s -> s.claim("", "a", LONG), IllegalArgumentException.class, nameRule),
                new Bad("long name", s -> s.claim(tooLong, "a", LONG), IllegalArgumentException.class, nameRule),
                new Bad("control in name", s -> s.claim("feed\u0000x", "a", LONG), IllegalArgumentException.class, nameRule),
                new Bad("empty owner", s -> s.claim(NAME, "", LONG), IllegalArgumentException.class, ownerRule),
                new Bad("control in owner", s -> s.claim(NAME, "a\nb", LONG), IllegalArgumentException.class, ownerRule),
                new Bad("sub-ms ttl", s -> s.claim(NAME, "a", Duration.ofNanos(10)), IllegalArgumentException.class,
                        "ttl must be at least 1 ms, was PT0.00000001S"),
                new Bad("zero ttl", s -> s.claim(NAME, "a", Duration.ZERO), IllegalArgumentException.class,
                        "ttl must be at least 1 ms, was PT0S"),
                new Bad("negative ttl", s -> s.claim(NAME, "a", Duration.ofSeconds(-1)), IllegalArgumentException.class,
                        "ttl must be at least 1 ms, was PT-1S"),
                new Bad("null read", s -> s.read(null), NullPointerException.class, "name"),
                new Bad("long read", s -> s.read(tooLong), IllegalArgumentException.class, nameRule),
                new Bad("control in read", s -> s.read("feed\rx"), IllegalArgumentException.class, nameRule),
                new Bad("null release", s -> s.release(null), NullPointerException.class, "lease"),
                new Bad("null write", s -> s.write(null, 1), NullPointerException.class, "lease"),
                new Bad("bad lease", s -> s.write(new Lease(NAME, "a\tb", 1, LONG), 1), IllegalArgumentException.class, ownerRule));
        try (RedisServer redis = RedisServer.start(); RedisSharedState fleet = state(redis.uri(), UnavailablePolicy.FAIL)) {
            Map<String, CheckpointStore> stores = new java.util.LinkedHashMap<>();
            stores.put("memory", CheckpointStore.memory());
            stores.put("file", CheckpointStore.file(dir.resolve("feeds")));
            stores.put("redis", fleet.checkpointStore());
            for (Bad bad : cases) {
                for (Map.Entry<String, CheckpointStore> store : stores.entrySet()) {
                    assertThatThrownBy(() -> bad.call().apply(store.getValue()))
                            .as(bad.what() + " on the " + store.getKey() + " store")
                            .isExactlyInstanceOf(bad.type()).hasMessage(bad.message());
                }
            }
            assertThat(redis.command("DBSIZE")).as("nothing reached Redis").isEqualTo(":0");
            assertThat(dir.resolve("feeds")).as("nothing reached the directory").satisfiesAnyOf(
                    d -> assertThat(d).doesNotExist(), d -> assertThat(d).isEmptyDirectory());
        }
    }

    @Test
    void onARedisClusterTheLeaseFenceAndCheckpointOfANameLiveOnOneSlot() throws Exception {
        try (Warnings warnings = new Warnings();
             RedisCluster cluster = RedisCluster.start(3);
             RedisSharedState a = RedisSharedState.clusterBuilder("redis://127.0.0.1:" + cluster.nodes().get(0).port())
                     .keyPrefix("lease-test").commandTimeout(Fleet.TEST_TIMEOUT).connectTimeout(Fleet.TEST_TIMEOUT).build();
             RedisSharedState b = RedisSharedState.clusterBuilder("redis://127.0.0.1:" + cluster.nodes().get(2).port())
                     .keyPrefix("lease-test").commandTimeout(Fleet.TEST_TIMEOUT).connectTimeout(Fleet.TEST_TIMEOUT).build()) {
            // names whose tags fall on different slots, so the scripts run on different masters
            List<String> names = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                names.add("endocs:cluster" + i + ":newContracts");
            }
            for (String name : names) {
                Lease lease = a.checkpointStore().claim(name, "a", LONG).block(WAIT);
                assertThat(b.checkpointStore().claim(name, "b", LONG).blockOptional(WAIT)).isEmpty();
                a.checkpointStore().write(lease, 100).block(WAIT);
                assertThat(b.checkpointStore().read(name).block(WAIT)).isEqualTo(100L);
                a.checkpointStore().release(lease).block(WAIT);
                Lease taken = b.checkpointStore().claim(name, "b", LONG).block(WAIT);
                assertThat(taken.fence()).isGreaterThan(lease.fence());
                assertThatThrownBy(() -> a.checkpointStore().write(lease, 99).block(WAIT)).isInstanceOf(LeaseLostException.class);
                b.checkpointStore().write(taken, 101).block(WAIT);
            }
            int nodesUsed = 0;
            for (RedisServer node : cluster.nodes()) {
                String keys = node.command("KEYS", "lease-test:*");
                int count = Integer.parseInt(keys.substring(1, keys.indexOf('\n') < 0 ? keys.length() : keys.indexOf('\n')));
                assertThat(count % 3).as("each name's three keys on one node: %s", keys).isZero();
                nodesUsed += count > 0 ? 1 : 0;
            }
            assertThat(nodesUsed).as("the names spread over the masters").isGreaterThan(1);
            assertThat(warnings.outages()).as("no CROSSSLOT, MOVED or timeout").isEmpty();
            for (String name : names) {
                assertThat(a.checkpointStore().read(name).block(WAIT)).isEqualTo(101L);
            }
        }
    }

    private static Lease awaitClaim(CheckpointStore store, String owner) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Lease lease = store.claim(NAME, owner, LONG).block(WAIT);
            if (lease != null) {
                return lease;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(owner + " never got the lease");
    }

    private static void awaitUp(RedisSharedState... states) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (RedisSharedState s : states) {
            // the restart dropped the connection; the next call (or the probe) finds Redis back
            while (true) {
                try {
                    s.checkpointStore().read("probe").blockOptional(WAIT);
                    if (!s.unavailable()) {
                        break;
                    }
                } catch (RuntimeException e) {
                    // still down
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Redis did not come back for " + s);
                }
                Thread.sleep(50);
            }
        }
    }
}
