package dev.volga.redis;

import dev.volga.endocs.model.ClientInfo;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis stops in the middle of a run and starts again: with {@link UnavailablePolicy#LOCAL_FALLBACK}
 * each of four instances limits itself to a quarter of the quota meanwhile, warns once, and goes
 * back to the shared quota afterwards; the key never sees a 429.
 */
@ExtendWith(NoLeaks.class)
class FleetFallbackTest {

    @Test
    void anOutageSplitsTheQuotaLocallyAndTheFleetRecovers() throws Exception {
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
                    warnings.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.volga.redis");
        logger.addHandler(capture);
        try (RedisServer redis = RedisServer.start();
             EndocsStub stub = EndocsStub.start().quota(Fleet.PER_SECOND, Duration.ofSeconds(1), Fleet.STUB_BURST);
             Fleet fleet = Fleet.endocs(stub, 4, () -> RedisSharedState.builder(redis.uri()).keyPrefix("fallback-test")
                     .whenUnavailable(UnavailablePolicy.LOCAL_FALLBACK).expectedInstances(4)
                     .commandTimeout(Duration.ofSeconds(3)).connectTimeout(Duration.ofSeconds(3))
                     .probeInterval(Duration.ofMillis(200)).build())) {
            FleetQuotaTest.warmUp(stub, fleet);
            warnings.clear();

            List<String> errors = new CopyOnWriteArrayList<>();
            long start = System.nanoTime();
            Mono<List<ClientInfo>> load = Flux.range(0, 2000).flatMap(i -> fleet.client(i).account().info().onErrorResume(e -> {
                errors.add((System.nanoTime() - start) / 1_000_000 + " ms: " + e);
                return Mono.empty();
            }), 2000).collectList();
            Mono<Boolean> outage = Mono.delay(Duration.ofSeconds(5)).then(Mono.fromCallable(() -> {
                redis.stop();
                return true;
            })).delayElement(Duration.ofSeconds(5)).flatMap(x -> Mono.fromCallable(() -> {
                boolean down = fleet.states.stream().allMatch(RedisSharedState::unavailable);
                redis.startAgain();
                return down;
            })).subscribeOn(reactor.core.scheduler.Schedulers.boundedElastic());
            var result = Mono.zip(load, outage).block(Duration.ofSeconds(90));

            assertThat(result.getT2()).as("every instance noticed the outage").isTrue();
            assertThat(errors).as(Fleet.histogram(stub.server().journal())).isEmpty();
            assertThat(result.getT1()).hasSize(2000);
            assertThat(stub.tooManyRequestsSent()).as("429s from the stub").isZero();
            stub.verify().atMostPer(Fleet.PER_SECOND + Fleet.STUB_BURST, Duration.ofSeconds(1));
            assertThat(fleet.states).as("back on the shared state").noneMatch(RedisSharedState::unavailable);
            assertThat(Fleet.reservations(redis)).as("the restarted (empty) Redis took reservations again").isPositive();
            // the outage is seen on each instance's dropped connections (Lettuce's event bus), not by
            // timeouts: the generous command timeout keeps a starved CI machine from adding false ones
            assertThat(warnings.stream().filter(r -> r.getMessage().contains("is unavailable")).count())
                    .as("one warning per instance per outage, not per request").isEqualTo(4);
        } finally {
            logger.removeHandler(capture);
        }
    }
}
