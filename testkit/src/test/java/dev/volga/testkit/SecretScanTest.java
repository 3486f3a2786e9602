package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.Loggers;

/** The scanner finds what it must (it can fail a run), and the build's test JVMs really feed it. */
class SecretScanTest {

    private static final String TOKEN = "tok-3f9a1c7e5b44";

    @Test
    void aLineWithARegisteredSecretIsReportedWithTheSecretMasked() {
        SecretScanner scanner = new SecretScanner();
        scanner.register(TOKEN);

        scanner.scan("a.logger", "→ GET /plans?AUTH_TOKEN=" + TOKEN + " HTTP/1.1");
        scanner.scan("a.logger", "→ GET /plans?AUTH_TOKEN=*** HTTP/1.1");
        scanner.scan("b.logger", TOKEN);

        SecretScanner.Report report = scanner.report();
        assertThat(report.linesScanned()).isEqualTo(3);
        assertThat(report.secretsChecked()).isOne();
        assertThat(report.hitCount()).isEqualTo(2);
        assertThat(report.hits()).extracting(SecretScanner.Hit::source).containsExactly("a.logger", "b.logger");
        assertThat(report.hits().get(0).excerpt()).isEqualTo("→ GET /plans?AUTH_TOKEN=<secret tok…(16)> HTTP/1.1");
        assertThat(report.toString() + report.summary() + SecretScan.render(report)).doesNotContain(TOKEN);
        assertThat(report.summary()).isEqualTo("3 lines and 0 exceptions scanned for 1 secrets: 2 hits");
    }

    @Test
    void shortOrBlankValuesAreNotSecretsAndAForgottenSecretTakesItsHitsAlong() {
        SecretScanner scanner = new SecretScanner();
        scanner.register("tok-1", "       ", null, "");
        assertThat(scanner.secrets()).isEmpty();

        scanner.register(TOKEN);
        scanner.scan("x", "leaked " + TOKEN);
        assertThat(scanner.report().hitCount()).isOne();
        scanner.forget(TOKEN);
        assertThat(scanner.report().hitCount()).isZero();
        assertThat(scanner.secrets()).isEmpty();
    }

    @Test
    void aSecretRegisteredJustAfterTheLineThatShowsItIsStillFound() {
        SecretScanner scanner = new SecretScanner();
        scanner.scan("client", "→ sending key wrong-key-0123456789");
        for (int i = 0; i < 100; i++) {
            scanner.scan("client", "other line " + i);
        }

        scanner.register("wrong-key-0123456789"); // the stub learns the key when the request arrives

        assertThat(scanner.report().hits()).singleElement().extracting(SecretScanner.Hit::source).isEqualTo("client");
    }

    @Test
    void anExceptionIsScannedWithItsCausesAndSuppressedOnes() {
        SecretScanner scanner = new SecretScanner();
        scanner.register(TOKEN, "key-abcdef0123456789");
        IllegalStateException top = new IllegalStateException("call failed", new RuntimeException("server said " + TOKEN));
        top.addSuppressed(new IllegalArgumentException("key-abcdef0123456789 refused"));

        scanner.scan("test", top);
        scanner.scan("test", new IllegalStateException("nothing secret"));

        SecretScanner.Report report = scanner.report();
        assertThat(report.throwablesScanned()).isEqualTo(2);
        assertThat(report.hits()).extracting(SecretScanner.Hit::source)
                .containsExactlyInAnyOrder("test (java.lang.RuntimeException)", "test (java.lang.IllegalArgumentException)");
    }

    @Test
    void aWiretapHexDumpIsReadBackSoASecretSplitOverItsRowsIsFound() {
        String secret = "endocs-abcdef0123456789";
        String dump = "[id: 0x1] WRITE: 80B\n" + ByteBufUtil.prettyHexDump(Unpooled.copiedBuffer(
                "GET / HTTP/1.1\r\nAuthorization: Bearer " + secret + "\r\n\r\n", StandardCharsets.US_ASCII));
        assertThat(dump).as("the dump's text column splits the secret over rows").doesNotContain(secret);
        SecretScanner scanner = new SecretScanner();
        scanner.register(secret);

        scanner.scan("reactor.netty.http.client.HttpClient", dump);

        assertThat(scanner.report().hits()).singleElement()
                .satisfies(h -> assertThat(h.source()).isEqualTo("reactor.netty.http.client.HttpClient (hex dump)"))
                .satisfies(h -> assertThat(h.excerpt()).contains("Bearer <secret end…(23)>"));
    }

    @Test
    void oneSecretAmongAThousandIsFoundAnywhereInALine() {
        SecretScanner scanner = new SecretScanner();
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            secrets.add(UUID.randomUUID().toString());
        }
        scanner.register(secrets.toArray(String[]::new));
        String one = secrets.get(537);

        scanner.scan("x", one);
        scanner.scan("x", "at the end: " + one);
        scanner.scan("x", one + " at the start");
        scanner.scan("x", one.substring(0, 20) + " almost " + one.substring(1));

        assertThat(scanner.report().hitCount()).isEqualTo(3);
    }

    /**
     * The build sets {@code -Djava.util.logging.config.class=dev.volga.testkit.SecretScanConfig} and
     * {@code -Dreactor.logging.fallback=JDK}: a DEBUG line of System.Logger, of Netty and of Reactor,
     * and an error delivered to a subscriber, all reach the scan; the console stays at INFO.
     */
    @Test
    void everyTestJvmOfTheBuildFeedsTheScanFromEveryLoggerAndFromReactorErrors() throws Exception {
        assertThat(SecretScan.isInstalled()).as("the build's argLine installs the scan").isTrue();
        assertThat(Logger.getLogger("").getLevel()).isEqualTo(Level.ALL);
        for (Handler h : Logger.getLogger("").getHandlers()) {
            assertThat(h.getClass().getName().endsWith("SecretScan$Capture") || h.getLevel().intValue() >= Level.INFO.intValue())
                    .as("%s prints no DEBUG line", h).isTrue();
        }
        assertThat(InternalLoggerFactory.getDefaultFactory()).as("Netty logs to java.util.logging").isInstanceOf(JdkLoggerFactory.class);
        String canary = "canary-" + UUID.randomUUID();
        SecretScan.register(canary);
        try {
            System.getLogger("dev.volga.scan.test").log(System.Logger.Level.DEBUG, "system logger says " + canary);
            InternalLoggerFactory.getInstance("io.netty.scan.test").debug("netty says {}", canary);
            Loggers.getLogger("reactor.scan.test").debug("reactor says {}", canary);
            Mono.error(new IllegalStateException("failed with " + canary)).subscribe(v -> { }, e -> { });

            assertThat(SecretScan.report().hits()).filteredOn(h -> h.secret().equals("can…(" + canary.length() + ")"))
                    .extracting(SecretScanner.Hit::source)
                    .containsExactlyInAnyOrder("dev.volga.scan.test", "io.netty.scan.test", "reactor.scan.test",
                            "error delivered to a subscriber (java.lang.IllegalStateException)");
            assertThatThrownBy(SecretScan::assertNoSecretLeaked).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("can…(" + canary.length() + ")").hasMessageNotContaining(canary);
            // what the JVM writes when it ends: the file the build refuses
            Path leaked = Files.createTempDirectory("secret-scan");
            SecretScan.writeReport(leaked);
            assertThat(leaked.resolve(SecretScan.LEAKS_FILE)).exists().content().contains("can…(" + canary.length() + ")")
                    .doesNotContain(canary);
        } finally {
            SecretScan.scanner().forget(canary); // a planted leak must not fail the build
        }
        assertThat(SecretScan.report().hits()).noneMatch(h -> h.secret().equals("can…(" + canary.length() + ")"));
        Path clean = Files.createTempDirectory("secret-scan");
        SecretScan.writeReport(clean);
        assertThat(clean.resolve(SecretScan.REPORT_FILE)).exists();
    }
}
