package dev.volga.benchmarks;

import dev.volga.nodul.NodulClient;
import dev.volga.nodul.model.Plan;
import dev.volga.transport.Transport;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.databind.util.TokenBuffer;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue #7 part 4: a listing of {@code items} (1,000,000) plans, generated and written chunked by
 * the {@link LeanServer} ({@code /stream/N/plans}, a Nodul envelope of ~200 MB), read by a client
 * JVM with {@code -Xmx64m} (Serial GC), one JVM per way of reading it:
 *
 * <ul>
 *   <li><b>volga Flux</b> — {@code NodulClient.plans().list()} counted element by element, default transport</li>
 *   <li><b>volga list</b> — the same Flux collected into a {@code List} (what buffering costs)</li>
 *   <li><b>streaming reference</b> — Reactor Netty's body {@code Flux<ByteBuf>} (backpressured) fed to
 *       Jackson's non-blocking parser, each plan bound on its own and counted: what a streamed
 *       listing costs</li>
 *   <li><b>buffered list</b> — the streaming reference collected into a {@code List}</li>
 * </ul>
 *
 * Peak heap = the heap pools' peak during the read; "after GC" = heap in use after a GC at the end
 * (with the list still referenced). Arguments: {@code items=1000000 heap=64m}.
 */
public final class ListingMemory {

    private static final Map<String, String> NAMES = Map.of(
            "volga", "volga `plans().list()` Flux",
            "volga-list", "volga `plans().list()` collected into a List",
            "stream", "streaming reference (Reactor Netty + non-blocking Jackson)",
            "list", "streaming reference collected into a List");

    /** The buffered list, referenced until the end of the child. */
    static volatile Object kept;

    private ListingMemory() {
    }

    /**
     * @param args {@code key=value}: items, heap; {@code mode=…} and {@code base=…} in a child
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Options.parse(args);
        long items = Long.parseLong(opts.getOrDefault("items", "1000000"));
        if (opts.containsKey("mode")) {
            child(opts.get("mode"), opts.get("base"), items);
            return;
        }
        String heap = opts.getOrDefault("heap", "64m");
        System.out.printf(Locale.ROOT, "## 4. Memory: a listing of %,d plans through a client JVM with -Xmx%s (Serial GC)%n%n", items, heap);
        System.out.println("| read as | completes | items | peak heap MiB | after GC MiB | seconds | target |");
        System.out.println("| --- | --- | ---: | ---: | ---: | ---: | --- |");
        try (LeanServer.Child server = LeanServer.startChild("256m")) {
            for (String mode : List.of("volga", "volga-list", "stream", "list")) {
                String line = runChild(mode, server.baseUrl(), items, heap);
                System.out.println(line);
            }
        }
        System.out.println();
    }

    private static String runChild(String mode, String base, long items, String heap) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-p", System.getProperty("jdk.module.path"), "--add-modules", "ALL-MODULE-PATH",
                "-m", "dev.volga.benchmarks/" + ListingMemory.class.getName(), "mode=" + mode, "base=" + base, "items=" + items));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("| ")) {
                    result = line;
                }
            }
        }
        int code = p.waitFor();
        if (result == null && code == 3) { // -XX:+ExitOnOutOfMemoryError
            return "| " + NAMES.get(mode) + " | **no**: OutOfMemoryError (the JVM exits) | — | " + heap + " (all) | — | — | "
                    + (mode.equals("volga") ? "**missed** (completes, flat)" : "") + " |";
        }
        if (result == null) {
            throw new IllegalStateException("memory run '" + mode + "' printed no result (exit " + code + ")");
        }
        return result;
    }

    private static void child(String mode, String base, long items) {
        String name = NAMES.get(mode);
        String url = base + "/stream/" + items;
        Harness.resetPeakHeap();
        long start = System.nanoTime();
        long count;
        String outcome;
        try {
            switch (mode) {
                case "volga", "volga-list" -> {
                    Transport transport = Transport.builder().build(); // defaults: 8 MiB response cap, 30 s timeout
                    try (NodulClient nodul = NodulClient.builder().baseUrl(url).token(LeanServer.TOKEN).transport(transport).build()) {
                        if (mode.equals("volga")) {
                            count = nodul.plans().list().count().block(Duration.ofMinutes(2));
                        } else {
                            List<Plan> all = nodul.plans().list().collectList().block(Duration.ofMinutes(2));
                            kept = all;
                            count = all.size();
                        }
                    } finally {
                        transport.close();
                    }
                }
                case "stream" -> count = stream(url).count().block(Duration.ofMinutes(2));
                default -> {
                    List<Plan> all = stream(url).collectList().block(Duration.ofMinutes(2));
                    kept = all; // still referenced when "after GC" is read
                    count = all.size();
                }
            }
            outcome = count == items ? "yes" : "**no** (" + count + " items)";
        } catch (Throwable e) {
            count = 0;
            String why = e instanceof OutOfMemoryError ? "OutOfMemoryError"
                    : e instanceof dev.volga.api.TransportException te ? "TransportException " + te.kind()
                    : e.getClass().getSimpleName() + ": " + e.getMessage();
            int cut = why.indexOf(';');
            outcome = "**no**: " + (cut > 0 ? why.substring(0, cut) : why).replace('|', '/');
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double peak = Harness.peakHeap() / 1048576.0;
        System.gc();
        double after = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
        String target = mode.equals("volga") ? (outcome.equals("yes") && peak < 48 ? "met" : "**missed**") + " (completes, flat)" : "";
        System.out.printf(Locale.ROOT, "| %s | %s | %,d | %.1f | %.1f | %.1f | %s |%n", name, outcome, count, peak, after, seconds, target);
    }

    /** The plans of the streamed envelope, one at a time, as the body arrives (backpressured). */
    static Flux<Plan> stream(String url) {
        return HttpClient.create().responseTimeout(Duration.ofMinutes(1)).get().uri(url + "/plans?AUTH_TOKEN=" + LeanServer.TOKEN)
                .response((resp, body) -> {
                    PlanStream s = new PlanStream();
                    return body.asByteArray().concatMapIterable(s::feed, 1).concatWith(Mono.fromRunnable(s::end));
                });
    }

    /** Pulls the elements of {@code data.plans} out of a Nodul envelope fed chunk by chunk. */
    static final class PlanStream {
        private final JsonParser parser = Wire.JSON.createNonBlockingByteArrayParser();
        private final ByteArrayFeeder feeder = (ByteArrayFeeder) parser.nonBlockingInputFeeder();
        private TokenBuffer element;
        private int depth;

        List<Plan> feed(byte[] chunk) {
            feeder.feedInput(chunk, 0, chunk.length);
            List<Plan> out = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != null && t != JsonToken.NOT_AVAILABLE; t = parser.nextToken()) {
                if (element == null && t == JsonToken.START_OBJECT && isPlan(parser.streamReadContext())) {
                    element = new TokenBuffer(false);
                    depth = 0;
                }
                if (element != null) {
                    element.copyCurrentEvent(parser);
                    if (t.isStructStart()) {
                        depth++;
                    } else if (t.isStructEnd() && --depth == 0) {
                        try (JsonParser p = element.asParser()) {
                            out.add(Wire.JSON.readValue(p, Plan.class));
                        }
                        element = null;
                    }
                }
            }
            return out;
        }

        void end() {
            feeder.endOfInput();
        }

        private static boolean isPlan(TokenStreamContext object) {
            TokenStreamContext array = object.getParent();
            if (array == null || !array.inArray()) {
                return false;
            }
            TokenStreamContext data = array.getParent();
            return data != null && "plans".equals(data.currentName()) && data.getParent() != null
                    && "data".equals(data.getParent().currentName());
        }
    }
}
