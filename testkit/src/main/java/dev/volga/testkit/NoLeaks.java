package dev.volga.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that fails a test class when Netty reported a leaked resource while it ran:
 * after all tests of the class it calls {@link LeakDetection#forceDetection()} and, if any leak was
 * recorded, clears the record and fails with the leak reports. Use with
 * {@code @ExtendWith(NoLeaks.class)} and the system properties described in {@link LeakDetection};
 * without them it finds nothing and passes.
 *
 * <p>A leak is reported once its buffer has been garbage-collected, so a leak caused by one class
 * may occasionally be attributed to a later one.
 */
public final class NoLeaks implements AfterAllCallback {

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
        List<String> leaks = LeakDetection.forceDetection();
        if (!leaks.isEmpty()) {
            LeakDetection.forget(leaks);
            throw new AssertionError(leaks.size() + " Netty resource leak(s) reported during " + where + ":\n"
                    + String.join("\n\n", leaks));
        }
    }
}
