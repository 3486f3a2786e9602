package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import io.netty.util.ResourceLeakTracker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Proves the leak detection wiring the build relies on: the test JVM runs with
 * {@code -Dio.netty.customResourceLeakDetector=dev.volga.testkit.LeakDetection} at paranoid level.
 */
@ExtendWith(NoLeaks.class)
class LeakDetectionTest {

    /** A resource type of our own, so the test does not depend on buffer internals. */
    static final class Probe {
    }

    @Test
    void nettyInstantiatesLeakDetectionThroughBothFactoryConstructors() {
        ResourceLeakDetector<Probe> twoArgs =
                ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Probe.class, 1);
        @SuppressWarnings("deprecation")
        ResourceLeakDetector<Probe> threeArgs =
                ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Probe.class, 1, Long.MAX_VALUE);

        assertThat(twoArgs).isInstanceOf(LeakDetection.class);
        assertThat(threeArgs).isInstanceOf(LeakDetection.class);
        assertThat(LeakDetection.isActive()).isTrue();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    @Test
    void recordsALeakedTrackedResource() {
        ResourceLeakDetector<Probe> detector =
                ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Probe.class, 1);
        String hint = "probe-" + UUID.randomUUID();
        leakProbe(detector, hint);

        List<String> found = List.of();
        for (int i = 0; i < 20 && found.isEmpty(); i++) {
            System.gc();
            sleep(20);
            // tracking a new resource makes the detector poll its queue
            Probe probe = new Probe();
            detector.track(probe).close(probe);
            found = LeakDetection.leaks().stream().filter(l -> l.contains(hint)).toList();
        }

        assertThat(found).singleElement().asString().contains("Probe.release() was not called", hint);
        LeakDetection.forget(found);
    }

    @Test
    void forceDetectionFindsALeakedBuffer() {
        String hint = "leaked-buffer-" + UUID.randomUUID();
        leakBuffer(hint);

        List<String> found = List.of();
        for (int i = 0; i < 5 && found.isEmpty(); i++) {
            found = LeakDetection.forceDetection().stream().filter(l -> l.contains(hint)).toList();
        }

        assertThat(found).singleElement().asString().contains("ByteBuf.release() was not called", hint);
        LeakDetection.forget(found);
        assertThat(LeakDetection.leaks()).noneMatch(l -> l.contains(hint));
    }

    @Test
    void noLeaksFailsOnARecordedLeakAndForgetsIt() {
        String hint = "no-leaks-" + UUID.randomUUID();
        leakBuffer(hint);

        AssertionError error = null;
        for (int i = 0; i < 5 && error == null; i++) {
            try {
                NoLeaks.assertNoLeaks("the leaking test");
            } catch (AssertionError e) {
                error = e;
            }
        }

        assertThat(error).isNotNull();
        assertThat(error.getMessage()).contains("during the leaking test", hint);
        assertThat(LeakDetection.leaks()).noneMatch(l -> l.contains(hint));
    }

    @Test
    void releasedBuffersAreNotReported() {
        String hint = "released-" + UUID.randomUUID();
        ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.directBuffer(16).touch(hint);
        buf.writeBytes("fine".getBytes(StandardCharsets.UTF_8));
        buf.release();
        buf = null;

        assertThat(LeakDetection.forceDetection()).noneMatch(l -> l.contains(hint));
    }

    @Test
    void clearForgetsEverything() {
        ResourceLeakDetector<Probe> detector =
                ResourceLeakDetectorFactory.instance().newResourceLeakDetector(Probe.class, 1);
        String hint = "clear-" + UUID.randomUUID();
        leakProbe(detector, hint);
        for (int i = 0; i < 20 && LeakDetection.leaks().stream().noneMatch(l -> l.contains(hint)); i++) {
            System.gc();
            sleep(20);
            Probe probe = new Probe();
            detector.track(probe).close(probe);
        }
        assertThat(LeakDetection.leaks()).anyMatch(l -> l.contains(hint));

        LeakDetection.clear();

        assertThat(LeakDetection.leaks()).isEmpty();
    }

    @Test
    void forceDetectionWithoutLeaksReturnsNothingNew() {
        List<String> before = LeakDetection.leaks();
        assertThat(LeakDetection.forceDetection()).containsExactlyElementsOf(before);
    }

    /** Tracks a probe and drops it unclosed; a separate frame so no local keeps it reachable. */
    private static void leakProbe(ResourceLeakDetector<Probe> detector, String hint) {
        ResourceLeakTracker<Probe> tracker = detector.track(new Probe());
        assertThat(tracker).isNotNull();
        tracker.record(hint);
    }

    /** Allocates a buffer and drops it unreleased (unpooled heap buffers are not tracked, direct ones are). */
    private static void leakBuffer(String hint) {
        ByteBuf buf = UnpooledByteBufAllocator.DEFAULT.directBuffer(16);
        buf.writeBytes("leak".getBytes(StandardCharsets.UTF_8));
        buf.touch(hint);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
