package dev.volga.benchmarks;

import dev.volga.api.Secret;
import dev.volga.endocs.model.Contract;
import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.FeedHandler;
import dev.volga.endocs.FeedProcessor;
import dev.volga.endocs.ProcessorOptions;
import dev.volga.redis.RedisSharedState;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.endocs.EndocsStub;
import reactor.core.publisher.Mono;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Feed processors in fleet mode (issue 20), against a real {@code redis-server} and the EnDocs stub
 * with its quota of 300 requests per minute:
 * <ol>
 *   <li>items per second of one feed (new contracts): a backlog with a no-op handler, and a handler
 *       that makes one EnDocs call per item (the 1C write-back), which the quota bounds;</li>
 *   <li>quota spent by standby replicas: two standbys of the same key talk to a second stub with
 *       the same token, so every request they send is counted there (target 0);</li>
 *   <li>takeover after SIGKILL: two replicas in their own JVMs ({@link FeedReplica}), the holder
 *       killed 10 times while items arrive; the time until the survivor holds the lease and until it
 *       has handled its first item, p50 and max; items lost and handled twice.</li>
 * </ol>
 * Prints one Markdown table. Arguments: {@code backlog=<n> calls=<n> kills=<n>} (defaults 2000, 100, 10;
 * {@code backlog=0} or {@code kills=0} leaves that part out).
 */
public final class FeedBench {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long KILL_TTL_MS = 2000;
    private static final long KILL_POLL_MS = 200;

    private FeedBench() {
    }

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        Map<String, Integer> opts = new HashMap<>(Map.of("backlog", 2000, "calls", 100, "kills", 10));
        for (String a : args) {
            String[] kv = a.split("=", 2);
            opts.put(kv[0], Integer.parseInt(kv[1]));
        }
        List<String> rows = new ArrayList<>();
        try (RedisServer redis = RedisServer.start()) {
            if (opts.get("backlog") > 0) {
                rows.addAll(throughput(redis, opts.get("backlog"), opts.get("calls")));
            }
            if (opts.get("kills") > 0) {
                rows.addAll(takeover(redis, opts.get("kills")));
            }
        }
        System.out.println("| measure | figure | target |");
        System.out.println("| --- | --- | --- |");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static EndocsClient client(EndocsStub stub, RedisSharedState state) {
        return EndocsClient.builder().baseUrl(stub.baseUrl()).token(Secret.of("token", stub.token())).sharedState(state).build();
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not within " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(2);
        }
    }

    private static long seed(EndocsStub stub, int n) {
        long last = 0;
        for (int i = 0; i < n; i++) {
            last = stub.addContract(Map.of("Name", "Договор " + i, "State", "Новый"));
        }
        return last;
    }

    private static List<String> throughput(RedisServer redis, int backlog, int calls) throws Exception {
        // the holder's stub and the standbys' stub: one token, so one key and one lease name
        try (EndocsStub holderStub = EndocsStub.start();
             EndocsStub standbyStub = EndocsStub.start(holderStub.token())) {
            List<RedisSharedState> states = new ArrayList<>();
            List<EndocsClient> clients = new ArrayList<>();
            List<FeedProcessor> processors = new ArrayList<>();
            java.util.concurrent.atomic.AtomicReference<FeedHandler<Contract>> handler = new java.util.concurrent.atomic.AtomicReference<>(d -> Mono.empty());
            try {
                ProcessorOptions options = ProcessorOptions.defaults().pollInterval(Duration.ofSeconds(1));
                for (int i = 0; i < 3; i++) {
                    states.add(RedisSharedState.builder(redis.uri()).keyPrefix("bench-feed-rate").build());
                    clients.add(client(i == 0 ? holderStub : standbyStub, states.get(i)));
                    processors.add(clients.get(i).feeds().newContracts().process(d -> handler.get().handle(d), options));
                    FeedProcessor p = processors.get(i);
                    FeedProcessor.Role expected = i == 0 ? FeedProcessor.Role.HOLDER : FeedProcessor.Role.STANDBY;
                    await(() -> p.status().role() == expected, WAIT, "replica " + i + " " + expected);
                }
                FeedProcessor holder = processors.get(0);
                long standbyStart = System.nanoTime();

                long requestsBefore = holderStub.journal().size();
                long t0 = System.nanoTime();
                long last = seed(holderStub, backlog);
                await(() -> holder.status().lastCheckpoint().orElse(0) >= last, Duration.ofMinutes(2), "the backlog");
                double backlogSeconds = (System.nanoTime() - t0) / 1e9;
                long backlogRequests = holderStub.journal().size() - requestsBefore;

                // one EnDocs call per item through the same client and limiter: the quota decides
                handler.set(d -> clients.get(0).account().info().then());
                Thread.sleep(12_000); // let the stub's minute window of the backlog's polls drain partly
                requestsBefore = holderStub.journal().size();
                int tooManyBefore = holderStub.tooManyRequestsSent();
                t0 = System.nanoTime();
                long lastCall = seed(holderStub, calls);
                await(() -> holder.status().lastCheckpoint().orElse(0) >= lastCall, Duration.ofMinutes(5), "the items with calls");
                double callSeconds = (System.nanoTime() - t0) / 1e9;
                long callRequests = holderStub.journal().size() - requestsBefore;
                double standbySeconds = (System.nanoTime() - standbyStart) / 1e9;

                return List.of(
                        String.format("| feed throughput, backlog of %,d new contracts, no-op handler (poll 1 s, checkpoint per item) | %,.0f items/s (%.2f s, %d requests to EnDocs) | — |",
                                backlog, backlog / backlogSeconds, backlogSeconds, backlogRequests),
                        String.format("| feed throughput, one EnDocs call per item, quota 300/min (%d items) | %.2f items/s (%.1f s, %d requests incl. polls, %d × 429) | ≤ 5 items/s, 0 × 429 |",
                                calls, calls / callSeconds, callSeconds, callRequests, holderStub.tooManyRequestsSent() - tooManyBefore),
                        String.format("| quota spent by 2 standby replicas over %.0f s (lease TTL 30 s) | %d requests | 0 |",
                                standbySeconds, standbyStub.journal().size()));
            } finally {
                for (FeedProcessor p : processors) {
                    p.stop().block(WAIT);
                }
                clients.forEach(EndocsClient::close);
                states.forEach(RedisSharedState::close);
            }
        }
    }

    /** A {@link FeedReplica} in its own JVM. */
    private static final class Replica implements AutoCloseable {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();

        Replica(EndocsStub stub, RedisServer redis) throws IOException {
            String modulePath = System.getProperty("jdk.module.path");
            List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx128m",
                    "-p", modulePath, "--add-modules", "ALL-MODULE-PATH",
                    "-m", "dev.volga.benchmarks/dev.volga.benchmarks.FeedReplica",
                    stub.baseUrl(), stub.token(), redis.uri(), Long.toString(KILL_TTL_MS), Long.toString(KILL_POLL_MS));
            process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = r.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException ended) {
                    // killed
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        String role() {
            String role = "";
            for (String l : lines) {
                if (l.startsWith("role ")) {
                    role = l.split(" ")[1];
                }
            }
            return role;
        }

        /** @return the time of the first line starting with {@code prefix} printed after {@code after} */
        long firstAfter(String prefix, long after) {
            for (String l : lines) {
                if (l.startsWith(prefix)) {
                    long t = Long.parseLong(l.substring(l.lastIndexOf(' ') + 1));
                    if (t > after) {
                        return t;
                    }
                }
            }
            return -1;
        }

        Set<Long> done() {
            Set<Long> ids = new TreeSet<>();
            lines.stream().filter(l -> l.startsWith("done ")).forEach(l -> ids.add(Long.parseLong(l.split(" ")[1])));
            return ids;
        }

        long doneCount() {
            return lines.stream().filter(l -> l.startsWith("done ")).count();
        }

        @Override
        public void close() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static List<String> takeover(RedisServer redis, int kills) throws Exception {
        List<Replica> all = new ArrayList<>();
        long[] leaseTaken = new long[kills];
        long[] firstItem = new long[kills];
        try (EndocsStub stub = EndocsStub.start().noQuota()) {
            List<Replica> live = new ArrayList<>(List.of(new Replica(stub, redis), new Replica(stub, redis)));
            all.addAll(live);
            Set<Long> seeded = new TreeSet<>();
            Thread seeder = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    synchronized (seeded) {
                        seeded.add(seed(stub, 1));
                    }
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            seeder.start();
            for (int k = 0; k < kills; k++) {
                await(() -> live.stream().filter(r -> r.role().equals("HOLDER")).count() == 1
                        && live.stream().filter(r -> r.role().equals("STANDBY")).count() == 1, Duration.ofSeconds(60),
                        "one holder, one standby in round " + k + ": " + live.stream().map(r -> r.lines.subList(Math.max(0, r.lines.size() - 5), r.lines.size()).toString()).toList());
                Replica holder = live.stream().filter(r -> r.role().equals("HOLDER")).findFirst().orElseThrow();
                Replica survivor = live.get(live.get(0) == holder ? 1 : 0);
                long before = survivor.doneCount();
                // mid-stream: the holder has handled a few items of this round
                await(() -> holder.doneCount() > 0 && holder.lines.size() > 3, WAIT, "the holder working");
                Thread.sleep(300);
                long killedAt = System.nanoTime();
                holder.close();
                await(() -> survivor.firstAfter("role HOLDER", killedAt) > 0 && survivor.doneCount() > before
                        && survivor.firstAfter("done ", killedAt) > 0, WAIT, "takeover " + k);
                leaseTaken[k] = survivor.firstAfter("role HOLDER", killedAt) - killedAt;
                firstItem[k] = survivor.firstAfter("done ", killedAt) - killedAt;
                live.remove(holder);
                Replica fresh = new Replica(stub, redis);
                all.add(fresh);
                live.add(fresh);
            }
            seeder.interrupt();
            seeder.join();
            Set<Long> expected;
            synchronized (seeded) {
                expected = new TreeSet<>(seeded);
            }
            Replica last = live.stream().filter(r -> r.role().equals("HOLDER")).findFirst().orElse(live.get(0));
            long lastId = expected.stream().mapToLong(Long::longValue).max().orElseThrow();
            await(() -> last.done().contains(lastId) || all.stream().anyMatch(r -> r.done().contains(lastId)), WAIT, "the last item");
            Set<Long> handled = new TreeSet<>();
            long deliveries = 0;
            for (Replica r : all) {
                handled.addAll(r.done());
                deliveries += r.doneCount();
            }
            Set<Long> lost = new TreeSet<>(expected);
            lost.removeAll(handled);
            Arrays.sort(leaseTaken);
            Arrays.sort(firstItem);
            return List.of(
                    String.format("| takeover after SIGKILL of the holder, %d kills (TTL %d ms, poll %d ms, 2 JVMs): lease held by the survivor, p50 / max | %d ms / %d ms | ≤ TTL + poll = %d ms |",
                            kills, KILL_TTL_MS, KILL_POLL_MS, leaseTaken[kills / 2] / 1_000_000, leaseTaken[kills - 1] / 1_000_000, KILL_TTL_MS + KILL_POLL_MS),
                    String.format("| … first item handled by the survivor after the kill, p50 / max | %d ms / %d ms | — |",
                            firstItem[kills / 2] / 1_000_000, firstItem[kills - 1] / 1_000_000),
                    String.format("| … items arriving every 50 ms: seeded / lost / handled twice | %,d / %d / %d | 0 lost |",
                            expected.size(), lost.size(), deliveries - handled.size()));
        } finally {
            for (Replica r : all) {
                r.close();
            }
        }
    }
}
