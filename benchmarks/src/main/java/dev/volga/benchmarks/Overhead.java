package dev.volga.benchmarks;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.clodo.Format;
import dev.volga.clodo.model.Server;
import dev.volga.nodul.NodulClient;
import dev.volga.transport.Transport;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.xml.JacksonXmlDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Issue #7 part 1: throughput and latency of one GET with its body decoded, through Volga and
 * three hand-written contenders, against the same {@link LeanServer} in a child JVM, with 1, 16
 * and 256 concurrent callers (a closed loop: each caller sends its next request when the last one
 * is decoded).
 *
 * <ul>
 *   <li><b>volga</b> — {@code NodulClient.plans().list().collectList()} / {@code ClodoClient} (XML)
 *       {@code servers().list().collectList()}: the whole pipeline (limiter with
 *       {@link RateLimitSettings#unlimited()}, token, retry, codec); default limits lifted</li>
 *   <li><b>raw</b> — Reactor Netty {@code HttpClient.responseSingle} + {@code readValue} (the limit)</li>
 *   <li><b>raw-lean</b> (Clodo only) — raw binding a 7-field class ({@link Wire.RawServers}) instead
 *       of Volga's 35-component {@code Server} record: the raw yardstick until 2026-12-06, no target</li>
 *   <li><b>webclient</b> — Spring {@code WebClient} on Reactor Netty with Jackson 3 decoders</li>
 *   <li><b>jdk</b> — {@code java.net.http.HttpClient.sendAsync} + {@code readValue}</li>
 *   <li><b>raw-twin</b> — raw again, the same code with a pool of its own, last in the list: no
 *       target; raw ÷ raw-twin is the resolution of the cell (the two came out up to 32 % apart
 *       in one cell, raw ÷ twin 0.76–1.11×, on 2 shared cores, 2026-12-06), and Volga ÷ the mean
 *       of both is Volga against the raw line measured twice</li>
 * </ul>
 *
 * The contenders bind Volga's own model records ({@code Plan}, {@code Server}), so each does the
 * same work for the same result: before the warm-up each one's answer must equal Volga's
 * ({@link #sameAnswers}), raw-lean excepted. Every Reactor Netty contender gets a pool of
 * {@value #POOL} connections (pending acquires unbounded); the JDK client opens one connection per
 * concurrent request (at most 256 here).
 * Contenders alternate order between rounds, and each figure sums its rounds, so a noisy
 * neighbour hits all of them alike. Each measured run follows {@code rewarm} seconds of the same
 * contender that are not counted ({@link #cell(List, int, double, int, boolean, double)}). The
 * client JVM's CPU time per request (all its threads, GC and JIT included) is printed beside: it
 * is the overhead itself, and far less sensitive to the neighbours than req/s. Arguments: {@code warmup=20 seconds=3
 * rounds=2 rewarm=1 callers=1,16,256 scenarios=nodul,clodo clients=volga,raw,raw-lean,webclient,jdk,raw-twin}
 * ({@code rewarm=0}: the method before 2026-12-06). With {@code -Dvolga.bench.rounds=true} each
 * round's figures also go to stderr.
 */
public final class Overhead {

    static final int POOL = 256;
    /**
     * A second raw contender, the same code as raw with a pool of its own, measured last in the
     * list: raw ÷ it is how far one cell of this harness puts two identical clients apart (its
     * resolution), printed beside the verdicts.
     */
    static final String TWIN = "raw-twin";
    /** WebClient's type for Clodo's list, made once as a user would hold it. */
    private static final ParameterizedTypeReference<List<Server>> SERVER_LIST = new ParameterizedTypeReference<>() { };

    private Overhead() {
    }

    /** One client under measurement. */
    interface Contender extends AutoCloseable {
        String name();

        Mono<?> call();

        @Override
        void close();
    }

    /** What one contender did at one concurrency, summed over rounds. */
    static final class Result {
        long requests;
        long nanos;
        long cpuNanos;
        final List<Latencies> latencies = new ArrayList<>();

        double throughput() {
            return requests / (nanos / 1e9);
        }

        double cpuMicrosPerRequest() {
            return cpuNanos / 1e3 / requests;
        }

        void add(Result one) {
            requests += one.requests;
            nanos += one.nanos;
            cpuNanos += one.cpuNanos;
            latencies.addAll(one.latencies);
        }
    }

    /**
     * One cell of a table: every contender {@code rounds} times at {@code callers}, the order
     * reversed every other round (so neither goes always first), summed per contender.
     *
     * @return the results by contender name, in the contenders' order
     */
    static Map<String, Result> cell(List<? extends Contender> contenders, int callers, double seconds, int rounds) {
        return cell(contenders, callers, seconds, rounds, true);
    }

    /** As {@link #cell(List, int, double, int)}; {@code latencies} false: calls are counted, their latencies not kept. */
    static Map<String, Result> cell(List<? extends Contender> contenders, int callers, double seconds, int rounds,
                                    boolean latencies) {
        return cell(contenders, callers, seconds, rounds, latencies, 0);
    }

    /**
     * As {@link #cell(List, int, double, int, boolean)}, each measured run preceded by
     * {@code rewarm} seconds of the same contender that are not counted: a contender idle while
     * the others ran (their warm-ups, their turns) is measured warm again. Without it the first
     * round paid for the idle time: after the others' 30 s warm-ups Volga's first round at 16
     * callers ran at 0.4–0.6× the throughput of its later rounds (79–125 µs of CPU per request
     * against 46–54), raw's at 0.7–0.9×, and the sum of the rounds carried that (2026-12-06,
     * BENCHMARKS.md). Part of it is the pool's idle connections, evicted after 20 s: with eviction
     * off, Volga's first round took 61 µs.
     */
    static Map<String, Result> cell(List<? extends Contender> contenders, int callers, double seconds, int rounds,
                                    boolean latencies, double rewarm) {
        Map<String, Result> results = new LinkedHashMap<>();
        contenders.forEach(c -> results.put(c.name(), new Result()));
        for (int r = 0; r < rounds; r++) {
            List<Contender> order = new ArrayList<>(contenders);
            if (r % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Contender c : order) {
                if (rewarm > 0) {
                    run(c, callers, rewarm, false);
                }
                Result one = run(c, callers, seconds, latencies);
                if (Boolean.getBoolean("volga.bench.rounds")) { // each round on stderr, for a look at the spread
                    System.err.printf(Locale.ROOT, "round %d %s %d: %.0f req/s, %.0f µs/req%n", r, c.name(), callers, one.throughput(),
                            one.cpuMicrosPerRequest());
                }
                results.get(c.name()).add(one);
            }
        }
        return results;
    }

    /**
     * @param args {@code key=value} options: seconds, rounds, callers, scenarios
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Options.parse(args);
        Options.Loop loop = Options.loop(opts, 20, 3);
        List<String> scenarios = List.of(opts.getOrDefault("scenarios", "nodul,clodo").split(","));
        List<String> only = List.of(opts.getOrDefault("clients", "volga,raw,raw-lean,webclient,jdk," + TWIN).split(","));
        double rewarm = Double.parseDouble(opts.getOrDefault("rewarm", "1"));
        try (LeanServer.Child server = LeanServer.startChild("512m")) {
            String base = server.baseUrl();
            System.out.println("## 1. Overhead: GET + decode, closed loop against a lean Reactor Netty server (child JVM)");
            System.out.println();
            System.out.printf(Locale.ROOT, "Warm-up %.0f s per client, then %.1f s × %d rounds per cell, each run after %.1f s of the "
                    + "same client not counted; pools of %d connections; Volga with RateLimitSettings.unlimited().%n%n",
                    loop.warmup(), loop.seconds(), loop.rounds(), rewarm, POOL);
            for (String scenario : scenarios) {
                List<Contender> contenders = new ArrayList<>(scenario.equals("nodul") ? nodul(base) : clodo(base));
                contenders.removeIf(c -> {
                    if (only.contains(c.name())) {
                        return false;
                    }
                    c.close();
                    return true;
                });
                try {
                    measure(base, scenario, contenders, loop, rewarm);
                } finally {
                    contenders.forEach(Contender::close);
                }
            }
        }
    }

    /** @return how many connections the server has accepted so far */
    static long connections(String base) {
        return Long.parseLong(HttpClient.create().get().uri(base + "/connections").responseContent().aggregate().asString()
                .block(Duration.ofSeconds(10)));
    }

    /**
     * Fails unless every contender's answer equals Volga's (raw-lean excepted: it binds fewer
     * fields), so that a ratio never compares a client with one that does less.
     *
     * @param contenders the contenders, Volga among them
     * @throws IllegalStateException naming the first contender whose answer differs
     */
    static void sameAnswers(List<Contender> contenders) {
        Contender volga = contenders.stream().filter(c -> c.name().equals("volga")).findFirst().orElse(null);
        if (volga == null) {
            return;
        }
        Object expected = volga.call().block(Duration.ofSeconds(30));
        for (Contender c : contenders) {
            if (!c.name().equals("raw-lean")) {
                Object got = c.call().block(Duration.ofSeconds(30));
                if (!expected.equals(got)) {
                    throw new IllegalStateException(c.name() + " answered differently from volga:\n  volga: " + expected
                            + "\n  " + c.name() + ": " + got);
                }
            }
        }
    }

    private static void measure(String base, String scenario, List<Contender> contenders, Options.Loop loop, double rewarm) {
        sameAnswers(contenders);
        List<String> opened = new ArrayList<>();
        for (Contender c : contenders) { // warm-up: JIT, connections, the Clodo login
            long before = connections(base);
            Result warm = run(c, 16, loop.warmup(), false);
            opened.add(String.format(Locale.ROOT, "%s %d for %,d requests", c.name(), connections(base) - before - 1, warm.requests));
        }
        System.out.println("### " + (scenario.equals("nodul") ? "Nodul GET /plans (JSON envelope)" : "Clodo GET /servers (XML)"));
        System.out.println();
        System.out.println("Connections opened during the warm-up (16 callers): " + String.join(", ", opened) + ".");
        System.out.println();
        System.out.println("| callers | client | req/s | p50 ms | p99 ms | client CPU µs/req | volga ÷ it | target |");
        System.out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |");
        for (int n : loop.callers()) {
            Map<String, Result> results = cell(contenders, n, loop.seconds(), loop.rounds(), true, rewarm);
            double volga = results.containsKey("volga") ? results.get("volga").throughput() : Double.NaN;
            for (Map.Entry<String, Result> e : results.entrySet()) {
                Result res = e.getValue();
                Latencies all = Latencies.merge(res.latencies);
                String ratio = e.getKey().equals("volga") ? "" : String.format(Locale.ROOT, "%.3f×", volga / res.throughput());
                String target = switch (e.getKey()) {
                    // issue 19 §6: at least 0.90× raw for Nodul, 0.85× for Clodo XML
                    case "raw" -> verdict(volga / res.throughput(), scenario.equals("nodul") ? 0.90 : 0.85);
                    case "webclient", "jdk" -> verdict(volga / res.throughput(), 1.2);
                    case TWIN -> results.containsKey("raw") ? twin(volga, results.get("raw").throughput(), res.throughput()) : "";
                    default -> "";
                };
                System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %.2f | %.2f | %.0f | %s | %s |%n", n, e.getKey(), res.throughput(),
                        all.quantileMillis(0.5), all.quantileMillis(0.99), res.cpuMicrosPerRequest(), ratio, target);
            }
        }
        System.out.println();
    }

    /**
     * What the twin says of a cell: how far apart two identical clients came out (raw ÷ twin), and
     * Volga against the raw line measured twice (the mean of both): information, not a verdict.
     */
    static String twin(double volga, double raw, double twin) {
        return String.format(Locale.ROOT, "same code as raw: raw ÷ it %.3f×; volga ÷ mean of both %.3f×", raw / twin,
                volga / ((raw + twin) / 2));
    }

    static String verdict(double ratio, double target) {
        return (ratio >= target ? "met" : "**missed**") + String.format(Locale.ROOT, " (≥ %.2f×)", target);
    }

    /** Runs {@code callers} closed loops of {@code c} for {@code seconds} in this JVM; {@code latencies} false: counted only. */
    static Result run(Contender c, int callers, double seconds, boolean latencies) {
        List<Latencies> lat = new ArrayList<>(callers);
        for (int i = 0; i < callers; i++) {
            lat.add(new Latencies(latencies));
        }
        long cpu0 = cpuTime();
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        Flux.range(0, callers)
                .flatMap(i -> {
                    Latencies l = lat.get(i);
                    return Mono.defer(() -> {
                        long t0 = System.nanoTime();
                        return c.call().doOnSuccess(x -> l.add(System.nanoTime() - t0));
                    }).repeat(() -> System.nanoTime() < end).then();
                }, callers)
                .blockLast(Duration.ofSeconds((long) seconds + 60));
        Result r = new Result();
        r.nanos = System.nanoTime() - start;
        r.cpuNanos = cpuTime() - cpu0;
        for (Latencies l : lat) {
            r.requests += l.count();
        }
        r.latencies.addAll(lat);
        return r;
    }

    /** @return this JVM's CPU time so far (all threads, GC and JIT included), in nanoseconds */
    static long cpuTime() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static ConnectionProvider pool(String name) {
        return ConnectionProvider.builder(name).maxConnections(POOL).pendingAcquireMaxCount(-1)
                .maxIdleTime(Duration.ofSeconds(20)).build();
    }

    static List<Contender> nodul(String base) {
        String url = base + "/nodul/plans?AUTH_TOKEN=" + LeanServer.TOKEN;
        List<Contender> list = new ArrayList<>();

        Transport transport = Transport.builder().maxConnections(POOL).build();
        NodulClient nodul = NodulClient.builder().baseUrl(base + "/nodul").token(LeanServer.TOKEN).transport(transport)
                .rateLimits(RateLimitSettings.unlimited()).build();
        list.add(contender("volga", () -> nodul.plans().list().collectList(), nodul::close, transport::close));

        list.add(rawNodul("raw", url));

        ConnectionProvider webPool = pool("webclient");
        WebClient web = webClient(webPool);
        list.add(contender("webclient", () -> web.get().uri(url).retrieve().bodyToMono(Wire.PlansEnvelope.class)
                .map(Wire.PlansEnvelope::plans), webPool::dispose));

        java.net.http.HttpClient jdk = jdk();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json").GET().build();
        list.add(contender("jdk", () -> Mono.fromFuture(() -> jdk.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .map(resp -> {
                    check(resp.statusCode());
                    return Wire.JSON.readValue(resp.body(), Wire.PlansEnvelope.class).plans();
                }), () -> { }));
        list.add(rawNodul(TWIN, url));
        return list;
    }

    /** Raw Reactor Netty against Nodul's {@code /plans} with a pool of its own. */
    private static Contender rawNodul(String name, String url) {
        return raw(name, url, UnaryOperator.identity(), bytes -> Wire.JSON.readValue(bytes, Wire.PlansEnvelope.class).plans());
    }

    static List<Contender> clodo(String base) {
        String url = base + "/clodo/v1/servers";
        List<Contender> list = new ArrayList<>();

        Transport transport = Transport.builder().maxConnections(POOL).build();
        ClodoClient clodo = ClodoClient.builder().authUrl(base + "/clodo").user("bench").key(Secret.of("key", "bench-key"))
                .format(Format.XML).transport(transport).rateLimits(RateLimitSettings.unlimited()).build();
        list.add(contender("volga", () -> clodo.servers().list().collectList(), clodo::close, transport::close));

        // every contender binds Volga's own Server record, as the Nodul contenders bind Volga's Plan: the same work
        // for the same result (checked before the warm-up); raw-lean is the yardstick until 2026-12-06, a 7-field class
        list.add(rawClodo("raw", url, Wire.SERVERS_AS_RECORDS::readValue));
        list.add(rawClodo("raw-lean", url, bytes -> Wire.XML.readValue(bytes, Wire.RawServers.class).server));

        ConnectionProvider webPool = pool("webclient");
        WebClient web = webClient(webPool);
        list.add(contender("webclient", () -> web.get().uri(url).header("X-Auth-Token", LeanServer.TOKEN)
                .header("Accept", "application/xml").retrieve().bodyToMono(SERVER_LIST),
                webPool::dispose));

        java.net.http.HttpClient jdk = jdk();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/xml")
                .header("X-Auth-Token", LeanServer.TOKEN).GET().build();
        list.add(contender("jdk", () -> Mono.fromFuture(() -> jdk.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()))
                .map(resp -> {
                    check(resp.statusCode());
                    return Wire.SERVERS_AS_RECORDS.<List<Server>>readValue(resp.body());
                }), () -> { }));
        list.add(rawClodo(TWIN, url, Wire.SERVERS_AS_RECORDS::readValue));
        return list;
    }

    /** Raw Reactor Netty against Clodo's {@code /servers} with a pool of its own, the body bound by {@code decode}. */
    private static Contender rawClodo(String name, String url, Function<byte[], Object> decode) {
        return raw(name, url, http -> http.headers(h -> h.set("X-Auth-Token", LeanServer.TOKEN).set("Accept", "application/xml")),
                decode);
    }

    /**
     * A raw Reactor Netty contender: a pool of its own, {@code responseSingle}, the status
     * checked, the body bound by {@code decode}.
     */
    private static Contender raw(String name, String url, UnaryOperator<HttpClient> setup, Function<byte[], Object> decode) {
        ConnectionProvider pool = pool(name);
        HttpClient http = setup.apply(HttpClient.create(pool));
        return contender(name, () -> http.get().uri(url).responseSingle((resp, body) -> body.asByteArray().map(bytes -> {
            check(resp.status().code());
            return decode.apply(bytes);
        })), pool::dispose);
    }

    private static WebClient webClient(ConnectionProvider pool) {
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool)))
                .codecs(c -> {
                    c.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(Wire.JSON));
                    c.defaultCodecs().jacksonXmlDecoder(new JacksonXmlDecoder(Wire.CLODO_XML));
                })
                .build();
    }

    private static java.net.http.HttpClient jdk() {
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static void check(int status) {
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status);
        }
    }

    private static Contender contender(String name, Supplier<Mono<?>> call, Runnable... closers) {
        return new Contender() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mono<?> call() {
                return call.get();
            }

            @Override
            public void close() {
                for (Runnable r : closers) {
                    r.run();
                }
            }
        };
    }
}
