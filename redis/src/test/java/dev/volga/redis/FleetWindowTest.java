package dev.volga.redis;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.endocs.EndocsClient;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.Quota;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 item 2 in fleet mode, in real time: four replicas sharing "20 per 5 s" with a margin of
 * 200 ms through Redis send 61 requests, over three windows, to a stub that counts any sliding 5 s
 * window and to one that counts clock-aligned 5 s windows. Neither answers a single 429, and the
 * fleet uses at least 0.85 of the quota (measured from the stub's arrival instants, as transport's
 * WindowQuotaTest does). Counts and a ratio are asserted, no duration.
 */
@ExtendWith(NoLeaks.class)
class FleetWindowTest {

    private static final int N = 20;
    private static final Duration W = Duration.ofSeconds(5);
    /**
     * Not the default (1 %, 50 ms): the margin must cover how much two requests' delays from slot to
     * stub differ, and here eight replicas, two stubs and their event loops share one JVM on two
     * loaded cores with a Redis round trip in between. CI once saw that spread pass 50 ms (one 429
     * from the sliding window). A 1-minute quota's default margin is 600 ms; 200 ms on 5 s is the
     * same order of protection. The default itself is covered by transport's WindowQuotaTest.
     */
    private static final Duration MARGIN = Duration.ofMillis(200);
    /**
     * A floor, not the figure: the ideal with this margin is 5 / 5.2 = 0.962; a loaded 2-core machine
     * delays the scheduler's wake-ups by a few per cent more. Waiting whole windows, the defect this
     * guards against, gives 0.50.
     */
    private static final double MIN_UTILISATION = 0.85;
    private static final int REQUESTS = 3 * N + 1;
    private static final int INSTANCES = 4;

    @Test
    void fourReplicasMeetNo429FromASlidingOrAFixedWindowCounterAndUseTheQuota() throws Exception {
        try (RedisServer redis = RedisServer.start();
             EndocsStub sliding = EndocsStub.start();
             EndocsStub fixed = EndocsStub.start()) {
            List<Result> results = Flux.merge(run(redis, "sliding", sliding, () -> Quota.slidingWindow(N, W)),
                    run(redis, "fixed", fixed, () -> Quota.fixedWindow(N, W))).collectList().block(Duration.ofSeconds(90));

            assertThat(results).hasSize(2).allSatisfy(r -> {
                assertThat(r.refused()).as(r.mode() + ": 429s on the wire").isZero();
                assertThat(r.letIn()).as(r.mode() + ": requests the stub let in").isEqualTo(REQUESTS);
                assertThat(r.utilisation()).as(r.mode() + ": share of N per window used").isGreaterThanOrEqualTo(MIN_UTILISATION);
            });
        }
    }

    record Result(Quota.Mode mode, int refused, int letIn, double utilisation) {
    }

    private static Mono<Result> run(RedisServer redis, String prefix, EndocsStub stub, Supplier<Quota> quota) {
        return Mono.fromCallable(() -> {
            List<RedisSharedState> states = new ArrayList<>();
            List<EndocsClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < INSTANCES; i++) {
                    RedisSharedState s = RedisSharedState.builder(redis.uri()).keyPrefix(prefix)
                            .commandTimeout(Fleet.TEST_TIMEOUT).connectTimeout(Fleet.TEST_TIMEOUT).build();
                    states.add(s);
                    clients.add(EndocsClient.builder().baseUrl(stub.baseUrl()).token(Secret.of("token", stub.token()))
                            .rateLimits(RateLimitSettings.of(RateLimit.of(N, W).margin(MARGIN)))
                            .retry(RetrySettings.none()).sharedState(s).build());
                }
                // connections, class loading and JIT first, each replica once (one permit each)
                for (EndocsClient c : clients) {
                    c.account().info().block(Duration.ofSeconds(10));
                }
                // the warm-up's slots leave the window; then a fresh quota and journal
                Thread.sleep(W.toMillis() + 200);
                Quota q = quota.get();
                stub.quota(q);
                stub.server().reset();
                Flux.range(0, REQUESTS)
                        .flatMap(i -> clients.get(i % INSTANCES).account().info().then().onErrorResume(e -> Mono.empty()), REQUESTS)
                        .then().block(Duration.ofSeconds(60));
                List<RecordedRequest> in = stub.server().journal();
                long closest = Long.MAX_VALUE;
                for (int i = 0; i + N < in.size(); i++) {
                    closest = Math.min(closest, Duration.between(in.get(i).receivedAt(), in.get(i + N).receivedAt()).toMillis());
                }
                long spanNanos = Duration.between(in.get(0).receivedAt(), in.get(in.size() - 1).receivedAt()).toNanos();
                double ideal = (in.size() - 1) * (double) W.toNanos() / N;
                int refused = stub.tooManyRequestsSent();
                Result r = new Result(q.mode(), refused, in.size() - refused, ideal / spanNanos);
                System.out.printf("fleet %s: %d refused, %d let in, utilisation %.4f, closest arrivals %d apart: %d ms%n",
                        r.mode(), r.refused(), r.letIn(), r.utilisation(), N, closest);
                return r;
            } finally {
                clients.forEach(EndocsClient::close);
                states.forEach(RedisSharedState::close);
            }
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
