package dev.volga.endocs;

import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default quota and the default pause on the client's clock, in virtual time: the real stub
 * answers at once, the limiter lets requests go only as virtual time passes.
 */
@ExtendWith(NoLeaks.class)
class VirtualTimeQuotaTest {

    /** Lets real I/O that virtual time released settle, then checks nothing more went out. */
    private static void settle() {
        try {
            Thread.sleep(150);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void theDefault300PerMinuteLetsOneRequestGoEvery200Ms() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        try (EndocsStub stub = EndocsStub.start().noQuota();
             EndocsClient client = Fixtures.client(stub).rateLimits(EndocsClient.defaultRateLimits()).scheduler(clock).build()) {
            AtomicInteger done = new AtomicInteger();
            Disposable calls = Flux.range(0, 4).flatMap(i -> client.account().info()).subscribe(x -> done.incrementAndGet());
            try {
                Fixtures.await(() -> done.get() == 1, "the first request goes at once");
                for (int n = 2; n <= 4; n++) {
                    clock.advanceTimeBy(Duration.ofMillis(199));
                    settle();
                    assertThat(stub.server().requestCount()).as("199 ms after the last permit").isEqualTo(n - 1);
                    clock.advanceTimeBy(Duration.ofMillis(1));
                    int expected = n;
                    Fixtures.await(() -> done.get() == expected, "request " + n + " at 200 ms");
                }
            } finally {
                calls.dispose();
            }
        }
    }

    @Test
    void a429WithoutRetryAfterPausesTheKeyForTheDefaultPause() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        try (EndocsStub stub = EndocsStub.start().noQuota();
             EndocsClient client = Fixtures.client(stub).scheduler(clock).build()) {
            stub.rateLimitNext(1, null);
            // the stub answers the first three after 300 ms (real time), so all three have left the
            // client before the 429 pauses the key: on a loaded machine a fast round trip could
            // otherwise pause the key before the third was even subscribed
            stub.faults().inject(dev.volga.testkit.FaultRule.latency(Duration.ofMillis(300)).times(3));
            AtomicInteger done = new AtomicInteger();
            Disposable calls = Flux.range(0, 3).flatMap(i -> client.account().info()).subscribe(x -> done.incrementAndGet());
            try {
                // no client-side limit: all three leave at once; the stub refuses one of them
                Fixtures.await(() -> done.get() == 2 && stub.server().requestCount() == 3, "two answered, one refused");
                settle();
                clock.advanceTimeBy(Duration.ofMillis(999));
                settle();
                assertThat(stub.server().requestCount()).as("nothing leaves during the 1 s default pause").isEqualTo(3);
                clock.advanceTimeBy(Duration.ofMillis(1));
                Fixtures.await(() -> done.get() == 3, "the refused one, after the pause");
            } finally {
                calls.dispose();
            }
            assertThat(stub.server().requestCount()).isEqualTo(4);
        }
    }
}
