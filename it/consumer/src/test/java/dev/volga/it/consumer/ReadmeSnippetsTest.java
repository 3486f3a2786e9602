package dev.volga.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the project's README compiles as shown, imports included, against the
 * artifacts this project resolves (the installed Volga modules, JUnit): the README is the source, so
 * its snippets cannot rot. A block that declares a type is a compilation unit as it stands; any other
 * block is its imports followed by statements, compiled as the body of a method that may throw.
 */
class ReadmeSnippetsTest {

    private static final Pattern BLOCK = Pattern.compile("(?m)^```java\\n(.*?)^```", Pattern.DOTALL);
    private static final Pattern TYPE = Pattern.compile(
            "(?m)^(?:@\\w+(?:\\([^)]*\\))?\\s+)*(?:public\\s+|final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

    @Test
    void everyJavaBlockOfTheReadmeCompiles(@TempDir Path dir) throws IOException {
        Path readme = Path.of(System.getProperty("volga.readme", "../../README.md"));
        List<String> blocks = javaBlocks(Files.readString(readme));
        assertThat(blocks).as("java blocks in " + readme).hasSizeGreaterThanOrEqualTo(8);

        Path src = Files.createDirectories(dir.resolve("src"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String block = blocks.get(i);
            Matcher type = TYPE.matcher(block);
            String name;
            String unit;
            if (type.find()) {
                name = type.group(1);
                unit = block;
            } else {
                name = "ReadmeSnippet" + (i + 1);
                unit = wrap(block, name);
            }
            Path file = src.resolve(name + ".java");
            assertThat(file).as("two README blocks declare " + name).doesNotExist();
            Files.writeString(file, "// README.md, java block " + (i + 1) + "\n" + unit);
            files.add(file.toString());
        }

        ToolProvider javac = ToolProvider.findFirst("javac")
                .orElseThrow(() -> new AssertionError("no javac in this JVM (module jdk.compiler)"));
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-implicit:none",
                "-d", dir.resolve("classes").toString(), "-classpath", libraries()));
        args.addAll(files);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            int rc = javac.run(print, print, args.toArray(String[]::new));
            assertThat(rc).as("javac on the README's java blocks:\n" + out.toString(StandardCharsets.UTF_8)
                    + "\nsources:\n" + sources(src)).isZero();
        }
    }

    /** The content of each {@code ```java} block, in order. */
    static List<String> javaBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(markdown.replace("\r\n", "\n"));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** Imports stay at the top; the statements become the body of a method. */
    static String wrap(String block, String name) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "class " + name + " {\n    void run() throws Exception {\n" + body + "    }\n}\n";
    }

    /** Everything this test JVM has on its module path and class path, as one class path. */
    private static String libraries() {
        return Stream.of(System.getProperty("jdk.module.path", ""), System.getProperty("java.class.path", ""))
                .flatMap(p -> Stream.of(p.split(java.io.File.pathSeparator)))
                .filter(p -> !p.isBlank())
                .distinct()
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static String sources(Path src) throws IOException {
        try (Stream<Path> files = Files.list(src)) {
            return files.sorted().map(f -> {
                try {
                    return "--- " + f.getFileName() + "\n" + Files.readString(f);
                } catch (IOException e) {
                    return "--- " + f.getFileName() + ": " + e;
                }
            }).collect(Collectors.joining("\n"));
        }
    }
}
