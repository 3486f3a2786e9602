package dev.volga.redis;

import dev.volga.testkit.RedisServer;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A 429 seen by one instance pauses every instance of the key. */
@ExtendWith(NoLeaks.class)
class FleetPauseTest {

    @Test
    void a429WithRetryAfter2StopsEveryInstanceFor2Seconds() throws Exception {
        try (RedisServer redis = RedisServer.start();
             EndocsStub stub = EndocsStub.start().noQuota();
             Fleet fleet = Fleet.endocs(stub, 4, () -> RedisSharedState.builder(redis.uri()).keyPrefix("pause-test")
                     .commandTimeout(Fleet.TEST_TIMEOUT).build())) {
            FleetQuotaTest.warmUp(stub, fleet);
            stub.noQuota();
            AtomicInteger refused = new AtomicInteger();
            Mono<Long> load = Flux.range(0, 500)
                    .flatMap(i -> fleet.client(i).account().info().onErrorResume(e -> {
                        refused.incrementAndGet();
                        return Mono.empty();
                    }), 500)
                    .count();
            Instant[] injectedAt = new Instant[1];
            Mono<Void> inject = Mono.delay(Duration.ofSeconds(1)).doOnNext(t -> {
                injectedAt[0] = Instant.now();
                stub.rateLimitNext(1, Duration.ofSeconds(2));
            }).then();
            Long ok = Mono.zip(load, inject.thenReturn(0)).map(t -> t.getT1()).block(Duration.ofSeconds(30));

            assertThat(refused).as("only the request answered 429 failed (no retries configured)").hasValue(1);
            assertThat(ok).isEqualTo(499);
            List<Instant> arrivals = stub.server().journal().stream().map(RecordedRequest::receivedAt).sorted().toList();
            // the stub answers the first request after the injection with the 429
            Instant t429 = arrivals.stream().filter(a -> !a.isBefore(injectedAt[0])).findFirst().orElseThrow();
            // requests let through just before the pause may still be on their way for a moment on a
            // busy machine; without the pause ~65 requests (at 50/s) would arrive in this 1.3 s
            List<Instant> during = arrivals.stream()
                    .filter(a -> a.isAfter(t429.plusMillis(600)) && a.isBefore(t429.plusMillis(1_950))).toList();
            assertThat(during).as("requests that reached the stub during the fleet-wide pause after " + t429).isEmpty();
            assertThat(arrivals.get(arrivals.size() - 1)).as("traffic resumed after the pause").isAfter(t429.plusSeconds(2));
        }
    }
}
