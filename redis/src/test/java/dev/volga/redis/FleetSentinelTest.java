package dev.volga.redis;

import dev.volga.endocs.model.ClientInfo;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RedisSentinelGroup;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real master, replica and Sentinel; {@code SENTINEL FAILOVER} in the middle of a run. Every one of
 * four instances notices the failover (the sentinels' {@code +switch-master}; one warning each), limits itself to its
 * share meanwhile, and then follows the new master; the key never sees a 429 and nothing hangs.
 */
@ExtendWith(NoLeaks.class)
class FleetSentinelTest {

    private static final int REQUESTS = 500;

    @Test
    void theFleetNoticesAFailoverAndFollowsTheNewMaster() throws Exception {
        try (Warnings warnings = new Warnings();
             RedisSentinelGroup redis = RedisSentinelGroup.start();
             EndocsStub stub = EndocsStub.start().quota(Fleet.PER_SECOND, Duration.ofSeconds(1), Fleet.STUB_BURST);
             Fleet fleet = Fleet.endocs(stub, 4, Fleet.PER_SECOND, i -> RedisSharedState.builder(redis.uri()).keyPrefix("sentinel-test")
                     .whenUnavailable(UnavailablePolicy.LOCAL_FALLBACK).expectedInstances(4)
                     .commandTimeout(Fleet.TEST_TIMEOUT).connectTimeout(Fleet.TEST_TIMEOUT)
                     .probeInterval(Duration.ofMillis(200)).build())) {
            RedisServer first = redis.master();
            FleetQuotaTest.warmUp(stub, fleet);
            warnings.records.clear();

            List<String> errors = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            Mono<List<ClientInfo>> load = Flux.range(0, REQUESTS).flatMap(i -> fleet.client(i).account().info().onErrorResume(e -> {
                errors.add((System.nanoTime() - start) / 1_000_000 + " ms: " + e);
                return Mono.empty();
            }), REQUESTS).collectList();
            Mono<RedisServer> failover = Mono.delay(Duration.ofSeconds(3))
                    .then(Mono.fromCallable(redis::failover).subscribeOn(Schedulers.boundedElastic()));
            var result = Mono.zip(load, failover).block(Duration.ofSeconds(60));
            // the probe may still be on its way back when the last request completes
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (fleet.states.stream().anyMatch(RedisSharedState::unavailable) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }

            RedisServer next = result.getT2();
            long gapMillis = warnings.outages().isEmpty() || warnings.recoveries().isEmpty() ? -1
                    : Duration.between(warnings.outages().get(0).getInstant(),
                            warnings.recoveries().get(warnings.recoveries().size() - 1).getInstant()).toMillis();
            System.out.printf("sentinel: %d requests, %d errors, %d × 429, %d outage warnings, %d recoveries, "
                            + "failover gap %d ms (first warning to last recovery), scripts on the new master %d%n",
                    result.getT1().size(), errors.size(), stub.tooManyRequestsSent(), warnings.outages().size(),
                    warnings.recoveries().size(), gapMillis, Fleet.reservations(next));

            assertThat(next).as("the replica became the master").isNotSameAs(first);
            assertThat(errors).as(Fleet.histogram(stub.server().journal())).isEmpty();
            assertThat(result.getT1()).hasSize(REQUESTS);
            assertThat(stub.tooManyRequestsSent()).as("429s from the stub").isZero();
            stub.verify().atMostPer(Fleet.PER_SECOND + Fleet.STUB_BURST, Duration.ofSeconds(1));
            assertThat(warnings.outages()).as("every instance noticed the failover, once").hasSize(4);
            assertThat(warnings.recoveries()).as("and came back once").hasSize(4);
            assertThat(fleet.states).as("back on the shared state").noneMatch(RedisSharedState::unavailable);
            assertThat(Fleet.reservations(next)).as("the fleet reserves on the new master").isPositive();

            // what Sentinel does to the old master 10-20 s later, when it turns it into a replica:
            // its clients are killed; that was the same outage, not a second one
            first.command("CLIENT", "KILL", "TYPE", "normal");
            first.command("CLIENT", "KILL", "TYPE", "pubsub");
            assertThat(Flux.range(0, 20).flatMap(i -> fleet.client(i).account().info(), 20).collectList()
                    .block(Duration.ofSeconds(20))).hasSize(20);
            Thread.sleep(500);
            assertThat(warnings.outages()).as("no second warning for the demoted master's dropped connections").hasSize(4);
        }
    }
}
