package dev.volga.redis;

import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feed processors of two replicas in two JVMs ({@link FeedWorker}) on one EnDocs key, one real
 * {@code redis-server} and the {@link EndocsStub}, which the test seeds with new contracts as they
 * arrive: the holder killed with SIGKILL, frozen with SIGSTOP past its lease, every replica
 * restarted, and Redis down under both policies.
 */
@ExtendWith(NoLeaks.class)
class FeedTwoJvmTest {

    private static final int TTL_MS = 1000;
    private static final int POLL_MS = 100;

    /** One line of a replica: {@code <kind> <id or role> <…>}. */
    private record Line(String kind, String[] f) {
        long id() {
            return Long.parseLong(f[1]);
        }

        long pid() {
            return Long.parseLong(f[2]);
        }

        long nanos() {
            return Long.parseLong(f[3]);
        }
    }

    private static List<Line> lines(ChildJvm... replicas) {
        List<Line> out = new ArrayList<>();
        for (ChildJvm r : replicas) {
            for (String s : r.lines()) {
                String[] f = s.split(" ");
                out.add(new Line(f[0], f));
            }
        }
        return out;
    }

    private static Set<Long> ids(List<Line> lines, String kind, Predicate<Line> which) {
        return lines.stream().filter(l -> l.kind().equals(kind) && which.test(l)).map(Line::id).collect(Collectors.toCollection(TreeSet::new));
    }

    private static ChildJvm replica(RedisServer redis, EndocsStub stub, String prefix, UnavailablePolicy policy, int handleMs)
            throws IOException {
        return ChildJvm.startMain("FeedWorker", stub.baseUrl(), stub.token(), redis.uri(), prefix, policy.name(),
                Integer.toString(TTL_MS), Integer.toString(POLL_MS), Integer.toString(handleMs));
    }

    private static void ready(ChildJvm... replicas) throws InterruptedException {
        for (ChildJvm r : replicas) {
            r.await("ready", 60);
        }
    }

    private static List<Long> seed(EndocsStub stub, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(stub.addContract(Map.of("Name", "Договор " + i, "State", "Новый")));
        }
        return ids;
    }

    /** @return the replica whose latest role line says HOLDER */
    private static ChildJvm awaitHolder(int seconds, ChildJvm... replicas) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (ChildJvm r : replicas) {
                List<String> roles = r.lines().stream().filter(s -> s.startsWith("role ")).toList();
                if (r.alive() && !roles.isEmpty() && roles.get(roles.size() - 1).startsWith("role HOLDER")) {
                    return r;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no replica became holder within " + seconds + " s: "
                + java.util.Arrays.stream(replicas).map(r -> String.join("\n", r.lines())).collect(Collectors.joining("\n---\n")));
    }

    private static void awaitDone(java.util.Collection<Long> expected, int seconds, ChildJvm... replicas) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (ids(lines(replicas), "done", l -> true).containsAll(expected)) {
                return;
            }
            Thread.sleep(20);
        }
        Set<Long> missing = new TreeSet<>(expected);
        missing.removeAll(ids(lines(replicas), "done", l -> true));
        throw new AssertionError("not handled within " + seconds + " s: " + missing);
    }

    private static long checkpoint(RedisServer redis, String prefix) throws IOException {
        String keys = redis.command("KEYS", prefix + ":*:checkpoint");
        assertThat(keys).as("one checkpoint key").startsWith("*1");
        return Long.parseLong(redis.command("GET", keys.split("\n")[1]));
    }

    private static long fence(ChildJvm replica) {
        List<String> holder = replica.lines().stream().filter(s -> s.startsWith("role HOLDER")).toList();
        return Long.parseLong(holder.get(holder.size() - 1).split(" ")[2]);
    }

    @Test
    void theHolderKilledMidStreamLosesNothingAndOnlyItsItemsInFlightAreHandledTwice() throws Exception {
        String prefix = "feed-kill";
        try (RedisServer redis = RedisServer.start();
             EndocsStub stub = EndocsStub.start().noQuota();
             ChildJvm a = replica(redis, stub, prefix, UnavailablePolicy.FAIL, 40);
             ChildJvm b = replica(redis, stub, prefix, UnavailablePolicy.FAIL, 40)) {
            ready(a, b);
            List<Long> all = new CopyOnWriteArrayList<>(seed(stub, 10));
            ChildJvm holder = awaitHolder(20, a, b);
            ChildJvm survivor = holder == a ? b : a;
            long killedFence = fence(holder);
            // items keep arriving while the holder works; it dies in the middle of the stream
            Thread seeder = new Thread(() -> {
                for (int i = 0; i < 40; i++) {
                    all.addAll(seed(stub, 1));
                    try {
                        Thread.sleep(25);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            seeder.start();
            while (ids(lines(holder), "done", l -> true).size() < 15) {
                Thread.sleep(5);
            }
            Thread.sleep(20); // half an item: most likely one is in flight
            holder.kill();
            long killedAt = System.nanoTime();
            long checkpointAtKill = checkpoint(redis, prefix);
            seeder.join();
            awaitDone(all, 30, holder, survivor);

            List<Line> dead = lines(holder);
            List<Line> alive = lines(survivor);
            Set<Long> inFlight = ids(dead, "start", l -> l.id() > checkpointAtKill);
            Set<Long> twice = ids(dead, "start", l -> true);
            twice.retainAll(ids(alive, "start", l -> true));
            long takeover = alive.stream().filter(l -> l.kind().equals("start")).mapToLong(Line::nanos).min().orElseThrow() - killedAt;
            System.out.printf("SIGKILL: %d items, killed after %d, %d in flight at the kill %s, %d handled twice %s, first item of the new holder %d ms after the kill%n",
                    all.size(), ids(dead, "done", l -> true).size(), inFlight.size(), inFlight, twice.size(), twice, takeover / 1_000_000);

            assertThat(ids(lines(holder, survivor), "done", l -> true)).as("0 lost").containsAll(all);
            assertThat(twice).as("duplicates only among the items in flight at the kill").isSubsetOf(inFlight);
            assertThat(fence(survivor)).as("the new tenure's fence").isGreaterThan(killedFence);
            assertThat(checkpoint(redis, prefix)).isEqualTo(all.stream().mapToLong(Long::longValue).max().orElseThrow());
        }
    }

    @Test
    void aHolderFrozenPastItsLeaseIsFencedOffAndNoItemIsHandledByBothAtOnce() throws Exception {
        String prefix = "feed-pause";
        try (RedisServer redis = RedisServer.start();
             EndocsStub stub = EndocsStub.start().noQuota();
             ChildJvm a = replica(redis, stub, prefix, UnavailablePolicy.FAIL, 100);
             ChildJvm b = replica(redis, stub, prefix, UnavailablePolicy.FAIL, 100)) {
            ready(a, b);
            List<Long> all = seed(stub, 20);
            ChildJvm holder = awaitHolder(20, a, b);
            ChildJvm other = holder == a ? b : a;
            long frozenFence = fence(holder);
            List<Long> checkpoints = new CopyOnWriteArrayList<>();
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        String v = redis.command("GET", redis.command("KEYS", prefix + ":*:checkpoint").split("\n")[1]);
                        checkpoints.add(Long.parseLong(v));
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    } catch (IOException | RuntimeException e) {
                        // no checkpoint yet
                    }
                }
            });
            sampler.start();
            while (ids(lines(holder), "start", l -> true).size() < 4) {
                Thread.sleep(5);
            }
            holder.signal("STOP");
            // (after the signal and before the next one: the window counted as frozen is at most the real one)
            long stoppedAt = System.nanoTime();
            awaitHolder(20, other);
            // frozen past its TTL, until the other has taken over and done the items it was frozen in
            // the middle of (a handler frozen mid-item finishes it when it wakes: only the checkpoint
            // is fenced, the handler's own effect is at least once)
            Set<Long> frozenInFlight = ids(lines(holder), "start", l -> true);
            frozenInFlight.removeAll(ids(lines(holder), "done", l -> true));
            long frozenItem = frozenInFlight.stream().mapToLong(Long::longValue).max().orElse(0);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() - stoppedAt < TimeUnit.MILLISECONDS.toNanos(2L * TTL_MS)
                    || checkpoints.isEmpty() || checkpoints.get(checkpoints.size() - 1) < frozenItem) {
                assertThat(System.nanoTime()).as("the other replica went past item %d", frozenItem).isLessThan(deadline);
                Thread.sleep(10);
            }
            long continuedAt = System.nanoTime();
            holder.signal("CONT");
            awaitDone(all, 30, holder, other);
            Thread.sleep(3L * POLL_MS);
            sampler.interrupt();
            sampler.join();

            List<Line> woken = lines(holder);
            List<Line> writesAfter = woken.stream().filter(l -> l.kind().equals("write") && Long.parseLong(l.f()[5]) > continuedAt).toList();
            System.out.printf("SIGSTOP: the ex-holder wrote %d checkpoints after it woke, %d refused; %d items it started again after waking%n",
                    writesAfter.size(), writesAfter.stream().filter(l -> l.f()[3].equals("refused")).count(),
                    woken.stream().filter(l -> l.kind().equals("start") && l.nanos() > continuedAt).count());
            assertThat(fence(other)).as("the new tenure's fence").isGreaterThan(frozenFence);
            assertThat(writesAfter).as("no checkpoint write of the woken ex-holder is stored").noneMatch(l -> l.f()[3].equals("ok"));
            for (int i = 1; i < checkpoints.size(); i++) {
                assertThat(checkpoints.get(i)).as("the checkpoint never moves back: %s", checkpoints).isGreaterThanOrEqualTo(checkpoints.get(i - 1));
            }
            assertNoOverlap(lines(holder), lines(other), stoppedAt, continuedAt);
            assertThat(ids(lines(holder, other), "done", l -> true)).containsAll(all);
        }
    }

    /**
     * No id is handled by both replicas at once: the frozen replica's intervals lose the time it was
     * stopped (it ran no code then), the other's are taken as they are.
     */
    private static void assertNoOverlap(List<Line> frozen, List<Line> other, long stoppedAt, long continuedAt) {
        List<long[]> frozenIntervals = intervals(frozen);
        List<long[]> otherIntervals = intervals(other);
        for (long[] f : frozenIntervals) {
            List<long[]> active = new ArrayList<>();
            if (f[2] <= stoppedAt || f[1] >= continuedAt) {
                active.add(f);
            } else {
                active.add(new long[] {f[0], f[1], stoppedAt});
                active.add(new long[] {f[0], continuedAt, f[2]});
            }
            for (long[] o : otherIntervals) {
                for (long[] part : active) {
                    if (o[0] == part[0]) {
                        assertThat(part[2] <= o[1] || o[2] <= part[1])
                                .as("item %d handled by both replicas at once: [%d, %d] and [%d, %d]", o[0], part[1], part[2], o[1], o[2])
                                .isTrue();
                    }
                }
            }
        }
    }

    /** @return {id, start, end} of each delivery (end: done or cancelled; far in the future when neither) */
    private static List<long[]> intervals(List<Line> lines) {
        List<long[]> out = new ArrayList<>();
        Map<Long, List<Line>> dones = lines.stream().filter(l -> l.kind().equals("done") || l.kind().equals("cancel"))
                .collect(Collectors.groupingBy(Line::id));
        for (Line start : lines.stream().filter(l -> l.kind().equals("start")).toList()) {
            long end = dones.getOrDefault(start.id(), List.of()).stream().mapToLong(Line::nanos).filter(n -> n >= start.nanos())
                    .min().orElse(Long.MAX_VALUE);
            out.add(new long[] {start.id(), start.nanos(), end});
        }
        return out;
    }

    @Test
    void restartingEveryReplicaResumesAfterTheCheckpoint() throws Exception {
        String prefix = "feed-restart";
        try (RedisServer redis = RedisServer.start();
             EndocsStub stub = EndocsStub.start().noQuota()) {
            List<Long> first = seed(stub, 10);
            try (ChildJvm a = replica(redis, stub, prefix, UnavailablePolicy.FAIL, 20);
                 ChildJvm b = replica(redis, stub, prefix, UnavailablePolicy.FAIL, 20)) {
                awaitDone(first, 60, a, b);
                a.send("stop");
                b.send("stop");
                a.await("stopped", 20);
                b.await("stopped", 20);
            }
            long stored = checkpoint(redis, prefix);
            assertThat(stored).isEqualTo(first.get(first.size() - 1));
            List<Long> second = seed(stub, 10);
            try (ChildJvm c = replica(redis, stub, prefix, UnavailablePolicy.FAIL, 20);
                 ChildJvm d = replica(redis, stub, prefix, UnavailablePolicy.FAIL, 20)) {
                awaitDone(second, 60, c, d);
                List<Line> after = lines(c, d);
                assertThat(after.stream().filter(l -> l.kind().equals("start")).map(Line::id).toList())
                        .as("only the items after the checkpoint, each once").containsExactlyElementsOf(second);
            }
        }
    }

    @Test
    void redisDownWithFailStopsTheProcessorWithAnErrorTheCallerSees() throws Exception {
        try (RedisServer redis = RedisServer.start();
             EndocsStub stub = EndocsStub.start().noQuota();
             ChildJvm a = replica(redis, stub, "feed-fail", UnavailablePolicy.FAIL, 10)) {
            ready(a);
            awaitDone(seed(stub, 3), 30, a);
            redis.stop();
            String end = a.await("terminated", 20);
            assertThat(end).startsWith("terminated SharedStateException");
        }
    }

    @Test
    void redisDownWithLocalFallbackPausesProcessingAndItResumesWithoutDuplicates() throws Exception {
        String prefix = "feed-fallback";
        try (RedisServer redis = RedisServer.start();
             EndocsStub stub = EndocsStub.start().noQuota();
             ChildJvm a = replica(redis, stub, prefix, UnavailablePolicy.LOCAL_FALLBACK, 10);
             ChildJvm b = replica(redis, stub, prefix, UnavailablePolicy.LOCAL_FALLBACK, 10)) {
            ready(a, b);
            List<Long> before = seed(stub, 5);
            awaitDone(before, 30, a, b);
            // Redis with persistence (a snapshot now): the checkpoint outlives the outage
            assertThat(redis.command("SAVE")).isEqualTo("+OK");
            redis.stop();
            // every replica has noticed once a lease term has passed; items arriving now wait
            Thread.sleep(TTL_MS + 500L);
            long quietFrom = System.nanoTime();
            List<Long> during = seed(stub, 5);
            Thread.sleep(1500);
            assertThat(lines(a, b).stream().filter(l -> l.kind().equals("start") && l.nanos() > quietFrom))
                    .as("nothing handled while Redis is down").isEmpty();
            assertThat(lines(a, b).stream().filter(l -> l.kind().equals("terminated"))).as("no replica gave up").isEmpty();
            redis.startAgain();
            awaitDone(during, 30, a, b);
            List<Long> started = lines(a, b).stream().filter(l -> l.kind().equals("start")).map(Line::id).toList();
            assertThat(started).as("each item once").doesNotHaveDuplicates();
            assertThat(started).containsAll(before).containsAll(during);
        }
    }
}
