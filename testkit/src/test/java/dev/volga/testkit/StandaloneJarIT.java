package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The standalone jar as a team outside Java uses it: started with {@code java -jar}, driven by a curl
 * session and by a Python script on the standard library alone (the files under
 * {@code src/test/standalone}). Runs after {@code package}, when the jar exists.
 */
class StandaloneJarIT {

    private static final Pattern ADMIN = Pattern.compile("admin\\s+(http://127\\.0\\.0\\.1:\\d+)/__admin");
    private static Process server;
    private static final List<String> origins = new ArrayList<>();

    @BeforeAll
    static void startTheJar() throws Exception {
        Path jar = Path.of(System.getProperty("volga.standaloneJar", "target/missing.jar"));
        assertThat(jar).as("built by the shade plugin at package").isRegularFile();
        server = new ProcessBuilder(java(), "-jar", jar.toString(), "--provider", "all", "--port", "0", "--stop-on-eof")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Void> banner = CompletableFuture.runAsync(() -> {
            try {
                String line;
                while (origins.size() < 3 && (line = out.readLine()) != null) {
                    Matcher m = ADMIN.matcher(line);
                    if (m.find()) {
                        origins.add(m.group(1));
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        banner.get(90, TimeUnit.SECONDS);
        assertThat(origins).as("admin URLs of nodul, endocs, clodo in the banner").hasSize(3);
    }

    @AfterAll
    static void stopTheJar() throws Exception {
        if (server != null) {
            server.getOutputStream().close(); // --stop-on-eof
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
            assertThat(server.exitValue()).isZero();
        }
    }

    @Test
    void curlSession() throws Exception {
        String out = run("bash", Path.of("src/test/standalone/curl-session.sh").toString());
        assertThat(out).contains("ok seeded plan served", "ok seeded server served", "ok clodo unknown path in clodo's form", "ok fault answered 503", "ok journal masks the token", "ok endocs quota refuses",
                "ok bad input named", "curl session ok");
    }

    @Test
    void pythonSessionOnTheStandardLibrary() throws Exception {
        String out = run("python3", Path.of("src/test/standalone/admin_session.py").toString());
        assertThat(out).contains("ok seeded plan served by the provider route", "ok document read back", "ok fault answered 401", "ok journal has both calls", "ok reset", "python session ok");
    }

    @Test
    void helpNamesTheJar() throws Exception {
        Process help = new ProcessBuilder(java(), "-jar", System.getProperty("volga.standaloneJar"), "--help")
                .redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(text).startsWith("usage: java -jar volga-testkit-").contains("-standalone.jar [options]", "--seed FILE");
    }

    private static String run(String tool, String script) throws Exception {
        List<String> command = new ArrayList<>(List.of(tool, script));
        command.addAll(origins);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as(tool + " finished").isTrue();
        assertThat(p.exitValue()).as(tool + " exit status; its output:\n" + out).isZero();
        return out;
    }

    private static String java() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString() : "java";
    }
}
