package dev.volga.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * {@link Deadlines} on virtual time: the same signals as {@code Mono.timeout(d, clock)} (and, for
 * {@code timeoutFirst}, as a timeout on the first element only), each request timed out at its own
 * deadline although one wake-up is scheduled at a time.
 */
class DeadlinesTest {

    @Test
    void aRequestWithoutAnswerTimesOutAtItsDeadlineAndNotBefore() {
        StepVerifier.withVirtualTime(() -> Deadlines.timeoutFirst(Mono.never().flux(), Duration.ofSeconds(5), VirtualTimeScheduler.get()))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(TimeoutException.class).hasMessageContaining("5000ms"))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void anAnswerBeforeTheDeadlinePassesAndNothingFiresLater() {
        StepVerifier.withVirtualTime(() -> Deadlines.timeoutFirst(Mono.delay(Duration.ofSeconds(1)).flux(), Duration.ofSeconds(5), VirtualTimeScheduler.get()))
                .expectSubscription()
                .expectNoEvent(Duration.ofSeconds(1))
                .expectNext(0L)
                .verifyComplete();
    }

    @Test
    void everyRequestTimesOutAtItsOwnDeadlineWhateverTheOrderOfSubscription() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        Map<String, Long> timedOutAt = new ConcurrentHashMap<>();
        subscribe("a 10 s at 0", Duration.ofSeconds(10), clock, timedOutAt);
        subscribe("b 3 s at 0", Duration.ofSeconds(3), clock, timedOutAt);
        clock.advanceTimeBy(Duration.ofSeconds(1));
        subscribe("c 1 s at 1", Duration.ofSeconds(1), clock, timedOutAt); // earlier than everything armed so far
        subscribe("d 3 s at 1", Duration.ofSeconds(3), clock, timedOutAt);
        Deadlines.timeoutFirst(Mono.delay(Duration.ofSeconds(2), clock).flux(), Duration.ofSeconds(3), clock)
                .subscribe(v -> { }, e -> timedOutAt.put("e answered", clock.now(TimeUnit.MILLISECONDS)));

        clock.advanceTimeBy(Duration.ofSeconds(20));

        assertThat(timedOutAt).containsExactlyInAnyOrderEntriesOf(Map.of(
                "a 10 s at 0", 10_000L, "b 3 s at 0", 3_000L, "c 1 s at 1", 2_000L, "d 3 s at 1", 4_000L));
    }

    @Test
    void timeoutWholeBoundsEveryElementAndTheEnd() {
        IllegalStateException late = new IllegalStateException("late");
        StepVerifier.withVirtualTime(() -> Deadlines.timeoutWhole(
                        Flux.concat(Mono.delay(Duration.ofSeconds(1)), Mono.delay(Duration.ofSeconds(3)), Mono.delay(Duration.ofSeconds(3))),
                        Duration.ofSeconds(5), VirtualTimeScheduler.get(), () -> late))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(0L)
                .thenAwait(Duration.ofSeconds(3))
                .expectNext(0L)
                .expectNoEvent(Duration.ofMillis(999))
                .thenAwait(Duration.ofMillis(1))
                .expectErrorSatisfies(e -> assertThat(e).isSameAs(late))
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void timeoutWholeLetsAStreamThatEndsInTimeCompleteAndFiresNothingLater() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        List<Object> signals = new java.util.concurrent.CopyOnWriteArrayList<>();
        Deadlines.timeoutWhole(Flux.concat(Mono.delay(Duration.ofSeconds(2), clock), Mono.delay(Duration.ofSeconds(2), clock)),
                        Duration.ofSeconds(5), clock, () -> new IllegalStateException("late"))
                .subscribe(signals::add, signals::add, () -> signals.add("complete"));
        clock.advanceTimeBy(Duration.ofSeconds(60));
        assertThat(signals).containsExactly(0L, 0L, "complete");
    }

    @Test
    void timeoutFirstBoundsTheFirstElementOnly() {
        StepVerifier.withVirtualTime(() -> Deadlines.timeoutFirst(
                        Flux.concat(Mono.delay(Duration.ofSeconds(1)), Mono.delay(Duration.ofSeconds(100))),
                        Duration.ofSeconds(5), VirtualTimeScheduler.get()))
                .expectSubscription()
                .thenAwait(Duration.ofSeconds(1))
                .expectNext(0L)
                .thenAwait(Duration.ofSeconds(100))
                .expectNext(0L)
                .verifyComplete();

        StepVerifier.withVirtualTime(() -> Deadlines.timeoutFirst(Flux.from(Mono.delay(Duration.ofSeconds(6))),
                        Duration.ofSeconds(5), VirtualTimeScheduler.get()))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(4999))
                .thenAwait(Duration.ofMillis(1))
                .expectError(TimeoutException.class)
                .verify(Duration.ofSeconds(5));
    }

    @Test
    void aCancelledRequestIsForgotten() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        Map<String, Long> signals = new ConcurrentHashMap<>();
        var call = Deadlines.timeoutFirst(Mono.never().flux(), Duration.ofSeconds(2), clock)
                .subscribe(v -> { }, e -> signals.put("cancelled one", clock.now(TimeUnit.MILLISECONDS)));
        subscribe("kept", Duration.ofSeconds(3), clock, signals);
        call.dispose();

        clock.advanceTimeBy(Duration.ofSeconds(10));

        assertThat(signals).containsExactlyEntriesOf(Map.of("kept", 3_000L));
        assertThat(List.copyOf(signals.keySet())).doesNotContain("cancelled one");
    }

    private static void subscribe(String name, Duration timeout, VirtualTimeScheduler clock, Map<String, Long> timedOutAt) {
        Deadlines.timeoutFirst(Mono.never().flux(), timeout, clock).subscribe(v -> { }, e -> {
            if (e instanceof TimeoutException) {
                timedOutAt.put(name, clock.now(TimeUnit.MILLISECONDS));
            }
        });
    }
}
