package dev.volga.benchmarks;

import dev.volga.api.AuthenticationException;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.testkit.clodo.ClodoStub;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.core.Disposable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue #7 part 3: {@code count} concurrent {@code servers().list()} calls through one
 * {@code ClodoClient} (limits lifted) arriving as the token expires, against a {@link ClodoStub}:
 *
 * <ul>
 *   <li><b>fresh token</b> — the baseline, same burst with a valid token</li>
 *   <li><b>expiring</b> — fired when the client's clock (and the stub's) has just passed the
 *       token's refresh point (Clodo's 20-minute lifetime, the client's 1-minute skew: both clocks
 *       are moved 19 min 1 s ahead): every request finds the token stale</li>
 *   <li><b>revoked</b> — the stub forgets every token ({@code expireAllTokens}) unannounced: every
 *       request is refused 401, logs in again and is replayed once</li>
 * </ul>
 *
 * Subscribing {@code count} calls takes the caller a while, so a storm arrives over a fraction
 * of a second: in the revoked storm only the calls subscribed before the new login carry the
 * revoked token. Logins from the stub's count; 401s on the wire = management calls − {@code count}; 401s surfaced
 * = {@code AuthenticationException}s the callers saw. Added latency = the storm's p50/p99 minus the
 * baseline's. Arguments: {@code count=10000}.
 */
public final class RefreshStorm {

    /** Clodo's token lifetime and the client's default refresh skew. */
    private static final Duration LIFETIME = Duration.ofMinutes(20);
    private static final Duration SKEW = Duration.ofMinutes(1);
    private static final String USER = "storm";
    private static final String KEY = "storm-key-0123";

    private RefreshStorm() {
    }

    /**
     * @param args {@code key=value}: count
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Options.parse(args);
        int count = Integer.parseInt(opts.getOrDefault("count", "10000"));
        System.out.printf(Locale.ROOT, "## 3. Refresh storm: %,d concurrent Clodo calls as the token expires%n%n", count);
        System.out.println("| storm | ok | logins | 401s on the wire | 401s surfaced | p50 ms | p99 ms | added p50 / p99 ms | target |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        try (ClodoStub stub = ClodoStub.builder().user(USER, KEY).tokenLifetime(LIFETIME).start();
             ShiftedClock clock = new ShiftedClock(Schedulers.parallel());
             ClodoClient clodo = ClodoClient.builder().authUrl(stub.authUrl()).user(USER).key(Secret.of("key", KEY))
                     .refreshSkew(SKEW).scheduler(clock).rateLimits(RateLimitSettings.unlimited()).responseTimeout(Duration.ofMinutes(2)).build()) {
            stub.addServer("storm", "VirtualServer", "is_running");
            for (int i = 0; i < 3; i++) { // warm-up: JIT, connections
                Flux.range(0, count).flatMap(k -> clodo.servers().list().collectList(), count).blockLast(Duration.ofMinutes(2));
            }
            // a fresh token, then the baseline at once
            stub.expireAllTokens();
            clodo.servers().list().collectList().block(Duration.ofSeconds(30));
            Storm base = storm(stub, clodo, count);
            base.print("fresh token", null);

            // both clocks move to just past the client's refresh point (lifetime − skew after the
            // login): the token is still valid for the stub, stale for the client
            Duration jump = LIFETIME.minus(SKEW).plusSeconds(1);
            clock.shift(jump);
            stub.advanceClock(jump);
            storm(stub, clodo, count).print("expiring (client-side refresh)", base);

            stub.expireAllTokens();
            storm(stub, clodo, count).print("revoked (401, re-login, replay)", base);
        }
        System.out.println();
    }

    /** One storm's figures. */
    record Storm(int ok, int logins, int wire401, int surfaced401, Latencies latencies) {
        void print(String name, Storm base) {
            String added = base == null ? "" : String.format(Locale.ROOT, "%+.1f / %+.1f",
                    latencies.quantileMillis(0.5) - base.latencies.quantileMillis(0.5),
                    latencies.quantileMillis(0.99) - base.latencies.quantileMillis(0.99));
            String target = base == null ? "" : (logins == 1 ? "met" : "**missed**") + " (1 login), "
                    + (surfaced401 == 0 ? "met" : "**missed**") + " (0 × 401 surfaced)";
            System.out.printf(Locale.ROOT, "| %s | %,d | %d | %,d | %,d | %.1f | %.1f | %s | %s |%n", name, ok, logins, wire401, surfaced401,
                    latencies.quantileMillis(0.5), latencies.quantileMillis(0.99), added, target);
        }
    }

    private static Storm storm(ClodoStub stub, ClodoClient clodo, int count) {
        stub.clearJournalAndFaults();
        int loginsBefore = stub.logins();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger auth = new AtomicInteger();
        List<Latencies> lat = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lat.add(new Latencies());
        }
        Flux.range(0, count)
                .flatMap(i -> {
                    long t0 = System.nanoTime();
                    return clodo.servers().list().collectList()
                            .doOnSuccess(v -> {
                                lat.get(i).add(System.nanoTime() - t0);
                                ok.incrementAndGet();
                            })
                            .onErrorResume(AuthenticationException.class, e -> {
                                auth.incrementAndGet();
                                return Mono.empty();
                            });
                }, count)
                .blockLast(Duration.ofMinutes(3));
        int calls = stub.requests("GET", "/v1/servers").size() + stub.requests("GET", "/v1/servers/").size();
        return new Storm(ok.get(), stub.logins() - loginsBefore, calls - count, auth.get(), Latencies.merge(lat));
    }

    /** A scheduler whose clock can be moved ahead; timers are the delegate's. */
    static final class ShiftedClock implements Scheduler, AutoCloseable {
        private final Scheduler delegate;
        private final AtomicLong offsetNanos = new AtomicLong();

        ShiftedClock(Scheduler delegate) {
            this.delegate = delegate;
        }

        void shift(Duration by) {
            offsetNanos.addAndGet(by.toNanos());
        }

        @Override
        public long now(TimeUnit unit) {
            return unit.convert(delegate.now(TimeUnit.NANOSECONDS) + offsetNanos.get(), TimeUnit.NANOSECONDS);
        }

        @Override
        public Disposable schedule(Runnable task) {
            return delegate.schedule(task);
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            return delegate.schedule(task, delay, unit);
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            return delegate.schedulePeriodically(task, initialDelay, period, unit);
        }

        @Override
        public Worker createWorker() {
            return delegate.createWorker();
        }

        @Override
        public void close() {
            // the delegate is shared
        }
    }
}
