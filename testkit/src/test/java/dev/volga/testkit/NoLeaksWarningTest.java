package dev.volga.testkit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

/** NoLeaks says once, as a WARNING, that it checks nothing when the leak-detector flags are missing. */
class NoLeaksWarningTest {

    private static final UnaryOperator<String> NONE = name -> null;

    @Test
    void namesEachMissingFlag() {
        assertThat(NoLeaks.missingFlags(NONE))
                .contains("-Dio.netty.customResourceLeakDetector=dev.volga.testkit.LeakDetection")
                .contains("-Dio.netty.leakDetection.level=paranoid");
        Map<String, String> detectorOnly = Map.of("io.netty.customResourceLeakDetector", "dev.volga.testkit.LeakDetection");
        assertThat(NoLeaks.missingFlags(detectorOnly::get))
                .isEqualTo("-Dio.netty.leakDetection.level=paranoid");
        Map<String, String> both = Map.of("io.netty.customResourceLeakDetector", "dev.volga.testkit.LeakDetection",
                "io.netty.leakDetection.level", "PARANOID");
        assertThat(NoLeaks.missingFlags(both::get)).isNull();
        Map<String, String> legacy = Map.of("io.netty.customResourceLeakDetector", "dev.volga.testkit.LeakDetection",
                "io.netty.leakDetectionLevel", "paranoid");
        assertThat(NoLeaks.missingFlags(legacy::get)).isNull();
    }

    @Test
    void thisBuildsTestJvmHasTheFlags() {
        assertThat(NoLeaks.missingFlags(System::getProperty)).as("the root pom's argLine").isNull();
    }

    @Test
    void warnsOncePerJvmAsAWarning() {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) { records.add(r); }
            @Override public void flush() { }
            @Override public void close() { }
        };
        Logger logger = Logger.getLogger("dev.volga.testkit");
        logger.addHandler(capture);
        try {
            AtomicBoolean warned = new AtomicBoolean();
            assertThat(NoLeaks.warnIfUnarmed(NONE, warned)).isTrue();
            assertThat(NoLeaks.warnIfUnarmed(NONE, warned)).isFalse();
            assertThat(NoLeaks.warnIfUnarmed(NONE, warned)).isFalse();
        } finally {
            logger.removeHandler(capture);
        }
        assertThat(records).hasSize(1);
        assertThat(records.get(0).getLevel()).isEqualTo(Level.WARNING);
        assertThat(records.get(0).getMessage()).contains("NoLeaks checks nothing").contains("argLine");
    }
}
