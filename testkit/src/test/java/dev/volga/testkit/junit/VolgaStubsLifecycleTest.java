package dev.volga.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.nodul.NodulStub;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * What happens around a test class: which stubs start, how often, and that they are closed
 * after the class. Runs the static inner classes below with the JUnit Platform's
 * {@link EngineTestKit} (Surefire skips them itself: nested class names contain {@code $}).
 */
@ExtendWith(NoLeaks.class)
class VolgaStubsLifecycleTest {

    static final List<Object> SEEN = new CopyOnWriteArrayList<>();
    static final List<Set<StubKind>> STARTED = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        SEEN.clear();
        STARTED.clear();
    }

    /** Asks for Clodo only, in two tests (in this order: the second sees what the first left). */
    @VolgaStubs
    @org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
    static class ClodoOnly {

        @RegisterExtension
        static final AfterAllCallback PEEK = context -> STARTED.add(VolgaStubsExtension.started(context));

        @Test
        @org.junit.jupiter.api.Order(1)
        void first(ClodoStub clodo) {
            SEEN.add(clodo);
            clodo.addServer("web", "VDS", "is_running");
            assertThat(clodo.serverIds()).hasSize(1);
            assertThat(Http.get(clodo.authUrl() + "/",
                    Map.of("X-Auth-User", VolgaStubs.CLODO_USER, "X-Auth-Key", VolgaStubs.CLODO_KEY))).isEqualTo(204);
        }

        @Test
        @org.junit.jupiter.api.Order(2)
        void second(ClodoStub clodo) {
            SEEN.add(clodo);
            assertThat(clodo.journal()).isEmpty();
            assertThat(clodo.serverIds()).as("data seeded by the first test was reset").isEmpty();
        }
    }

    /** Asks for nothing. */
    @VolgaStubs
    static class NoStubs {

        @RegisterExtension
        static final AfterAllCallback PEEK = context -> STARTED.add(VolgaStubsExtension.started(context));

        @Test
        void nothing() {
            SEEN.add("ran");
        }
    }

    /** A second class using Nodul, to show classes do not share stubs. */
    @VolgaStubs
    static class NodulOnly {

        @Test
        void one(NodulStub nodul) {
            SEEN.add(nodul);
        }
    }

    /** Another class using Nodul. */
    @VolgaStubs
    static class NodulToo {

        @Test
        void one(NodulStub nodul) {
            SEEN.add(nodul);
        }
    }

    private static EngineExecutionResults run(Class<?>... classes) {
        var request = EngineTestKit.engine("junit-jupiter");
        for (Class<?> c : classes) {
            request = request.selectors(selectClass(c));
        }
        return request.execute();
    }

    @Test
    void startsOnlyTheRequestedStubsOncePerClassAndClosesThemAfterIt() {
        EngineExecutionResults results = run(ClodoOnly.class);

        results.allEvents().assertStatistics(s -> s.failed(0));
        results.testEvents().assertStatistics(s -> s.succeeded(2));
        assertThat(SEEN).hasSize(2);
        ClodoStub clodo = (ClodoStub) SEEN.get(0);
        assertThat(SEEN.get(1)).isSameAs(clodo);
        assertThat(STARTED).containsExactly(Set.of(StubKind.CLODO));
        assertThat(Http.listening(clodo.authUrl())).as("closed after the class").isFalse();
    }

    @Test
    void startsNothingForAClassThatAsksForNothing() {
        EngineExecutionResults results = run(NoStubs.class);

        results.allEvents().assertStatistics(s -> s.failed(0));
        assertThat(SEEN).containsExactly("ran");
        assertThat(STARTED).containsExactly(Set.of());
    }

    @Test
    void eachTestClassGetsItsOwnStubs() {
        EngineExecutionResults results = run(NodulOnly.class, NodulToo.class);

        results.allEvents().assertStatistics(s -> s.failed(0));
        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates().allMatch(NodulStub.class::isInstance);
        assertThat(SEEN).noneMatch(stub -> Http.listening(((NodulStub) stub).baseUrl()));
    }

    @Test
    void theAnnotationRegistersTheLeakCheckSoItRunsAfterTheStubsAreClosed() {
        ExtendWith[] registered = VolgaStubs.class.getAnnotationsByType(ExtendWith.class);

        // after-all callbacks run in reverse registration order: VolgaStubsExtension (closing) first
        assertThat(registered).extracting(e -> List.of(e.value()))
                .containsExactly(List.of(NoLeaks.class), List.of(VolgaStubsExtension.class));
    }

    @Test
    void closedStubsAreClosedForGoodAndClosingTwiceIsHarmless() {
        Stubs stubs = new Stubs();
        NodulStub nodul = (NodulStub) stubs.get(StubKind.NODUL);
        assertThat(stubs.get(StubKind.NODUL)).isSameAs(nodul);
        assertThat(stubs.started()).containsExactly(StubKind.NODUL);
        assertThat(Http.listening(nodul.baseUrl())).isTrue();

        stubs.close();
        stubs.close();

        assertThat(Http.listening(nodul.baseUrl())).isFalse();
        assertThatThrownBy(() -> stubs.get(StubKind.CLODO)).isInstanceOf(IllegalStateException.class);
    }
}
