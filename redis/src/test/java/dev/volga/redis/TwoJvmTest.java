package dev.volga.redis;

import dev.volga.testkit.RedisServer;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Two JVM processes (the second on the module path) on one key through one Redis: no 429. */
@ExtendWith(NoLeaks.class)
class TwoJvmTest {

    @Test
    void twoProcessesShareTheQuota() throws Exception {
        try (RedisServer redis = RedisServer.start();
             EndocsStub stub = EndocsStub.start().noQuota();
             Fleet here = Fleet.endocs(stub, 1, () -> RedisSharedState.builder(redis.uri()).keyPrefix("two-jvm")
                     .commandTimeout(Fleet.TEST_TIMEOUT).build());
             ChildJvm other = ChildJvm.start("endocs", stub.baseUrl(), stub.token(), redis.uri(), "500",
                     Integer.toString(Fleet.PER_SECOND))) {
            other.await("ready", 60);
            FleetQuotaTest.warmUp(stub, here);
            other.send("go");

            List<?> mine = Flux.range(0, 500).flatMap(i -> here.client(0).account().info(), 500)
                    .collectList().block(Duration.ofSeconds(60));
            String theirs = other.await("done", 60);

            assertThat(mine).hasSize(500);
            assertThat(theirs).as("the other JVM: done <ok> <failed>").isEqualTo("done 500 0");
            assertThat(stub.tooManyRequestsSent()).isZero();
            stub.verify().atMostPer(Fleet.PER_SECOND + Fleet.STUB_BURST, Duration.ofSeconds(1));
        }
    }
}
