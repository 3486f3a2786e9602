package dev.volga.it.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.clodo.model.Server;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.redis.RedisSharedState;
import dev.volga.spring.test.AutoConfigureVolgaStubs;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.nodul.NodulStub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fleet mode through the starter with its defaults (issue 17: the default key prefix 'volga:' used
 * to fail start-up): volga.redis.uri pointing at a real redis-server, all three providers, Clodo's
 * login and quota kept in Redis under the default prefix.
 */
// a cold JVM's first Lettuce connection on a loaded 2-core machine can take over the default 2 s
@SpringBootTest(properties = "volga.redis.connect-timeout=15s")
@AutoConfigureVolgaStubs(redis = true)
class FleetModeTest {

    @Autowired
    RedisServer redis;
    @Autowired
    NodulStub nodulStub;
    @Autowired
    ClodoStub clodoStub;
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
}
