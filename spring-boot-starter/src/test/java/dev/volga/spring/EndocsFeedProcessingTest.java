package dev.volga.spring;

import dev.volga.endocs.FeedProcessor;
import dev.volga.endocs.ProcessorOptions;
import dev.volga.spring.internal.EndocsFeedProcessors;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.junit.VolgaStubs;
import dev.volga.transport.spi.CheckpointStore;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** An {@link EndocsFeedProcessing} bean runs with the context, shows in health and metrics, stops on close. */
@VolgaStubs
class EndocsFeedProcessingTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(VolgaRedisAutoConfiguration.class, VolgaAutoConfiguration.class,
                    VolgaHealthAutoConfiguration.class, VolgaMetricsAutoConfiguration.class,
                    VolgaFeedsAutoConfiguration.class));

    @Test
    void aDeclaredFeedIsProcessedReportedAndStoppedWithTheContext(EndocsStub endocs) {
        long first = endocs.addDocument(Map.of("DocTypeId", 14, "Source", "Входящий", "DocNumber", "1"));
        long second = endocs.addDocument(Map.of("DocTypeId", 14, "Source", "Входящий", "DocNumber", "2"));
        List<Long> handled = new CopyOnWriteArrayList<>();
        CheckpointStore store = CheckpointStore.memory();
        runner.withPropertyValues("volga.endocs.base-url=" + endocs.baseUrl(), "volga.endocs.token=" + endocs.token())
                .withBean("invoices", EndocsFeedProcessing.class, () -> EndocsFeedProcessing.of(
                        c -> c.feeds().newInvoices(),
                        d -> Mono.fromRunnable(() -> handled.add(d.id())),
                        ProcessorOptions.defaults().store(store).pollInterval(Duration.ofMillis(50))))
                .run(ctx -> {
                    assertThat(ctx).hasNotFailed().hasSingleBean(EndocsFeedProcessors.class)
                            .hasBean("endocsFeedsHealthIndicator");
                    await(() -> handled.size() == 2, "both items handled");
                    assertThat(handled).containsExactly(first, second);
                    EndocsFeedProcessors processors = ctx.getBean(EndocsFeedProcessors.class);
                    assertThat(processors.feeds()).containsExactly("newInvoices");
                    await(() -> processors.status("newInvoices").orElseThrow().lastCheckpoint().orElse(-1) == second,
                            "the checkpoint");

                    Health health = ctx.getBean("endocsFeedsHealthIndicator", ReactiveHealthIndicator.class)
                            .health().block(WAIT);
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    @SuppressWarnings("unchecked")
                    Map<String, Object> feed = (Map<String, Object>) health.getDetails().get("newInvoices");
                    assertThat(feed).containsEntry("role", "holder").containsEntry("lag", 0L)
                            .containsEntry("lastCheckpoint", second);

                    SimpleMeterRegistry meters = new SimpleMeterRegistry();
                    ctx.getBean("volgaFeedMeters", MeterBinder.class).bindTo(meters);
                    assertThat(meters.get(VolgaFeedsAutoConfiguration.LAG).tag("feed", "newInvoices").gauge().value())
                            .isZero();
                    assertThat(processors.isRunning()).isTrue();
                    String name = processors.status("newInvoices").orElseThrow().name();
                    // the lease is held while the context runs …
                    assertThat(store.claim(name, "someone-else", Duration.ofSeconds(30)).blockOptional(WAIT)).isEmpty();
                    ctx.close();
                    // … and released when it closes
                    assertThat(processors.status("newInvoices").orElseThrow().role()).isEqualTo(FeedProcessor.Role.STOPPED);
                    assertThat(store.claim(name, "someone-else", Duration.ofSeconds(30)).blockOptional(WAIT)).isPresent();
                });
    }

    @Test
    void withoutADeclaredFeedNothingRuns(EndocsStub endocs) {
        runner.withPropertyValues("volga.endocs.base-url=" + endocs.baseUrl(), "volga.endocs.token=" + endocs.token())
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(EndocsFeedProcessors.class)
                        .doesNotHaveBean("endocsFeedsHealthIndicator"));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            Thread.sleep(5);
        }
    }
}
