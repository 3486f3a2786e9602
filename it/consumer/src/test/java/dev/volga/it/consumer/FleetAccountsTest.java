package dev.volga.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.endocs.EndocsClient;
import dev.volga.redis.RedisSharedState;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.junit.VolgaStubs;
import org.junit.jupiter.api.Test;

/** Two replicas in fleet mode against a real redis-server (one Netty on the path: the pom enforces it). */
@VolgaStubs
class FleetAccountsTest {

    @Test
    void twoReplicasShareTheirQuotaThroughRedis(EndocsStub endocs) throws Exception {
        endocs.addUser("anna@example.ru", "Anna", false);
        endocs.addUser("boris@example.ru", "Boris", true);

        try (RedisServer redis = RedisServer.start();
             RedisSharedState fleet = FleetAccounts.sharedState(redis.uri(), 2);
             EndocsClient first = FleetAccounts.client(endocs.baseUrl(), endocs.token(), fleet);
             EndocsClient second = FleetAccounts.client(endocs.baseUrl(), endocs.token(), fleet)) {
            assertThat(new AccountDirectory(first).activeUsers().block()).containsExactly("anna@example.ru");
            assertThat(new AccountDirectory(second).activeUsers().block()).containsExactly("anna@example.ru");

            String keys = redis.command("KEYS", "volga*");
            assertThat(keys).as("the replicas' quota lives in Redis").doesNotStartWith("*0").startsWith("*");
        }
        assertThat(endocs.server().journal()).hasSize(2);
    }

}
