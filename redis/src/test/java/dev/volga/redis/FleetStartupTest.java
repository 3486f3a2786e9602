package dev.volga.redis;

import dev.volga.api.SharedStateException;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Redis down from the start, bad configuration: clear errors, nothing sent, no secret printed. */
@ExtendWith(NoLeaks.class)
class FleetStartupTest {

    private static final String PASSWORD = "redis-pass-do-not-print-42";

    @Test
    void redisDownAtStartWithFailNamesTheEndpointNotThePasswordAndSendsNothing() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (EndocsStub stub = EndocsStub.start().noQuota();
             Fleet fleet = Fleet.endocs(stub, 1, () -> RedisSharedState.builder("redis://:" + PASSWORD + "@127.0.0.1:" + closedPort + "/0")
                     .whenUnavailable(UnavailablePolicy.FAIL).build())) {
            assertThatThrownBy(() -> fleet.client(0).account().info().block(Duration.ofSeconds(10)))
                    .isInstanceOf(SharedStateException.class)
                    .hasMessageContaining("redis://127.0.0.1:" + closedPort + "/0")
                    .hasMessageContaining("FAIL")
                    .satisfies(e -> assertThat(stackTrace(e)).doesNotContain(PASSWORD));
            assertThat(fleet.states.get(0).unavailable()).isTrue();
            // while it is down, requests fail at once, still without sending
            assertThatThrownBy(() -> fleet.client(0).account().info().block(Duration.ofSeconds(1)))
                    .isInstanceOf(SharedStateException.class);
            assertThat(stub.server().journal()).as("nothing reached the provider").isEmpty();
            assertThat(fleet.states.get(0).toString()).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aFeedPollWithRedisDownUnderFailIsASharedStateExceptionCarryingTheRequestId() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (EndocsStub stub = EndocsStub.start().noQuota();
             Fleet fleet = Fleet.endocs(stub, 1, () -> RedisSharedState.builder("redis://127.0.0.1:" + closedPort + "/0").build())) {
            // EnDocs tags every error of a call with its request id: the copy keeps the type, so a
            // feed processor ends with the SharedStateException the caller expects under FAIL
            assertThatThrownBy(() -> fleet.client(0).feeds().newContracts().pull(0, "rid-7").block(Duration.ofSeconds(10)))
                    .isInstanceOf(SharedStateException.class)
                    .satisfies(e -> assertThat(((SharedStateException) e).requestId()).hasValue("rid-7"));
            assertThat(stub.server().journal()).as("nothing reached the provider").isEmpty();
        }
    }

    @Test
    void badConfigurationFailsAtBuildTimeWithoutEchoingTheUri() {
        assertThatThrownBy(() -> RedisSharedState.builder("redis://127.0.0.1:6379").whenUnavailable(UnavailablePolicy.LOCAL_FALLBACK).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("expectedInstances");
        assertThatThrownBy(() -> RedisSharedState.builder("http://:" + PASSWORD + "@127.0.0.1:6379"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> RedisSharedState.builder("redis://127.0.0.1:6379").keyPrefix("bad prefix"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyPrefix");
        assertThatThrownBy(() -> RedisSharedState.builder("redis://127.0.0.1:6379").expectedInstances(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expectedInstances");
        assertThatThrownBy(() -> RedisSharedState.builder("redis://127.0.0.1:6379").commandTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("commandTimeout");
    }

    @Test
    void aUriWithSeveralHostsIsRefusedAtBuildTimeUnlessItIsASentinelOrClusterUri() {
        // Lettuce reads "a:1,b:2" as one host named "a:1,b:2": every request would fail
        for (String uri : new String[] {"redis://:" + PASSWORD + "@10.0.0.1:6379,10.0.0.2:6379/0", "rediss://10.0.0.1,10.0.0.2"}) {
            assertThatThrownBy(() -> RedisSharedState.builder(uri))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("redisUri names several hosts")
                    .hasMessageContaining("clusterBuilder")
                    .hasMessageNotContaining(PASSWORD);
        }
        assertThatThrownBy(() -> RedisSharedState.builder("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("redisUri");
        assertThatThrownBy(() -> RedisSharedState.clusterBuilder("redis-sentinel://:" + PASSWORD + "@10.0.0.1:26379#m"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seedUris").hasMessageNotContaining(PASSWORD);
        // these build (and connect lazily)
        RedisSharedState.builder("redis-sentinel://10.0.0.1:26379,10.0.0.2:26379/0#mymaster").build().close();
        try (RedisSharedState cluster = RedisSharedState.clusterBuilder("redis://:" + PASSWORD + "@10.0.0.1:6379,10.0.0.2:6380").build()) {
            assertThat(cluster.endpoint()).isEqualTo("redis://10.0.0.1:6379,10.0.0.2:6380 (cluster)");
            assertThat(cluster.toString()).doesNotContain(PASSWORD);
        }
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter w = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(w));
        return w.toString();
    }
}
