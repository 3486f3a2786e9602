package dev.volga.endocs;

import dev.volga.api.AuthenticationException;
import dev.volga.api.LeaseLostException;
import dev.volga.api.RetrySettings;
import dev.volga.api.SharedStateException;
import dev.volga.endocs.model.Document;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.transport.ClientObservations;
import dev.volga.transport.Transport;
import dev.volga.transport.spi.CheckpointStore;
import dev.volga.transport.spi.Lease;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.volga.endocs.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Feed#process}: one holder per lease polls and handles items in id order; checkpoints,
 * retries, dead letters, restart, takeover and fencing, against the EnDocs stub on loopback.
 */
@ExtendWith(NoLeaks.class)
class FeedProcessorTest {

    private static final Duration POLL = Duration.ofMillis(30);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String FEED_PATH = "/api/Output/GetNewInvoices/**";

    private EndocsStub stub;
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final List<FeedProcessor> processors = new ArrayList<>();

    @BeforeEach
    void start() {
        stub = EndocsStub.start().noQuota();
    }

    @AfterEach
    void stop() throws Exception {
        for (FeedProcessor p : processors) {
            p.stop().block(WAIT);
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
        stub.close();
    }

    private EndocsClient client(String userAgent) {
        Transport transport = Transport.builder().userAgent(userAgent).build();
        EndocsClient client = Fixtures.client(stub).transport(transport).build();
        closing.add(client);
        closing.add(transport);
        return client;
    }

    private long invoice(String number) {
        return stub.addDocument(Map.of("DocTypeId", 14, "Source", "Входящий", "DocNumber", number));
    }

    private FeedProcessor process(EndocsClient client, FeedHandler<? super Document> handler, ProcessorOptions options) {
        FeedProcessor p = client.feeds().newInvoices().process(handler, options);
        processors.add(p);
        return p;
    }

    private static ProcessorOptions fast(CheckpointStore store) {
        return ProcessorOptions.defaults().store(store).pollInterval(POLL).leaseTtl(Duration.ofMillis(600))
                .retry(ProcessorOptions.DEFAULT_RETRY.backoff(Duration.ofMillis(1), Duration.ofMillis(2)));
    }

    /** A registry that records one key of the observations of one name as they stop. */
    private static ObservationRegistry recording(String name, String key, List<String> values) {
        return onStop(context -> {
            if (context.getName().equals(name)) {
                values.add(context.getLowCardinalityKeyValue(key).getValue());
            }
        });
    }

    /** A registry that hands every observation to {@code sink} as it stops. */
    private static ObservationRegistry onStop(java.util.function.Consumer<Observation.Context> sink) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(new ObservationHandler<>() {
            @Override
            public void onStop(Observation.Context context) {
                sink.accept(context);
            }

            @Override
            public boolean supportsContext(Observation.Context context) {
                return true;
            }
        });
        return registry;
    }

    private int feedRequests(String userAgent) {
        return (int) stub.server().requests("GET", FEED_PATH).stream()
                .filter(r -> r.header("User-Agent").orElse("").equals(userAgent)).count();
    }

    @Test
    void handlesItemsInIdOrderIncludingOnesSeededWhileRunning() {
        long a = invoice("a");
        long b = invoice("b");
        List<Long> seen = new CopyOnWriteArrayList<>();
        FeedProcessor p = process(client("one"), d -> Mono.fromRunnable(() -> seen.add(d.id())),
                fast(CheckpointStore.memory()));
        await(() -> seen.size() == 2, "the first two items");
        long c = invoice("c");
        long d = invoice("d");
        await(() -> seen.size() == 4, "the items seeded while running");
        assertThat(seen).containsExactly(a, b, c, d);
        await(() -> p.status().lastCheckpoint().orElse(-1) == d, "the checkpoint at the last item");
        assertThat(p.status().role()).isEqualTo(FeedProcessor.Role.HOLDER);
        assertThat(p.status().handled()).isEqualTo(4);
        assertThat(p.status().lag()).isZero();
        assertThat(p.status().name()).startsWith("endocs:").endsWith(":newInvoices")
                .doesNotContain(stub.token());
    }

    @Test
    void theClientCallsOfTheHandlerAreChildrenOfTheItemsObservation() {
        long a = invoice("a");
        List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        ObservationRegistry registry = onStop(stopped::add);
        Transport transport = Transport.builder().build();
        EndocsClient client = Fixtures.client(stub).transport(transport).observationRegistry(registry).build();
        closing.add(client);
        closing.add(transport);
        process(client, d -> client.account().info().then(), fast(CheckpointStore.memory()));
        await(() -> stopped.stream().anyMatch(c -> c.getName().equals("volga.feed.item")), "the item handled");

        Observation.Context item = stopped.stream().filter(c -> c.getName().equals("volga.feed.item")).findFirst().orElseThrow();
        assertThat(item.getHighCardinalityKeyValue("id").getValue()).isEqualTo(Long.toString(a));
        assertThat(stopped).filteredOn(c -> c.getName().equals(ClientObservations.REQUESTS)
                        && "account.info".equals(c.getLowCardinalityKeyValue(ClientObservations.OPERATION).getValue()))
                .singleElement()
                .satisfies(call -> {
                    assertThat(call.getParentObservation()).as("the handler's call hangs under the item").isNotNull();
                    assertThat(call.getParentObservation().getContextView()).isSameAs(item);
                });
    }

    @Test
    void withConcurrencyTheCheckpointNeverPassesAnUnfinishedItem() {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            ids.add(invoice("n" + i));
        }
        CheckpointStore store = CheckpointStore.memory();
        Sinks.Empty<Void> firstDone = Sinks.empty();
        List<Long> started = new CopyOnWriteArrayList<>();
        List<Long> finished = new CopyOnWriteArrayList<>();
        FeedProcessor p = process(client("one"), d -> {
            started.add(d.id());
            Mono<Void> work = d.id() == ids.get(0) ? firstDone.asMono() : Mono.empty();
            return work.then(Mono.fromRunnable(() -> finished.add(d.id())));
        }, fast(store).concurrency(3));
        await(() -> finished.size() == 2, "the two items after the blocked first one");
        // the first item is still in flight: nothing may be checkpointed, and no more than 3 run at once
        assertThat(store.read(p.status().name()).blockOptional(WAIT)).isEmpty();
        assertThat(p.status().lastCheckpoint()).isEmpty();
        assertThat(p.status().lag()).isEqualTo(6);
        assertThat(started).as("at most 3 taken while the first is unfinished").containsExactlyElementsOf(ids.subList(0, 3));
        firstDone.tryEmitEmpty();
        await(() -> p.status().lastCheckpoint().orElse(-1) == ids.get(5), "the checkpoint at the last item");
        assertThat(store.read(p.status().name()).block(WAIT)).isEqualTo(ids.get(5));
        assertThat(finished).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void aFailingItemIsRetriedWithBackoffThenDeadLetteredAndProcessingGoesOn() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        long bad = invoice("bad");
        long good = invoice("good");
        Map<Long, List<Integer>> deliveries = new ConcurrentHashMap<>();
        List<Delivery<Document>> dead = new CopyOnWriteArrayList<>();
        List<Throwable> deadErrors = new CopyOnWriteArrayList<>();
        List<String> outcomes = Collections.synchronizedList(new ArrayList<>());
        ObservationRegistry registry = recording("volga.feed.item", "outcome", outcomes);
        FeedProcessor p = process(client("one"), d -> {
            deliveries.computeIfAbsent(d.id(), k -> new CopyOnWriteArrayList<>()).add(d.deliveryCount());
            if (d.id() == bad) {
                throw new IllegalStateException("1C is down for this one");
            }
            return Mono.empty();
        }, ProcessorOptions.defaults().store(CheckpointStore.memory(clock)).scheduler(clock)
                .observationRegistry(registry)
                .retry(new RetrySettings(3, Duration.ofSeconds(1), Duration.ofSeconds(10), 0.0))
                .deadLetter((Delivery<Document> d, Throwable e) -> Mono.fromRunnable(() -> {
                    dead.add(d);
                    deadErrors.add(e);
                })));
        // timers scheduled on the virtual clock: the lease renewal, then each backoff
        await(() -> deliveries.containsKey(bad) && clock.getScheduledTaskCount() >= 2, "the first try and its backoff");
        clock.advanceTimeBy(Duration.ofMillis(999));
        assertThat(deliveries.get(bad)).as("no retry before the first backoff").containsExactly(1);
        clock.advanceTimeBy(Duration.ofMillis(1));
        await(() -> deliveries.get(bad).size() == 2 && clock.getScheduledTaskCount() >= 3, "the second try after 1 s");
        clock.advanceTimeBy(Duration.ofMillis(1999));
        assertThat(deliveries.get(bad)).as("the backoff doubled").hasSize(2);
        clock.advanceTimeBy(Duration.ofMillis(1));
        await(() -> deliveries.containsKey(good), "the next item after the dead letter");
        assertThat(deliveries.get(bad)).containsExactly(1, 2, 3);
        assertThat(dead).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(bad);
            assertThat(d.deliveryCount()).isEqualTo(3);
        });
        assertThat(deadErrors).singleElement().isInstanceOf(IllegalStateException.class);
        await(() -> p.status().lastCheckpoint().orElse(-1) == good, "the checkpoint passed the dead letter");
        FeedProcessor.Status s = p.status();
        assertThat(s.retries()).isEqualTo(2);
        assertThat(s.deadLetters()).isEqualTo(1);
        assertThat(s.handled()).isEqualTo(1);
        await(() -> outcomes.size() == 4, "four item observations");
        assertThat(outcomes).containsExactly("retry", "retry", "dead-letter", "done");
    }

    @Test
    void aRestartWithTheSameFileStoreResumesAfterTheCheckpoint(@TempDir Path dir) {
        long a = invoice("a");
        long b = invoice("b");
        List<Delivery<Document>> first = new CopyOnWriteArrayList<>();
        FeedProcessor one = process(client("one"), d -> Mono.fromRunnable(() -> first.add(d)),
                fast(CheckpointStore.file(dir)));
        await(() -> one.status().lastCheckpoint().orElse(-1) == b, "the first run's checkpoint");
        one.stop().block(WAIT);
        assertThat(one.status().role()).isEqualTo(FeedProcessor.Role.STOPPED);
        assertThat(first).extracting(Delivery::id).containsExactly(a, b);
        assertThat(first).extracting(Delivery::deliveryCount).containsExactly(1, 1);

        long c = invoice("c");
        List<Delivery<Document>> second = new CopyOnWriteArrayList<>();
        FeedProcessor two = process(client("two"), d -> Mono.fromRunnable(() -> second.add(d)),
                fast(CheckpointStore.file(dir)));
        await(() -> two.status().lastCheckpoint().orElse(-1) == c, "the second run's checkpoint");
        assertThat(second).extracting(Delivery::id).containsExactly(c);
        assertThat(second.get(0).deliveryCount()).as("may have been delivered by the earlier run").isEqualTo(2);
        assertThat(two.status().fence()).isEqualTo(one.status().fence() + 1);
        assertThat(stub.server().requests("GET", FEED_PATH).stream()
                .filter(r -> r.header("User-Agent").orElse("").equals("two")).findFirst().orElseThrow().path())
                .as("the second run polls after the checkpoint").contains("/GetNewInvoices/" + b + "/");
    }

    @Test
    void ofTwoProcessorsOneHoldsAndPollsTheOtherStandsByAndTakesOverAfterStop() {
        CheckpointStore store = CheckpointStore.memory();
        List<Long> handled = new CopyOnWriteArrayList<>();
        List<Long> ids = new ArrayList<>();
        ids.add(invoice("0"));
        ids.add(invoice("1"));
        List<String> leaseA = new CopyOnWriteArrayList<>();
        List<String> leaseB = new CopyOnWriteArrayList<>();
        FeedProcessor a = process(client("a"), d -> Mono.fromRunnable(() -> handled.add(d.id())),
                fast(store).observationRegistry(recording("volga.feed.lease", "change", leaseA)));
        await(() -> a.status().role() == FeedProcessor.Role.HOLDER, "a holds");
        FeedProcessor b = process(client("b"), d -> Mono.fromRunnable(() -> handled.add(d.id())),
                fast(store).observationRegistry(recording("volga.feed.lease", "change", leaseB)));
        await(() -> handled.size() == 2, "a handled the first items");
        ids.add(invoice("2"));
        await(() -> handled.size() == 3, "a handled an item seeded later");
        assertThat(b.status().role()).isEqualTo(FeedProcessor.Role.STANDBY);
        assertThat(feedRequests("b")).as("the standby spends no quota").isZero();
        assertThat(feedRequests("a")).isPositive();

        a.stop().block(WAIT);
        ids.add(invoice("3"));
        await(() -> b.status().role() == FeedProcessor.Role.HOLDER, "b took over");
        await(() -> handled.size() == 4, "b handled the item seeded after the stop");
        assertThat(handled).as("nothing lost, nothing twice").containsExactlyElementsOf(ids);
        assertThat(b.status().fence()).isEqualTo(a.status().fence() + 1);
        assertThat(feedRequests("b")).isPositive();
        assertThat(leaseA).containsExactly("acquired", "released");
        assertThat(leaseB).containsExactly("acquired");
    }

    @Test
    void aPausedHoldersCheckpointIsRefusedByFencingAndItStandsBy() {
        // The store's clock runs; the holder's own clock is frozen, as if the process were paused
        // (SIGSTOP): it renews nothing, its lease expires, another instance takes it over.
        VirtualTimeScheduler storeClock = VirtualTimeScheduler.create();
        VirtualTimeScheduler pausedClock = VirtualTimeScheduler.create();
        CheckpointStore store = CheckpointStore.memory(storeClock);
        long a = invoice("a");
        Sinks.Empty<Void> release = Sinks.empty();
        List<Delivery<Document>> seenByPaused = new CopyOnWriteArrayList<>();
        List<String> leaseChanges = new CopyOnWriteArrayList<>();
        FeedProcessor paused = process(client("paused"), d -> {
            seenByPaused.add(d);
            return release.asMono();
        }, ProcessorOptions.defaults().store(store).scheduler(pausedClock).leaseTtl(Duration.ofSeconds(30))
                .observationRegistry(recording("volga.feed.lease", "change", leaseChanges)));
        await(() -> seenByPaused.size() == 1, "the holder got the item");
        String name = paused.status().name();
        storeClock.advanceTimeBy(Duration.ofSeconds(31));

        List<Delivery<Document>> seenByOther = new CopyOnWriteArrayList<>();
        FeedProcessor other = process(client("other"), d -> Mono.fromRunnable(() -> seenByOther.add(d)),
                ProcessorOptions.defaults().store(store).scheduler(storeClock).leaseTtl(Duration.ofSeconds(30)));
        await(() -> other.status().lastCheckpoint().orElse(-1) == a, "the new holder's checkpoint");
        assertThat(other.status().fence()).isEqualTo(paused.status().fence() + 1);
        assertThat(seenByOther).singleElement().satisfies(d -> assertThat(d.deliveryCount()).isEqualTo(2));

        // the old holder wakes up: its handler completes, its checkpoint write is refused
        release.tryEmitEmpty();
        await(() -> paused.status().role() == FeedProcessor.Role.STANDBY, "the old holder stands by");
        assertThat(leaseChanges).containsExactly("acquired", "lost");
        assertThat(store.read(name).block(WAIT)).isEqualTo(a);
        assertThat(paused.status().lastCheckpoint()).isEmpty();
        assertThat(other.status().role()).isEqualTo(FeedProcessor.Role.HOLDER);
    }

    @Test
    void aStaleLeaseCannotMoveTheCheckpoint(@TempDir Path dir) {
        for (CheckpointStore store : List.of(CheckpointStore.memory(), CheckpointStore.file(dir))) {
            Lease old = store.claim("n", "old", Duration.ofMinutes(1)).block(WAIT);
            store.write(old, 5).block(WAIT);
            assertThat(store.claim("n", "new", Duration.ofMinutes(1)).blockOptional(WAIT)).as("held").isEmpty();
            store.release(old).block(WAIT);
            Lease current = store.claim("n", "new", Duration.ofMinutes(1)).block(WAIT);
            assertThat(current.fence()).isEqualTo(old.fence() + 1);
            assertThatThrownBy(() -> store.write(old, 9).block(WAIT)).isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining("did not move");
            assertThat(store.read("n").block(WAIT)).isEqualTo(5);
            store.write(current, 7).block(WAIT);
            assertThat(store.read("n").block(WAIT)).isEqualTo(7);
        }
    }

    @Test
    void aFailingStoreEndsProcessingWithATypedError(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        FeedProcessor p = process(client("one"), d -> Mono.empty(),
                fast(CheckpointStore.file(notADirectory.resolve("sub"))));
        assertThatThrownBy(() -> p.terminated().block(WAIT)).isInstanceOf(SharedStateException.class);
        assertThat(p.status().role()).isEqualTo(FeedProcessor.Role.FAILED);
        assertThat(stub.server().requestCount()).isZero();
    }

    @Test
    void aNonTransientFeedErrorEndsProcessingAndFreesTheLease() {
        stub.expireToken();
        CheckpointStore store = CheckpointStore.memory();
        FeedProcessor p = process(client("one"), d -> Mono.empty(), fast(store));
        assertThatThrownBy(() -> p.terminated().block(WAIT)).isInstanceOf(AuthenticationException.class);
        assertThat(p.status().role()).isEqualTo(FeedProcessor.Role.FAILED);
        assertThat(store.claim(p.status().name(), "next", Duration.ofSeconds(30)).blockOptional(WAIT))
                .as("released for another instance").isPresent();
        p.stop().block(WAIT);
        assertThat(p.status().role()).as("stop() after a failure changes nothing").isEqualTo(FeedProcessor.Role.FAILED);
    }

    @Test
    void badOptionsAreRefusedBeforeAnyIo() {
        ProcessorOptions o = ProcessorOptions.defaults();
        assertThatThrownBy(() -> o.leaseTtl(Duration.ofMillis(10))).hasMessageContaining("leaseTtl");
        assertThatThrownBy(() -> o.pollInterval(Duration.ZERO)).hasMessageContaining("pollInterval");
        assertThatThrownBy(() -> o.concurrency(0)).hasMessageContaining("concurrency");
        assertThatThrownBy(() -> o.retry(o.retry().maxAttempts(0))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> o.retry(o.retry().backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> o.retry(null)).isInstanceOf(NullPointerException.class).hasMessageContaining("retry");
        assertThat(o.retry()).as("the defaults of before: 5 tries, 1 s doubling to 1 min, no jitter")
                .isEqualTo(new RetrySettings(5, Duration.ofSeconds(1), Duration.ofMinutes(1), 0.0));
        assertThatThrownBy(() -> o.startAfter(-1)).hasMessageContaining("startAfter");
        assertThatThrownBy(() -> o.owner(" ")).hasMessageContaining("owner");
        assertThatThrownBy(() -> o.owner("a\nb")).hasMessageContaining("owner");
        EndocsClient client = client("one");
        assertThatThrownBy(() -> client.feeds().newInvoices().process(null, o)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> client.feeds().newInvoices().process(d -> Mono.empty(), null))
                .isInstanceOf(NullPointerException.class);
        assertThat(stub.server().requestCount()).isZero();
    }
}
