package dev.volga.benchmarks;

import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.TypeRef;
import dev.volga.clodo.internal.ClodoCodec;
import dev.volga.clodo.model.Server;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Issue #7 part 5 (JMH): Clodo's XML decode of the {@code GET /servers} body the Overhead harness
 * serves ({@code clodo-servers.xml}) as {@code servers().list()} does it ({@code ClodoCodec.decode}
 * to the normalised tree, then {@code items} and {@code convertAll} to {@link Server}), against
 * plain Jackson XML binding the same body into the same {@link Server} record (snake_case names,
 * unknown properties ignored, {@code "1"} read as true: no other leniency, no error document check:
 * the Overhead harness's raw contender), and against the 7-field {@link Wire.RawServers} its
 * raw-lean contender binds; and (issue 19 §5) the same codec with its {@code XmlTree} one-pass
 * reading turned off ({@code ClodoCodec.measured(XML, false)}: Jackson XML's tree, then the
 * normalising copy), so that the table shows what the fast path buys. Run by
 * {@code benchmarks/run.sh} (its {@code CodecBench} pattern matches this class) with {@code -prof gc};
 * {@link CodecTable} prints the table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClodoCodecBench {

    private static final TypeRef<JsonNode> TREE = TypeRef.of(JsonNode.class);

    private final ClodoCodec codec = new ClodoCodec(ClodoCodec.Wire.XML, null);
    /** The same codec without {@code XmlTree}: Jackson XML's tree, then the normalising copy. */
    private final ClodoCodec former = ClodoCodec.measured(ClodoCodec.Wire.XML, false);
    private byte[] body;
    private ApiResponse response;

    /** Reads the body the Overhead harness's lean server sends. */
    @Setup
    public void setUp() {
        body = Fixtures.bytes("clodo-servers.xml");
        response = new ApiResponse(200, Map.of("Content-Type", List.of("application/xml; charset=UTF-8")), body,
                Instant.EPOCH, s -> s);
        List<Server> volga = servers();
        List<Server> same = plainModel();
        if (volga.size() != 2 || same.size() != 2 || !volga.get(0).id().equals(same.get(0).id()) || !volga.equals(serversJacksonTree())) {
            throw new IllegalStateException("the contenders disagree: " + volga + " vs " + same);
        }
    }

    /** @return the servers as {@code ClodoClient.servers().list()} decodes them */
    @Benchmark
    public List<Server> servers() {
        JsonNode tree = codec.decode(response, TREE);
        return codec.convertAll(ClodoCodec.items(tree, "servers"), Server.class, "servers.list item");
    }

    /** @return the same as {@link #servers()}, the body read the former way (Jackson XML's tree, normalised: no {@code XmlTree}) */
    @Benchmark
    public List<Server> serversJacksonTree() {
        JsonNode tree = former.decode(response, TREE);
        return former.convertAll(ClodoCodec.items(tree, "servers"), Server.class, "servers.list item");
    }

    /** @return the same body bound by plain Jackson XML into the same record */
    @Benchmark
    public List<Server> plainModel() {
        return Wire.SERVERS_AS_RECORDS.readValue(body);
    }

    /** @return the same body bound by plain Jackson XML into the raw-lean contender's 7-field class */
    @Benchmark
    public Object plainRaw() {
        return Wire.XML.readValue(body, Wire.RawServers.class).server;
    }
}
