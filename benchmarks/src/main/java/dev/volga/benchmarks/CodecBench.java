package dev.volga.benchmarks;

import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.TypeRef;
import dev.volga.nodul.internal.NodulCodec;
import dev.volga.nodul.internal.Payloads;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue #7 part 5 (JMH): Nodul's envelope decode ({@code NodulCodec.decode}) of the spec's example
 * bodies ({@code GET /plans}, {@code GET /quotas}, §4.1–4.2 of the spec) against plain Jackson
 * binding the same {@code data} alone (the body with the envelope taken off), and the codec's
 * former tree-then-bind path for before/after. Run by {@code benchmarks/run.sh} with
 * {@code -prof gc}; {@link CodecTable} prints the table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBench {

    /** Which spec example. */
    @Param({"plans", "quotas"})
    public String body;

    private final NodulCodec codec = new NodulCodec();
    private final JsonMapper plain = Wire.JSON;
    private ApiResponse response;
    private byte[] envelope;
    private byte[] data;
    private Class<?> type;
    private TypeRef<?> typeRef;

    /** Reads the example and cuts its {@code data} out. */
    @Setup
    public void setUp() {
        envelope = Fixtures.bytes("nodul-" + body + ".json");
        data = plain.writeValueAsBytes(plain.readTree(envelope).get("data"));
        type = body.equals("plans") ? Payloads.Plans.class : Payloads.Quotas.class;
        typeRef = TypeRef.of(type);
        response = new ApiResponse(200, Map.of("Content-Type", List.of("application/json")), envelope, Instant.EPOCH, s -> s);
    }

    /** @return the decoded data through Volga's codec */
    @Benchmark
    public Object envelope() {
        return codec.decode(response, typeRef);
    }

    /** @return the same data bound by plain Jackson, no envelope */
    @Benchmark
    public Object plainData() {
        return plain.readValue(data, type);
    }

    /** @return the codec's path before issue #7: the whole body to a tree, then data from the tree */
    @Benchmark
    public Object treeThenBind() {
        JsonNode root = plain.readTree(envelope);
        if (!root.get("success").booleanValue()) {
            throw new IllegalStateException();
        }
        return plain.treeToValue(root.get("data"), type);
    }
}
