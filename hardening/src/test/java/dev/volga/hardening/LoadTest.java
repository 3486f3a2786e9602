package dev.volga.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.ApiException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.TransportException;
import dev.volga.clodo.model.NewTicket;
import dev.volga.nodul.model.Feature;
import dev.volga.nodul.model.FeatureAlias;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.Faults;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.PoolProbe;
import io.netty.util.ResourceLeakDetector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Issue #8's load run: 50,000 requests, 512 at a time, through one client of each provider on one
 * shared transport (one connection pool), against the three stubs with about 1% of requests
 * faulted at random (every fault kind of the testkit, drawn from a seeded source, so a run can be
 * repeated). Mostly listings, one in ten a create.
 *
 * <p>Asserted: every request ends (the run is bounded), as a success or as a typed
 * {@link ApiException}, never anything else, and the counts add up to 50,000; afterwards the pool
 * has nothing lent out and the paranoid leak detector reported no buffer; the used heap after GC
 * at the end is within a modest margin of the used heap after GC after the first 5,000 requests
 * (the warm-up), both measured with the stubs' journals cleared. Figures go to stdout and
 * {@code target/load.md}.
 */
@ExtendWith(NoLeaks.class)
class LoadTest {

    static final int REQUESTS = 50_000;
    static final int WARM_UP = 5_000;
    static final int CONCURRENCY = 512;
    static final double FAULT_RATE = 0.01;
    static final long SEED = 0x5EED_2026L;
    /** How much the used heap may grow from the warm-up to the end (the stubs keep what was created). */
    static final long HEAP_MARGIN = 16L * 1024 * 1024;
    /** The leak detector's level during the run; the rest of the suite runs at paranoid. */
    static final ResourceLeakDetector.Level LOAD_LEAK_LEVEL = ResourceLeakDetector.Level.ADVANCED;
    /**
     * Longer than the fault matrix's: at 512 at a time on a busy 2-core machine an answer can take
     * seconds, and each time-out would be retried (more load, more time-outs). The latency and
     * slow-body faults still go beyond it.
     */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    static final Duration BEYOND_TIMEOUT = Duration.ofSeconds(6);
    /** No request may take the run past this. */
    static final Duration BOUND = Duration.ofMinutes(4);

    /** The outcomes of a run. */
    static final class Tally {
        final LongAdder successes = new LongAdder();
        final Map<String, LongAdder> typedErrors = new ConcurrentHashMap<>();
        final List<Throwable> others = new ArrayList<>();
        final AtomicInteger othersCount = new AtomicInteger();

        void success() {
            successes.increment();
        }

        void failure(Throwable e) {
            if (e instanceof ApiException api) {
                typedErrors.computeIfAbsent(key(api), k -> new LongAdder()).increment();
            } else {
                othersCount.incrementAndGet();
                synchronized (others) {
                    if (others.size() < 10) {
                        others.add(e);
                    }
                }
            }
        }

        long typed() {
            return typedErrors.values().stream().mapToLong(LongAdder::sum).sum();
        }

        long total() {
            return successes.sum() + typed() + othersCount.get();
        }

        private static String key(ApiException e) {
            String name = e.error().provider() + ": " + e.getClass().getSimpleName();
            if (e instanceof TransportException t) {
                return name + " " + t.kind() + (t.requestSent() ? " sent" : " not sent");
            }
            if (e instanceof RateLimitedException r) {
                return name + " " + r.source();
            }
            return name + " HTTP " + e.httpStatus();
        }
    }

    @Test
    void fiftyThousandRequestsWithOnePercentFaultsAreAllAccountedForWithoutLeaks() {
        Tally tally = new Tally();
        String report;
        ResourceLeakDetector.Level level = ResourceLeakDetector.getLevel();
        // paranoid tracking records a stack trace for every buffer: about 3 ms of CPU per request here,
        // three times the run's budget; advanced samples one buffer in 128 with the same access records
        ResourceLeakDetector.setLevel(LOAD_LEAK_LEVEL);
        try (Cluster cluster = Cluster.start(256, RESPONSE_TIMEOUT)) {
            cluster.providers().forEach(Cluster.Provider::warmUp);
            SplittableRandom plan = new SplittableRandom(SEED);
            List<Faults.Injection> injections = injectRandomFaults(cluster, SEED);

            long start = System.nanoTime();
            Duration cpuStart = cpu();
            run(cluster, plan, 0, WARM_UP, tally);
            long warmUpNanos = System.nanoTime() - start;
            int warmUpHits = hits(injections);
            clearJournals(cluster);
            cluster.probe().awaitIdle(Duration.ofSeconds(10));
            long heapAfterWarmUp = usedHeapAfterGc();

            long mainStart = System.nanoTime();
            injections = injectRandomFaults(cluster, SEED + 1);
            run(cluster, plan, WARM_UP, REQUESTS, tally);
            long mainNanos = System.nanoTime() - mainStart;
            Duration cpuUsed = cpu().minus(cpuStart);
            int mainHits = hits(injections);
            clearJournals(cluster);
            PoolProbe.Snapshot idle = cluster.probe().awaitIdle(Duration.ofSeconds(10));
            long heapAtEnd = usedHeapAfterGc();

            report = report(tally, warmUpNanos, mainNanos, cpuUsed, warmUpHits + mainHits, heapAfterWarmUp, heapAtEnd, idle);
            System.out.println(report);
            Reports.write("load.md", report);

            assertThat(tally.others).as("requests that ended with an untyped exception\n" + report).isEmpty();
            assertThat(tally.total()).as("every request accounted for").isEqualTo(REQUESTS);
            assertThat(tally.successes.sum() + tally.typed()).isEqualTo(REQUESTS);
            assertThat(warmUpHits + mainHits).as("faults were injected: about 1% of the requests the stubs saw")
                    .isGreaterThan(REQUESTS / 200);
            assertThat(tally.typed()).as("some faults surfaced as typed errors").isPositive();
            assertThat(idle.acquired()).as("connections still lent out").isZero();
            assertThat(heapAtEnd).as("used heap after GC at the end vs after the warm-up\n" + report)
                    .isLessThanOrEqualTo(heapAfterWarmUp + HEAP_MARGIN);
        } finally {
            ResourceLeakDetector.setLevel(level);
        }
        NoLeaks.assertNoLeaks("the load run");
    }

    /** Requests {@code from} to {@code to} of the plan, {@link #CONCURRENCY} at a time. */
    private static void run(Cluster cluster, SplittableRandom plan, int from, int to, Tally tally) {
        List<Mono<?>> calls = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            calls.add(call(cluster, i, plan.nextInt(3), plan.nextInt(10) == 0));
        }
        Flux.fromIterable(calls)
                .flatMap(call -> call.doOnSuccess(v -> tally.success()).then()
                        .onErrorResume(e -> {
                            tally.failure(e);
                            return Mono.empty();
                        }), CONCURRENCY)
                .then()
                .block(BOUND);
    }

    /** One call: a listing that does not grow with the load, or a create. */
    private static Mono<?> call(Cluster cluster, int i, int provider, boolean write) {
        return switch (provider) {
            case 0 -> write
                    ? cluster.nodul().plans().create("load-" + i, List.of(Feature.of(FeatureAlias.REGULAR_MICROCREDITS, 1L)))
                    : cluster.nodul().quotas().list().collectList();
            case 1 -> write ? Cluster.upsert(cluster.endocs(), "Договор " + i) : cluster.endocs().account().info();
            default -> write
                    ? cluster.clodo().helpdesk().open(new NewTicket(1, "Нагрузка " + i, "Проверка", 0, 0))
                    : cluster.clodo().servers().list().collectList();
        };
    }

    /** Every fault kind of the testkit on every endpoint of every stub, together about 1% of requests. */
    private static List<Faults.Injection> injectRandomFaults(Cluster cluster, long seed) {
        List<FaultRule> kinds = List.of(
                FaultRule.latency(BEYOND_TIMEOUT),
                // Retry-After 0: a 429 pauses the client's whole limiter, a longer one would idle the run
                FaultRule.tooManyRequests(Duration.ZERO),
                FaultRule.unauthorized(),
                FaultRule.status(503),
                FaultRule.malformedBody(),
                FaultRule.truncatedBody(),
                FaultRule.dropBeforeRead(),
                FaultRule.dropAfterRead(),
                FaultRule.slowBody(1, Duration.ofMillis(200)));
        List<Faults.Injection> injections = new ArrayList<>();
        List<Faults> all = List.of(cluster.nodulStub().faults(), cluster.endocsStub().faults(), cluster.clodoStub().faults());
        for (int s = 0; s < all.size(); s++) {
            Faults faults = all.get(s).seed(seed + s);
            for (FaultRule kind : kinds) {
                injections.add(faults.inject(kind.withProbability(FAULT_RATE / kinds.size())));
            }
        }
        return injections;
    }

    private static int hits(List<Faults.Injection> injections) {
        return injections.stream().mapToInt(Faults.Injection::hits).sum();
    }

    private static void clearJournals(Cluster cluster) {
        cluster.nodulStub().clearJournalAndFaults();
        cluster.endocsStub().clearJournalAndFaults();
        cluster.clodoStub().clearJournalAndFaults();
    }

    /** The least used heap seen over a few full collections. */
    static long usedHeapAfterGc() {
        long least = Long.MAX_VALUE;
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            least = Math.min(least, rt.totalMemory() - rt.freeMemory());
        }
        return least;
    }

    /** CPU time of this JVM so far (all threads): unlike wall time, hardly changed by a busy machine. */
    private static Duration cpu() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    private static String report(Tally tally, long warmUpNanos, long mainNanos, Duration cpuUsed, int faultHits, long heapAfterWarmUp,
                                 long heapAtEnd, PoolProbe.Snapshot idle) {
        StringBuilder sb = new StringBuilder("## Load: ").append(REQUESTS).append(" requests, ").append(CONCURRENCY)
                .append(" at a time, ").append(FAULT_RATE * 100).append("% random faults (seed ").append(SEED).append(")\n\n");
        sb.append("| figure | value |\n| --- | --- |\n");
        sb.append("| duration: warm-up (").append(WARM_UP).append(" requests) | ").append(warmUpNanos / 1_000_000).append(" ms |\n");
        sb.append("| duration: main run (").append(REQUESTS - WARM_UP).append(" requests) | ").append(mainNanos / 1_000_000)
                .append(" ms (").append((REQUESTS - WARM_UP) * 1_000_000_000L / Math.max(1, mainNanos)).append(" requests/s) |\n");
        sb.append("| CPU time of the test JVM for the 50,000 (all threads) | ").append(cpuUsed.toMillis()).append(" ms (")
                .append(cpuUsed.toNanos() / REQUESTS / 1000).append(" µs per request) |\n");
        sb.append("| successes | ").append(tally.successes.sum()).append(" |\n");
        sb.append("| typed errors | ").append(tally.typed()).append(" |\n");
        new TreeMap<>(tally.typedErrors).forEach((k, v) -> sb.append("| &nbsp;&nbsp;").append(k).append(" | ").append(v.sum()).append(" |\n"));
        sb.append("| other exceptions | ").append(tally.othersCount.get()).append(tally.others.isEmpty() ? "" : " " + tally.others).append(" |\n");
        sb.append("| accounted for | ").append(tally.total()).append(" of ").append(REQUESTS).append(" |\n");
        sb.append("| faults injected (stub-side hits, retries included) | ").append(faultHits).append(" |\n");
        sb.append("| used heap after GC, after the warm-up | ").append(heapAfterWarmUp / 1024 / 1024).append(" MiB |\n");
        sb.append("| used heap after GC, at the end | ").append(heapAtEnd / 1024 / 1024).append(" MiB |\n");
        sb.append("| pool at the end | ").append(idle.allocated()).append(" connections open, ").append(idle.acquired())
                .append(" lent out, ").append(idle.pending()).append(" waiting |\n");
        sb.append("| leak detection level | ").append(LOAD_LEAK_LEVEL).append(" (sampling 1 buffer in ")
                .append(Integer.getInteger("io.netty.leakDetection.samplingInterval", 128)).append(")").append(" |\n");
        return sb.toString();
    }
}
