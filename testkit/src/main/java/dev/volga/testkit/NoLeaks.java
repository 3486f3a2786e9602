package dev.volga.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that fails a test class when Netty reported a leaked resource while it ran:
 * after all tests of the class it calls {@link LeakDetection#forceDetection()} and, if any leak was
 * recorded, clears the record and fails with the leak reports. Use with
 * {@code @ExtendWith(NoLeaks.class)} and the system properties described in {@link LeakDetection};
 * without them it finds nothing and passes, and says so once per JVM: a {@code WARNING} on the
 * {@code dev.volga.testkit} {@link System.Logger} naming the missing flags.
 *
 * <p>A leak is reported once its buffer has been garbage-collected, so a leak caused by one class
 * may occasionally be attributed to a later one.
 */
public final class NoLeaks implements AfterAllCallback {

    private static final System.Logger LOG = System.getLogger("dev.volga.testkit");
    private static final AtomicBoolean WARNED = new AtomicBoolean();
    private static final String DETECTOR = "io.netty.customResourceLeakDetector";
    private static final String LEVEL = "io.netty.leakDetection.level";
    private static final String LEGACY_LEVEL = "io.netty.leakDetectionLevel";

    /** Creates the extension; JUnit calls this. */
    public NoLeaks() {
    }

    /**
     * Forces leak detection and fails on recorded leaks.
     *
     * @param context the test class context
     * @throws AssertionError listing the leaks, if any
     */
    @Override
    public void afterAll(ExtensionContext context) {
        assertNoLeaks(context.getDisplayName());
    }

    /**
     * Forces leak detection and fails on recorded leaks, for use without the extension.
     *
     * @param where names the checked code in the failure message
     * @throws AssertionError listing the leaks, if any
     */
    public static void assertNoLeaks(String where) {
        warnIfUnarmed(System::getProperty, WARNED);
        List<String> leaks = LeakDetection.forceDetection();
        if (!leaks.isEmpty()) {
            LeakDetection.forget(leaks);
            throw new AssertionError(leaks.size() + " Netty resource leak(s) reported during " + where + ":\n"
                    + String.join("\n\n", leaks));
        }
    }

    /**
     * Logs one warning, the first time only ({@code warned} false), when the JVM lacks the flags
     * that make Netty report leaks to {@link LeakDetection}.
     *
     * @return whether this call logged the warning
     */
    static boolean warnIfUnarmed(UnaryOperator<String> properties, AtomicBoolean warned) {
        String missing = missingFlags(properties);
        if (missing == null || !warned.compareAndSet(false, true)) {
            return false;
        }
        LOG.log(System.Logger.Level.WARNING, "NoLeaks checks nothing: the test JVM lacks " + missing
                + " (add them to Surefire's argLine); Netty will not report leaked buffers to dev.volga.testkit.LeakDetection");
        return true;
    }

    /** The missing leak-detector flags as {@code -D} options, or null when both are set. */
    static String missingFlags(UnaryOperator<String> properties) {
        List<String> missing = new ArrayList<>();
        if (!LeakDetection.class.getName().equals(properties.apply(DETECTOR))) {
            missing.add("-D" + DETECTOR + "=" + LeakDetection.class.getName());
        }
        String level = properties.apply(LEVEL);
        if (level == null) {
            level = properties.apply(LEGACY_LEVEL);
        }
        if (level == null || !level.trim().equalsIgnoreCase("paranoid")) {
            missing.add("-D" + LEVEL + "=paranoid");
        }
        return missing.isEmpty() ? null : String.join(" ", missing);
    }
}
