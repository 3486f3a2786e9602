package dev.volga.benchmarks;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.redis.RedisSharedState;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.transport.spi.SharedState;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fleet mode (issue #11), measured against a real {@code redis-server} and the testkit stubs, all on
 * loopback, each "replica" with its own transport and Redis connection:
 * <ol>
 *   <li>quota utilisation: 4 replicas share one EnDocs key whose stub enforces {@value #PER_SECOND}
 *       requests/s; achieved rate / quota and 429s;</li>
 *   <li>added latency: one caller at a time, a GET through fleet mode vs the in-memory limiter (a
 *       quota so high that nobody waits): the Redis round trip per request, p50 and p99;</li>
 *   <li>logins per expiry: 4 Clodo replicas x 250 concurrent requests at each of 5 token expiries
 *       (8 s tokens, 3 s refresh skew).</li>
 * </ol>
 * Prints one Markdown table. Needs {@code redis-server} (tools/ensure-redis.sh).
 */
public final class FleetBench {

    static final int PER_SECOND = 100;
    private static final int STUB_BURST = 20;

    private FleetBench() {
    }

    /**
     * @param args none
     */
    public static void main(String[] args) throws Exception {
        List<String> rows = new ArrayList<>();
        try (RedisServer redis = RedisServer.start()) {
            rows.add(quota(redis));
            rows.addAll(latency(redis));
            rows.add(logins(redis));
        }
        System.out.println("| measure | figure | target |");
        System.out.println("| --- | --- | --- |");
        rows.forEach(System.out::println);
        System.exit(0);
    }

    private static EndocsClient endocs(EndocsStub stub, RateLimitSettings limits, SharedState state) {
        return EndocsClient.builder().baseUrl(stub.baseUrl()).token(Secret.of("token", stub.token()))
                .rateLimits(limits).retry(RetrySettings.none()).sharedState(state).build();
    }

    private static String quota(RedisServer redis) throws Exception {
        int requests = 3000;
        try (EndocsStub stub = EndocsStub.start()) {
            List<RedisSharedState> states = new ArrayList<>();
            List<EndocsClient> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                states.add(RedisSharedState.builder(redis.uri()).keyPrefix("bench-quota").build());
                clients.add(endocs(stub, RateLimitSettings.of(RateLimit.of(PER_SECOND, Duration.ofSeconds(1))), states.get(i)));
            }
            try {
                for (EndocsClient c : clients) {
                    c.account().info().block(Duration.ofSeconds(10));
                }
                Thread.sleep(1000);
                stub.quota(PER_SECOND, Duration.ofSeconds(1), STUB_BURST);
                stub.server().reset();
                AtomicInteger failed = new AtomicInteger();
                Flux.range(0, requests).flatMap(i -> clients.get(i % 4).account().info()
                        .onErrorResume(e -> {
                            failed.incrementAndGet();
                            return Mono.empty();
                        }), requests).blockLast(Duration.ofMinutes(2));
                List<Instant> arrivals = stub.server().journal().stream().map(RecordedRequest::receivedAt).sorted().toList();
                double seconds = Duration.between(arrivals.get(0), arrivals.get(arrivals.size() - 1)).toNanos() / 1e9;
                // the first request of a full bucket is free: (n - 1) intervals of 1/quota
                double utilisation = (arrivals.size() - 1) / seconds / PER_SECOND;
                return String.format("| quota utilisation, 4 replicas, %,d requests at %d/s (stub burst %d) | %.3f of the quota, %d × 429, %d failed | ≥ 0.97, 0 × 429 |",
                        requests, PER_SECOND, STUB_BURST, utilisation, stub.tooManyRequestsSent(), failed.get());
            } finally {
                clients.forEach(EndocsClient::close);
                states.forEach(RedisSharedState::close);
            }
        }
    }

    private static List<String> latency(RedisServer redis) throws Exception {
        int n = 3000;
        RateLimitSettings roomy = RateLimitSettings.of(RateLimit.of(1_000_000, Duration.ofSeconds(1)).burst(1_000_000));
        try (EndocsStub stub = EndocsStub.start().noQuota();
             RedisSharedState fleet = RedisSharedState.builder(redis.uri()).keyPrefix("bench-latency").build();
             EndocsClient shared = endocs(stub, roomy, fleet);
             EndocsClient local = endocs(stub, roomy, SharedState.local())) {
            long[] viaRedis = new long[n];
            long[] inMemory = new long[n];
            for (int round = 0; round < 2; round++) { // the first round warms up
                for (int i = 0; i < n; i++) {
                    long t0 = System.nanoTime();
                    shared.account().info().block();
                    long t1 = System.nanoTime();
                    local.account().info().block();
                    long t2 = System.nanoTime();
                    viaRedis[i] = t1 - t0;
                    inMemory[i] = t2 - t1;
                }
            }
            Arrays.sort(viaRedis);
            Arrays.sort(inMemory);
            return List.of(
                    String.format("| GET latency, in-memory limiter, p50 / p99 (%,d sequential) | %.0f µs / %.0f µs | — |",
                            n, inMemory[n / 2] / 1e3, inMemory[n * 99 / 100] / 1e3),
                    String.format("| GET latency, fleet mode (Redis reservation), p50 / p99 | %.0f µs / %.0f µs | — |",
                            viaRedis[n / 2] / 1e3, viaRedis[n * 99 / 100] / 1e3),
                    String.format("| added by the Redis round trip, p50 / p99 | +%.0f µs / +%.0f µs | — |",
                            (viaRedis[n / 2] - inMemory[n / 2]) / 1e3, (viaRedis[n * 99 / 100] - inMemory[n * 99 / 100]) / 1e3));
        }
    }

    private static String logins(RedisServer redis) throws Exception {
        int expiries = 5;
        try (ClodoStub stub = ClodoStub.builder().user("bench", "bench-key-0123456789").tokenLifetime(Duration.ofSeconds(8)).start()) {
            List<RedisSharedState> states = new ArrayList<>();
            List<ClodoClient> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                states.add(RedisSharedState.builder(redis.uri()).keyPrefix("bench-login").build());
                clients.add(ClodoClient.builder().authUrl(stub.authUrl()).user("bench").key(Secret.of("key", "bench-key-0123456789"))
                        .rateLimits(RateLimitSettings.unlimited()).refreshSkew(Duration.ofSeconds(3)).sharedState(states.get(i)).build());
            }
            try {
                for (ClodoClient c : clients) {
                    c.servers().list().blockLast(Duration.ofSeconds(10));
                }
                int before = stub.logins();
                int unauthorized = 0;
                for (int e = 0; e < expiries; e++) {
                    Thread.sleep(5_100); // into the refresh skew (3 s) of the current token (8 s)
                    int logins = stub.logins();
                    Flux.range(0, 1000).flatMap(i -> clients.get(i % 4).servers().list().collectList(), 1000)
                            .blockLast(Duration.ofSeconds(30));
                    if (stub.logins() - logins != 1) {
                        System.err.println("expiry " + e + ": " + (stub.logins() - logins) + " logins");
                    }
                }
                unauthorized = (int) stub.journal().stream().filter(r -> r.path().startsWith("/v1")).count()
                        - expiries * 1000 - clients.size();
                return String.format("| logins per token expiry, 4 Clodo replicas × 250 concurrent requests, %d expiries | %.2f (%d logins), %d requests replayed after a 401 | 1 |",
                        expiries, (stub.logins() - before) / (double) expiries, stub.logins() - before, Math.max(0, unauthorized));
            } finally {
                clients.forEach(ClodoClient::close);
                states.forEach(RedisSharedState::close);
            }
        }
    }
}
