package dev.volga.transport.spi;

import dev.volga.api.LeaseLostException;
import dev.volga.transport.spi.SharedState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.scheduler.VirtualTimeScheduler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link CheckpointStore} contract, for the memory and the file store. */
class CheckpointStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration TTL = Duration.ofSeconds(30);
    private static final String NAME = "endocs:0123abcd:newContracts";

    @TempDir
    Path dir;

    private List<CheckpointStore> stores() {
        return List.of(CheckpointStore.memory(), CheckpointStore.file(dir.resolve("feeds")));
    }

    @Test
    void oneHolderAtATimeAndTheFenceGrowsWithEachNewTenureOnly() {
        for (CheckpointStore store : stores()) {
            Lease a = store.claim(NAME, "a", TTL).block(WAIT);
            assertThat(a.owner()).isEqualTo("a");
            assertThat(store.claim(NAME, "b", TTL).blockOptional(WAIT)).as(store + ": held by a").isEmpty();
            assertThat(store.claim(NAME, "a", TTL).block(WAIT).fence()).as("a renewal keeps the fence").isEqualTo(a.fence());
            store.release(a).block(WAIT);
            Lease b = store.claim(NAME, "b", TTL).block(WAIT);
            assertThat(b.fence()).isEqualTo(a.fence() + 1);
            store.release(a).block(WAIT);
            assertThat(store.claim(NAME, "c", TTL).blockOptional(WAIT)).as("a stale release frees nothing").isEmpty();
        }
    }

    @Test
    void aCheckpointIsReadBackAndAStaleLeaseCannotMoveIt() {
        for (CheckpointStore store : stores()) {
            assertThat(store.read(NAME).blockOptional(WAIT)).isEmpty();
            Lease a = store.claim(NAME, "a", TTL).block(WAIT);
            store.write(a, 41).block(WAIT);
            assertThat(store.read(NAME).block(WAIT)).isEqualTo(41);
            store.release(a).block(WAIT);
            Lease b = store.claim(NAME, "b", TTL).block(WAIT);
            assertThatThrownBy(() -> store.write(a, 99).block(WAIT)).isInstanceOf(LeaseLostException.class)
                    .hasMessageContaining(NAME);
            assertThat(store.read(NAME).block(WAIT)).isEqualTo(41);
            store.write(b, 42).block(WAIT);
            assertThat(store.read(NAME).block(WAIT)).isEqualTo(42);
        }
    }

    @Test
    void anExpiredLeasePassesOnAndItsHolderCanNoLongerWrite() {
        VirtualTimeScheduler clock = VirtualTimeScheduler.create();
        CheckpointStore store = CheckpointStore.memory(clock);
        Lease a = store.claim(NAME, "a", TTL).block(WAIT);
        clock.advanceTimeBy(TTL.minusMillis(1));
        assertThat(store.claim(NAME, "b", TTL).blockOptional(WAIT)).as("still live").isEmpty();
        clock.advanceTimeBy(Duration.ofMillis(1));
        assertThatThrownBy(() -> store.write(a, 1).block(WAIT)).as("expired").isInstanceOf(LeaseLostException.class);
        Lease b = store.claim(NAME, "b", TTL).block(WAIT);
        assertThat(b.fence()).isEqualTo(a.fence() + 1);
        assertThat(store.claim(NAME, "a", TTL).blockOptional(WAIT)).isEmpty();
        assertThat(store.read(NAME).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void theFileStoreKeepsStateAcrossInstancesInOneTidyFilePerName() throws Exception {
        Path feeds = dir.resolve("feeds");
        CheckpointStore first = CheckpointStore.file(feeds);
        Lease a = first.claim(NAME, "a", TTL).block(WAIT);
        first.write(a, 7).block(WAIT);
        first.release(a).block(WAIT);

        CheckpointStore second = CheckpointStore.file(feeds);
        assertThat(second.read(NAME).block(WAIT)).isEqualTo(7);
        assertThat(second.claim(NAME, "b", TTL).block(WAIT).fence()).as("the fence survives").isEqualTo(a.fence() + 1);
        try (Stream<Path> files = Files.list(feeds)) {
            assertThat(files.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                    .containsExactlyInAnyOrder("endocs%3A0123abcd%3AnewContracts.checkpoint",
                            "endocs%3A0123abcd%3AnewContracts.lock");
        }
        assertThat(Files.readString(feeds.resolve("endocs%3A0123abcd%3AnewContracts.checkpoint")))
                .contains("fence=" + (a.fence() + 1)).contains("checkpoint=7").contains("owner=b");
    }

    @Test
    void concurrentClaimsOnOneDirectoryFromTwoStoreInstancesGiveOneHolder() {
        Path feeds = dir.resolve("feeds");
        CheckpointStore one = CheckpointStore.file(feeds);
        CheckpointStore two = CheckpointStore.file(feeds);
        List<Optional<Lease>> won = Flux.range(0, 16)
                .flatMap(i -> (i % 2 == 0 ? one : two).claim(NAME, "owner-" + i, TTL).map(Optional::of)
                        .defaultIfEmpty(Optional.empty()))
                .collectList().block(WAIT);
        assertThat(won.stream().filter(Optional::isPresent).count()).isEqualTo(1);
        assertThat(won.stream().flatMap(Optional::stream).findFirst().orElseThrow().fence()).isEqualTo(1);
    }

    @Test
    void anUnusableDirectoryIsATypedErrorNotAHang() throws Exception {
        Path file = Files.writeString(dir.resolve("plain-file"), "x");
        CheckpointStore store = CheckpointStore.file(file.resolve("sub"));
        assertThatThrownBy(() -> store.claim(NAME, "a", TTL).block(WAIT))
                .isInstanceOf(dev.volga.api.SharedStateException.class)
                .hasMessageContaining("file checkpoint store");
    }

    @Test
    void theLocalSharedStateHasOneMemoryStorePerJvmAndBadArgumentsFailAtOnce() {
        assertThat(SharedState.local().checkpointStore()).isSameAs(SharedState.local().checkpointStore());
        CheckpointStore store = CheckpointStore.memory();
        assertThatThrownBy(() -> store.claim(NAME, "a", Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.claim(null, "a", TTL)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> CheckpointStore.file(null)).isInstanceOf(NullPointerException.class);
    }
}
