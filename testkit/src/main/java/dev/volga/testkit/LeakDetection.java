package dev.volga.testkit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Netty {@link ResourceLeakDetector} that records every reported leak, so a test run can fail on
 * it instead of only logging it. Activate it with the system properties
 * {@code -Dio.netty.customResourceLeakDetector=dev.volga.testkit.LeakDetection} and, to see every
 * buffer, {@code -Dio.netty.leakDetection.level=paranoid}; Netty's
 * {@code ResourceLeakDetectorFactory} then instantiates it reflectively for each resource type
 * (it looks up the public constructors {@code (Class, int)} and, for older callers,
 * {@code (Class, int, long)}).
 *
 * <p>Netty reports a leak only when a garbage-collected resource is found on the detector's
 * reference queue, which it polls each time it tracks a new resource of the same type.
 * {@link #forceDetection()} provokes both for {@code ByteBuf}s; {@link NoLeaks} does so after a
 * test class and fails it on any recorded leak.
 *
 * @param <T> the tracked resource type
 */
public class LeakDetection<T> extends ResourceLeakDetector<T> {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    private static final int ROUNDS = 3;
    private static final long ROUND_WAIT_MILLIS = 300;

    /**
     * The constructor Netty's {@code ResourceLeakDetectorFactory} calls.
     *
     * @param resourceType the tracked type
     * @param samplingInterval track one in this many resources (below paranoid level)
     */
    public LeakDetection(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
        INSTANCES.incrementAndGet();
    }

    /**
     * The obsolete constructor Netty's {@code ResourceLeakDetectorFactory} still calls for
     * {@code newResourceLeakDetector(Class, int, long)}.
     *
     * @param resourceType the tracked type
     * @param samplingInterval track one in this many resources (below paranoid level)
     * @param maxActive ignored by Netty
     */
    @SuppressWarnings("deprecation")
    public LeakDetection(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
        INSTANCES.incrementAndGet();
    }

    /**
     * Whether Netty uses this detector, i.e. created at least one instance. Netty creates the
     * {@code ByteBuf} detector when the first buffer class is initialised.
     *
     * @return true if leaks are being recorded
     */
    public static boolean isActive() {
        return INSTANCES.get() > 0;
    }

    /**
     * The leaks recorded since the last {@link #clear()}.
     *
     * @return an immutable snapshot: resource type and Netty's access records, one string per leak
     */
    public static List<String> leaks() {
        return List.copyOf(LEAKS);
    }

    /**
     * Forgets the recorded leaks.
     */
    public static void clear() {
        LEAKS.clear();
    }

    /** Forgets the given leaks only, keeping any recorded since they were read. */
    static void forget(List<String> leaks) {
        LEAKS.removeAll(leaks);
    }

    /**
     * Provokes leak reports for {@code ByteBuf}s: runs the garbage collector until a weakly
     * reachable canary is collected and enqueued, then allocates and releases buffers from the
     * default, pooled and unpooled allocators so that Netty polls its reference queue. Repeats a few
     * times and stops early once a new leak is recorded; takes about a second at most. Does nothing
     * harmful when this detector is not active.
     *
     * @return the leaks recorded so far, as {@link #leaks()}
     */
    public static List<String> forceDetection() {
        int before = LEAKS.size();
        for (int round = 0; round < ROUNDS && LEAKS.size() <= before; round++) {
            awaitGc();
            touchAllocators();
        }
        return leaks();
    }

    /**
     * Tells Netty to report every leak, even when its logger has errors disabled.
     *
     * @return always true
     */
    @Override
    protected boolean needReport() {
        return true;
    }

    /**
     * Records a leak with access records, then logs it as Netty does.
     *
     * @param resourceType the leaked type
     * @param records Netty's access records
     */
    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected." + records);
        super.reportTracedLeak(resourceType, records);
    }

    /**
     * Records a leak without access records, then logs it as Netty does.
     *
     * @param resourceType the leaked type
     */
    @Override
    protected void reportUntracedLeak(String resourceType) {
        LEAKS.add("LEAK: " + resourceType + ".release() was not called before it was garbage-collected"
                + " (no access records; use -Dio.netty.leakDetection.level=paranoid).");
        super.reportUntracedLeak(resourceType);
    }

    private static void awaitGc() {
        ReferenceQueue<Object> queue = new ReferenceQueue<>();
        WeakReference<Object> canary = new WeakReference<>(new Object(), queue);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_WAIT_MILLIS);
        try {
            while (System.nanoTime() < deadline) {
                System.gc();
                if (queue.remove(20) != null) {
                    // the reference handler has enqueued the canary; give it a moment for the others
                    Thread.sleep(10);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            canary.clear();
        }
    }

    private static void touchAllocators() {
        ByteBufAllocator[] allocators = {ByteBufAllocator.DEFAULT, PooledByteBufAllocator.DEFAULT,
            UnpooledByteBufAllocator.DEFAULT};
        // every allocation is tracked at paranoid level; below, enough to be sampled (interval 128)
        int allocations = getLevel() == Level.PARANOID ? 2 : 2 * 128;
        for (int i = 0; i < allocations; i++) {
            for (ByteBufAllocator allocator : allocators) {
                ByteBuf heap = allocator.heapBuffer(8);
                heap.release();
                ByteBuf direct = allocator.directBuffer(8);
                direct.release();
            }
        }
    }
}
