package dev.volga.redis;

import dev.volga.endocs.model.ClientInfo;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RedisCluster;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real three-master Redis Cluster: four replicas, each seeded with a different node, share one
 * quota. Every reservation runs on the one master that owns the credential's slot, none fails with
 * MOVED, and a script cache flushed on every node costs nothing but an EVAL.
 */
@ExtendWith(NoLeaks.class)
class FleetClusterTest {

    private static final int PER_SECOND = Fleet.PER_SECOND;
    private static final int BURST = Fleet.STUB_BURST;
    private static final int REQUESTS = 400;

    @Test
    void fourInstancesShareOneQuotaThroughAThreeMasterCluster() throws Exception {
        try (Warnings warnings = new Warnings();
             RedisCluster cluster = RedisCluster.start(3);
             EndocsStub stub = EndocsStub.start().quota(PER_SECOND, Duration.ofSeconds(1), BURST);
             Fleet fleet = Fleet.endocs(stub, 4, PER_SECOND, i -> RedisSharedState.clusterBuilder(
                             "redis://127.0.0.1:" + cluster.nodes().get(i % 3).port()).keyPrefix("cluster-test")
                     .commandTimeout(Fleet.TEST_TIMEOUT).connectTimeout(Fleet.TEST_TIMEOUT).build())) {
            for (int i = 0; i < fleet.clients.size(); i++) {
                fleet.client(i).account().info().block(Duration.ofSeconds(10));
            }
            Thread.sleep(1000);
            stub.quota(PER_SECOND, Duration.ofSeconds(1), BURST);
            stub.server().reset();

            List<ClientInfo> all = Flux.range(0, REQUESTS).flatMap(i -> fleet.client(i).account().info(), REQUESTS)
                    .take(Duration.ofSeconds(40)).collectList().block(Duration.ofSeconds(50));

            assertThat(all).as(Fleet.histogram(stub.server().journal())).hasSize(REQUESTS);
            assertThat(stub.tooManyRequestsSent()).as("429s from the stub").isZero();
            stub.verify().atMostPer(PER_SECOND + BURST, Duration.ofSeconds(1));
            long[] perNode = new long[3];
            for (int n = 0; n < 3; n++) {
                perNode[n] = Fleet.reservations(cluster.nodes().get(n));
            }
            System.out.printf("cluster: %d requests, %d × 429, scripts run per node %s, %d warnings%n",
                    REQUESTS, stub.tooManyRequestsSent(), java.util.Arrays.toString(perNode), warnings.records.size());
            assertThat(java.util.Arrays.stream(perNode).sum()).as("every request reserved in Redis").isGreaterThanOrEqualTo(REQUESTS);
            assertThat(java.util.Arrays.stream(perNode).filter(c -> c > 0).count())
                    .as("every script of the credential ran on the one master of its slot").isEqualTo(1);
            assertThat(warnings.outages()).as("no outage: no MOVED, no timeout").isEmpty();

            // a node that forgot the scripts (a restart, a failover to a node that never loaded them)
            for (RedisServer node : cluster.nodes()) {
                assertThat(node.command("SCRIPT", "FLUSH")).isEqualTo("+OK");
            }
            List<ClientInfo> more = Flux.range(0, 40).flatMap(i -> fleet.client(i).account().info(), 40)
                    .collectList().block(Duration.ofSeconds(10));
            assertThat(more).hasSize(40);
            assertThat(warnings.outages()).as("NOSCRIPT is answered by EVAL, not an outage").isEmpty();
            assertThat(fleet.states).noneMatch(RedisSharedState::unavailable);
        }
    }
}
