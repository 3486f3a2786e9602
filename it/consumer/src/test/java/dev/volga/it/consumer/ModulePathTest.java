package dev.volga.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.testkit.LeakDetection;
import org.junit.jupiter.api.Test;

/** The proof runs as a user's would: on the module path, with the leak detector the build asks for. */
class ModulePathTest {

    @Test
    void theTestsRunInsideTheConsumerModuleAgainstTheNamedClientModules() {
        assertThat(getClass().getModule().getName()).isEqualTo("dev.volga.it.consumer");
        assertThat(NodulClient.class.getModule().getName()).isEqualTo("dev.volga.nodul");
        assertThat(EndocsClient.class.getModule().getName()).isEqualTo("dev.volga.endocs");
        assertThat(ClodoClient.class.getModule().getName()).isEqualTo("dev.volga.clodo");
        assertThat(System.getProperty("jdk.module.path")).isNotBlank();
    }

    @Test
    void nettyRecordsLeaksIntoTheTestkitAtParanoidLevel() {
        assertThat(System.getProperty("io.netty.leakDetection.level")).isEqualTo("paranoid");
        // creating the ByteBuf leak detector happens when the first buffer class initialises
        LeakDetection.forceDetection();
        assertThat(LeakDetection.isActive()).isTrue();
    }
}
