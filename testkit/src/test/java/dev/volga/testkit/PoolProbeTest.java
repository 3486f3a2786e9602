package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** The probe sees a connection that is lent out, and sees it come back. */
@ExtendWith(NoLeaks.class)
class PoolProbeTest {

    private static final Duration T = Duration.ofSeconds(10);

    @Test
    void aConnectionInFlightIsBusyAndIdleOnceItsCallEnds() {
        PoolProbe probe = PoolProbe.create();
        ConnectionProvider pool = probe.attach(ConnectionProvider.builder("probe-test").maxConnections(4)).build();
        try (StubServer stub = StubServer.start()) {
            stub.route("GET", "/fast", r -> StubResponse.ok("fast"));
            stub.route("GET", "/slow", r -> StubResponse.ok("slow").delay(Duration.ofSeconds(30)));
            HttpClient http = HttpClient.create(pool).baseUrl(stub.baseUrl()).disableRetry(true);

            assertThat(http.get().uri("/fast").responseSingle((res, body) -> body.asString()).block(T)).isEqualTo("fast");
            PoolProbe.Snapshot afterFast = probe.awaitIdle(T);
            assertThat(afterFast.remotes()).isOne();
            // not idle() yet: a released connection may still be on its way back into the idle set
            assertThat(afterFast.allocated()).isOne();

            Disposable slow = http.get().uri("/slow").responseSingle((res, body) -> body.asString()).subscribe();
            long deadline = System.nanoTime() + T.toNanos();
            while (stub.requests("GET", "/slow").isEmpty() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(probe.snapshot().acquired()).isOne();
            assertThatThrownBy(() -> probe.awaitIdle(Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("still busy").hasMessageContaining("acquired=1");

            slow.dispose();
            assertThat(probe.awaitIdle(T).acquired()).isZero();
        } finally {
            pool.disposeLater().block(T);
        }
    }
}
