package dev.volga.it.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.clodo.model.Server;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.redis.RedisSharedState;
import dev.volga.spring.test.AutoConfigureVolgaStubs;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.nodul.NodulStub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fleet mode through the starter with its defaults (issue 17: the default key prefix 'volga:' used
 * to fail start-up): volga.redis.uri pointing at a real redis-server, all three providers, Clodo's
 * login and quota kept in Redis under the default prefix.
 */
// a cold JVM's first Lettuce connection on a loaded 2-core machine can take over the default 2 s
@SpringBootTest(properties = {"volga.redis.connect-timeout=15s",
        // the stub's quota and the client's, as in SpringAppTest: 5 per second, 5 at once
        "volga.endocs.rate-limit.permits=" + SpringAppTest.PER_SECOND,
        "volga.endocs.rate-limit.period=1s",
        "volga.endocs.rate-limit.burst=" + SpringAppTest.PER_SECOND})
@AutoConfigureVolgaStubs(redis = true)
class FleetModeTest {

    @Autowired
    RedisServer redis;
    @Autowired
    NodulStub nodulStub;
    @Autowired
    ClodoStub clodoStub;
    @Autowired
    EndocsStub endocsStub;
    @Autowired
    RedisSharedState shared;
    @Autowired
    NodulClient nodul;
    @Autowired
    EndocsClient endocs;
    @Autowired
    ClodoClient clodo;

    @Test
    void allThreeProvidersWorkWithTheirStateInRedis() throws Exception {
        assertThat(shared.toString()).contains("prefix=volga,");
        nodulStub.addPlan("Fleet", Map.of());
        clodoStub.addServer("fleet-1", "VirtualServer", "is_running");
        assertThat(nodul.plans().list().collectList().block(Duration.ofSeconds(10))).isNotEmpty();
        assertThat(endocs.account().info().block(Duration.ofSeconds(10))).isNotNull();
        assertThat(clodo.servers().list().map(Server::name).collectList().block(Duration.ofSeconds(10))).contains("fleet-1");
        assertThat(redis.command("KEYS", "volga:*")).as("Clodo's token and quota, under the default prefix")
                .contains("volga:{clodo:").contains(":token").contains(":limit:");
    }

    /**
     * SpringAppTest's EnDocs burst in fleet mode: the quota kept in Redis holds the stub's token
     * bucket (5 per second, 2 of tolerance) without a 429, so the 20 calls are 20 requests.
     */
    @Test
    void theEndocsQuotaHoldsUnderABurstInFleetMode() {
        // connections and classes first, then a fresh stub quota and journal
        endocs.account().info().block(Duration.ofSeconds(10));
        endocsStub.reset();
        endocsStub.quota(SpringAppTest.PER_SECOND, Duration.ofSeconds(1), SpringAppTest.PER_SECOND + SpringAppTest.STUB_TOLERANCE);
        int burst = 4 * SpringAppTest.PER_SECOND;

        assertThat(Flux.range(0, burst).flatMap(i -> endocs.account().info(), burst).collectList()
                .block(Duration.ofSeconds(30))).hasSize(burst);

        assertThat(endocsStub.tooManyRequestsSent()).as("the stub never had to refuse one").isZero();
        assertThat(endocsStub.requests("GET", "/api/Output/GetClientInfo")).as("one request per call").hasSize(burst);
    }
}
