package dev.volga.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.logging.LogManager;

/**
 * The java.util.logging configuration class that switches the {@link SecretScan} on for a whole
 * JVM: {@code -Djava.util.logging.config.class=dev.volga.testkit.SecretScanConfig}. The JDK
 * instantiates it when logging is first used (for a JUnit run: when the launcher starts). It reads
 * the usual configuration ({@code java.util.logging.config.file}, else the JDK's
 * {@code conf/logging.properties}), then {@link SecretScan#install() installs} the scan: every
 * logger at {@code ALL}, every record scanned, the console still at INFO.
 */
public final class SecretScanConfig {

    /**
     * Reads the logging configuration and installs the scan; the JDK calls this.
     *
     * @throws IOException if the configuration file cannot be read
     */
    public SecretScanConfig() throws IOException {
        String file = System.getProperty("java.util.logging.config.file");
        Path config = file != null ? Path.of(file) : Path.of(System.getProperty("java.home"), "conf", "logging.properties");
        Properties props = new Properties();
        if (Files.isReadable(config)) {
            try (InputStream in = Files.newInputStream(config)) {
                props.load(in);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        props.store(out, null);
        // not readConfiguration(): it would instantiate this class again
        LogManager.getLogManager().readConfiguration(new ByteArrayInputStream(out.toByteArray()));
        SecretScan.install();
    }
}
