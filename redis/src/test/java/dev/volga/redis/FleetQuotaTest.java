package dev.volga.redis;

import dev.volga.endocs.model.ClientInfo;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four replicas (separate transports and Redis connections) on one EnDocs key against a stub that
 * enforces the key's scaled quota: together they stay within it.
 */
@ExtendWith(NoLeaks.class)
class FleetQuotaTest {

    @Test
    void fourInstancesShareOneQuotaWithoutA429() throws Exception {
        try (RedisServer redis = RedisServer.start();
             EndocsStub stub = EndocsStub.start().quota(Fleet.PER_SECOND, Duration.ofSeconds(1), Fleet.STUB_BURST);
             Fleet fleet = Fleet.endocs(stub, 4, () -> RedisSharedState.builder(redis.uri()).keyPrefix("quota-test").commandTimeout(Fleet.TEST_TIMEOUT)
                     .connectTimeout(Fleet.TEST_TIMEOUT).build())) {
            warmUp(stub, fleet);

            List<ClientInfo> all = Flux.range(0, 2000).flatMap(i -> fleet.client(i).account().info(), 2000)
                    .collectList().block(Duration.ofSeconds(60));

            assertThat(all).hasSize(2000);
            assertThat(stub.tooManyRequestsSent()).as("429s from the stub").isZero();
            assertThat(stub.server().journal()).hasSize(2000);
            stub.verify().atMostPer(Fleet.PER_SECOND + Fleet.STUB_BURST, Duration.ofSeconds(1));
            assertThat(Fleet.reservations(redis)).as("every request reserved its slot in Redis").isGreaterThanOrEqualTo(2000);
            assertThat(redis.command("KEYS", "quota-test:*:token"))
                    .as("a static API token is never stored in Redis, not even sealed").isEqualTo("*0");
        }
    }

    /** Connections, class loading and JIT first; then a fresh stub quota and journal. */
    static void warmUp(EndocsStub stub, Fleet fleet) throws InterruptedException {
        for (int i = 0; i < fleet.clients.size(); i++) {
            fleet.client(i).account().info().block(Duration.ofSeconds(10));
        }
        Thread.sleep(1000);
        stub.quota(Fleet.PER_SECOND, Duration.ofSeconds(1), Fleet.STUB_BURST);
        stub.server().reset();
    }
}
