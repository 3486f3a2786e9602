package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;
import dev.volga.transport.spi.ApiRequest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.Quota;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.StubServer;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issue 21 item 2 end to end, in real time: a client told "20 per 5 s" (the default margin, 50 ms)
 * sends 61 requests, over three windows, to a stub that counts any sliding 5 s window and to one
 * that counts clock-aligned 5 s windows. Neither answers a single 429 (the transport would retry
 * it unseen, so the stubs' own refusal counts are asserted), and the client uses at least 0.90 of
 * the quota. Counts and a ratio are asserted, no duration.
 */
@ExtendWith(NoLeaks.class)
class WindowQuotaTest {

    private static final int N = 20;
    /**
     * 5 s: the default margin (1 %, 50 ms) then absorbs the loopback's delay jitter on an
     * overloaded 2-core machine (up to 40 ms measured at a load average of 19).
     */
    private static final Duration W = Duration.ofSeconds(5);
    /**
     * A floor, not the figure: quiet runs measured 0.988 to 0.992; a loaded 2-core
     * machine delays the scheduler's wake-ups and measured 0.94 to 0.96. Waiting whole windows, the
     * defect this guards against, gives 0.50.
     */
    private static final double MIN_UTILISATION = 0.90;
    private static final int REQUESTS = 3 * N + 1;

    @Test
    void twentyPerTwoSecondsMeetsNo429FromASlidingOrAFixedWindowCounterAndUsesTheQuota() {
        try (StubServer sliding = StubServer.start(); StubServer fixed = StubServer.start()) {
            // side by side: 3 windows of 5 s take 15 s, once
            List<Result> results = Flux.merge(run(sliding, () -> Quota.slidingWindow(N, W)),
                    run(fixed, () -> Quota.fixedWindow(N, W))).collectList().block(Duration.ofSeconds(90));

            assertThat(results).hasSize(2).allSatisfy(r -> {
                assertThat(r.refused()).as(r.mode() + ": 429s on the wire").isZero();
                assertThat(r.letIn()).as(r.mode() + ": requests the stub let in").isEqualTo(REQUESTS);
                assertThat(r.utilisation()).as(r.mode() + ": share of N per window used").isGreaterThanOrEqualTo(MIN_UTILISATION);
            });
        }
    }

    record Result(Quota.Mode mode, int refused, int letIn, double utilisation) {
    }

    /**
     * Warms the path up (classes loaded and compiled, the client's connection open), enables the
     * quota, sends the requests all at once.
     */
    private static Mono<Result> run(StubServer stub, Supplier<Quota> quota) {
        return Mono.fromCallable(() -> {
            stub.route("GET", "/x", req -> StubResponse.ok("x"));
            try (ApiClient client = Fixtures.client(stub)
                    .rateLimits(RateLimitSettings.of(RateLimit.of(N, W))).build()) {
                try (ApiClient warm = Fixtures.client(stub).build()) {
                    Flux.range(0, 50).concatMap(i -> warm.exchange(ApiRequest.get("/x").build(String.class)))
                            .then().block(Duration.ofSeconds(20));
                }
                client.exchange(ApiRequest.get("/x").build(String.class)).block(Duration.ofSeconds(10));
                Quota q = quota.get();
                stub.quota(q);
                int before = stub.journal().size();
                Flux.range(0, REQUESTS)
                        .flatMap(i -> client.exchange(ApiRequest.get("/x").build(String.class)), REQUESTS)
                        .then().block(Duration.ofSeconds(60));
                List<RecordedRequest> in = stub.journal().subList(before, stub.journal().size());
                long closest = Long.MAX_VALUE;
                for (int i = 0; i + N < in.size(); i++) {
                    closest = Math.min(closest, Duration.between(in.get(i).receivedAt(), in.get(i + N).receivedAt()).toMillis());
                }
                long spanNanos = Duration.between(in.get(0).receivedAt(), in.get(in.size() - 1).receivedAt()).toNanos();
                // REQUESTS - 1 intervals of W / N each, if every permit of every window were used
                double ideal = (in.size() - 1) * (double) W.toNanos() / N;
                Result r = new Result(q.mode(), stub.quotaRefusals(), in.size() - stub.quotaRefusals(), ideal / spanNanos);
                System.out.printf("%s: %d refused, %d let in, utilisation %.4f, closest arrivals %d apart: %d ms%n",
                        r.mode(), r.refused(), r.letIn(), r.utilisation(), N, closest);
                return r;
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
