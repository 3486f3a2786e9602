package dev.volga.benchmarks;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.endocs.EndocsClient;
import dev.volga.testkit.endocs.EndocsStub;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.reactor.ratelimiter.operator.RateLimiterOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import dev.volga.transport.Transport;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * Issue #7 part 2: quota utilisation. {@code count} requests are started at once against an
 * {@link EndocsStub} enforcing {@code N} requests per second per token (the testkit's GCRA
 * {@code Quota}: 429 with {@code Retry-After} past it, {@code burst} back to back tolerated, a
 * tenth of a second's worth by default) and the client is told the same N:
 *
 * <ul>
 *   <li><b>volga</b> — {@code EndocsClient} with {@code RateLimit.of(N, 1 s)} (burst 1: evenly spread)</li>
 *   <li><b>r4j N/1s</b> — Reactor Netty + Resilience4j {@code RateLimiterOperator}, {@code limitForPeriod=N},
 *       {@code limitRefreshPeriod=1s} (how "N per second" is usually written for it)</li>
 *   <li><b>r4j 1/(1/N)</b> — the same with {@code limitForPeriod=1}, {@code limitRefreshPeriod=1s/N} (evenly spread)</li>
 * </ul>
 *
 * Achieved rate = (successes − 1) / (last success − first success), from the client's completion
 * times; 429s from the stub's own count. Volga retries a 429 after {@code Retry-After} (so all
 * complete); the Resilience4j contenders have no retry (a 429 is a failed request). Each client
 * first runs {@code 3 × N} requests unreported, so that neither it nor the stub is measured cold
 * (a cold stub stalls and then sees the requests it held back as a burst). Arguments:
 * {@code n=100 count=2000 burst=n/10}.
 */
public final class QuotaUse {

    private QuotaUse() {
    }

    /**
     * @param args {@code key=value}: n, count, burst
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Options.parse(args);
        int n = Integer.parseInt(opts.getOrDefault("n", "100"));
        int count = Integer.parseInt(opts.getOrDefault("count", "2000"));
        int burst = Integer.parseInt(opts.getOrDefault("burst", Integer.toString(Math.max(1, n / 10))));
        System.out.printf(Locale.ROOT, "## 2. Quota utilisation: %,d requests at once, stub quota %d/s (burst %d), client told %d/s%n%n",
                count, n, burst, n);
        System.out.println("| client | ok | 429s | achieved/s | achieved ÷ N | longest gap ms | wall s | target |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        // the clients on event loops of their own: the in-process stub keeps Reactor Netty's global ones
        LoopResources clientLoops = LoopResources.create("bench-client", 2, true);
        try (EndocsStub stub = EndocsStub.start().quota(n, Duration.ofSeconds(1), burst)) {
            String url = stub.baseUrl() + "/api/Output/GetClientInfo";
            Transport transport = Transport.builder().loopResources(clientLoops).build();
            try (EndocsClient volga = EndocsClient.builder().baseUrl(stub.baseUrl()).transport(transport)
                    .token(Secret.of("token", EndocsStub.DEFAULT_TOKEN))
                    .rateLimits(RateLimitSettings.of(RateLimit.of(n, Duration.ofSeconds(1)))).build()) {
                volga.account().info().block(Duration.ofSeconds(10));
                // warm-up (not reported): the stub's and the client's code paths get compiled first, so
                // that a stall of the cold stub does not bunch the first measured arrivals
                run(stub, null, 3 * n, n, () -> volga.account().info().then());
                run(stub, "volga", count, n, () -> volga.account().info().then());
            } finally {
                transport.close();
            }
            ConnectionProvider pool = ConnectionProvider.builder("r4j").maxConnections(500).pendingAcquireMaxCount(-1).build();
            HttpClient http = HttpClient.create(pool).runOn(clientLoops).headers(h -> h.set("Authorization", "Bearer " + EndocsStub.DEFAULT_TOKEN));
            Supplier<Mono<Void>> raw = () -> http.get().uri(url).responseSingle((resp, body) -> body.asByteArray().defaultIfEmpty(new byte[0])
                    .flatMap(b -> resp.status().code() == 200 ? Mono.<Void>empty()
                            : Mono.error(new IllegalStateException("HTTP " + resp.status().code()))));
            raw.get().block(Duration.ofSeconds(10));
            RateLimiter perSecond = RateLimiter.of("perSecond", RateLimiterConfig.custom().limitForPeriod(n)
                    .limitRefreshPeriod(Duration.ofSeconds(1)).timeoutDuration(Duration.ofMinutes(5)).build());
            RateLimiter warm = RateLimiter.of("warm", RateLimiterConfig.custom().limitForPeriod(1)
                    .limitRefreshPeriod(Duration.ofNanos(1_000_000_000L / n)).timeoutDuration(Duration.ofMinutes(5)).build());
            run(stub, null, 3 * n, n, () -> raw.get().transformDeferred(RateLimiterOperator.of(warm)));
            run(stub, "r4j " + n + "/1s", count, n, () -> raw.get().transformDeferred(RateLimiterOperator.of(perSecond)));
            RateLimiter spread = RateLimiter.of("spread", RateLimiterConfig.custom().limitForPeriod(1)
                    .limitRefreshPeriod(Duration.ofNanos(1_000_000_000L / n)).timeoutDuration(Duration.ofMinutes(5)).build());
            run(stub, "r4j 1/" + (1000.0 / n) + "ms", count, n, () -> raw.get().transformDeferred(RateLimiterOperator.of(spread)));
            pool.dispose();
        } finally {
            clientLoops.disposeLater().block(Duration.ofSeconds(10));
        }
        System.out.println();
    }

    private static void run(EndocsStub stub, String name, int count, int n, Supplier<Mono<Void>> call) throws InterruptedException {
        Thread.sleep(1500); // the stub's bucket refills
        stub.reset();
        AtomicLongArray done = new AtomicLongArray(count);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        long start = System.nanoTime();
        Flux.range(0, count)
                .flatMap(i -> call.get()
                        .doOnSuccess(v -> done.set(ok.getAndIncrement(), System.nanoTime()))
                        .onErrorResume(e -> {
                            failed.incrementAndGet();
                            return Mono.empty();
                        }), count)
                .blockLast(Duration.ofMinutes(5));
        double wall = (System.nanoTime() - start) / 1e9;
        int k = ok.get();
        long[] times = new long[k];
        for (int i = 0; i < k; i++) {
            times[i] = done.get(i);
        }
        Arrays.sort(times);
        double rate = k < 2 ? Double.NaN : (k - 1) / ((times[k - 1] - times[0]) / 1e9);
        long gap = 0;
        for (int i = 1; i < k; i++) {
            gap = Math.max(gap, times[i] - times[i - 1]);
        }
        int refused = stub.tooManyRequestsSent();
        if (name == null) {
            return; // a warm-up
        }
        String target = (rate / n >= 0.99 ? "met" : "**missed**") + " (≥ 0.99)" + (refused == 0 ? ", met (0 × 429)" : ", **missed** (0 × 429)");
        System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %.1f | %.3f | %.0f | %.1f | %s |%n", name, k, refused, rate, rate / n, gap / 1e6, wall,
                name.equals("volga") ? target : "");
    }
}
