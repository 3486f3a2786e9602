package dev.volga.clodo.internal;

import dev.volga.api.spi.ApiResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.volga.clodo.model.Server;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What the codec builds, and when. */
class ClodoCodecTest {

    private static ApiResponse ok(String body) {
        return new ApiResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH, s -> s);
    }

    @Test
    void aJsonCodecBuildsNoXmlMapperUntilAnXmlBodyArrives() {
        ClodoCodec codec = new ClodoCodec(ClodoCodec.Wire.JSON, null);
        JsonNode tree = codec.tree(ok("{\"servers\":[{\"id\":\"1\"}]}"));
        assertThat(tree.path("servers").get(0).path("id").asString()).isEqualTo("1");
        assertThat(codec.xmlBuilt()).as("XML side built for a JSON answer").isFalse();

        // an XML answer to a JSON client (a gateway's error, say) is still read, building the XML side then
        assertThat(codec.tree(ok("<servers><server><id>2</id></server></servers>")).toString())
                .isEqualTo("{\"servers\":{\"server\":{\"id\":\"2\"}}}");
        assertThat(codec.xmlBuilt()).isTrue();
    }

    @Test
    void anXmlDocumentOutsideTheOnePassShapeKeepsItsRootName() {
        ClodoCodec codec = new ClodoCodec(ClodoCodec.Wire.XML, null);
        // a comment inside the root sends it through Jackson XML's tree, which drops the root's name by itself
        assertThat(codec.tree(ok("<server><!-- c --><id>3</id><name>web</name></server>")).toString())
                .isEqualTo("{\"server\":{\"id\":\"3\",\"name\":\"web\"}}");
        assertThat(codec.tree(ok("<NotFound code=\"404\"><!-- c --><message>no</message></NotFound>")).toString())
                .isEqualTo("{\"NotFound\":{\"code\":\"404\",\"message\":\"no\"}}");
    }

    /**
     * Lists are bound from the node the tree parser has just entered (Lenient.NodeParser), not read
     * back into a new tree: the records must be what Jackson's own tree parser binds (the reader
     * on a plain TreeTraversingParser, which reads each list into a tree first), for every shape a
     * list arrives in, in XML and JSON.
     */
    @Test
    void listsTakenFromTheTreeBindAsJacksonsOwnTreeParserBindsThem() {
        List<String> xml = List.of(
                "<server><id>1</id><name>a</name><addresses><public><ip addr=\"10.0.0.1\" primary_ip=\"1\"/>"
                        + "<ip addr=\"10.0.0.2\"/></public><private><ip addr=\"192.168.0.1\"/></private></addresses></server>",
                "<server><id>2</id><name>b</name><addresses><public><ip addr=\"10.0.0.3\"/></public></addresses></server>",
                "<server><id>3</id><name>c</name><addresses><public/><private></private></addresses></server>",
                "<server><id>4</id><name>d</name><addresses/><vps_traff><in>1</in><out>2</out></vps_traff></server>",
                "<server><id>5</id><name>e</name><vps_traff></vps_traff><addresses><public><ip><addr>10.0.0.4</addr>"
                        + "<isp>1</isp></ip></public></addresses></server>");
        List<String> json = List.of(
                "{\"server\":{\"id\":6,\"name\":\"f\",\"addresses\":{\"public\":[{\"ip\":\"10.0.0.5\",\"is_primary\":true},"
                        + "{\"ip\":\"10.0.0.6\"}],\"private\":{\"ip\":{\"addr\":\"192.168.0.2\"}}}}}",
                "{\"server\":{\"id\":7,\"name\":\"g\",\"addresses\":{\"public\":\"\",\"private\":null},"
                        + "\"vps_traff\":[1,2]}}",
                "{\"server\":{\"id\":8,\"name\":\"h\",\"addresses\":{\"public\":{\"ip\":[{\"addr\":\"10.0.0.7\"},"
                        + "{\"addr\":\"10.0.0.8\"}]}}}}");
        int bound = 0;
        for (ClodoCodec.Wire wire : ClodoCodec.Wire.values()) {
            ClodoCodec codec = new ClodoCodec(wire, null);
            for (String body : wire == ClodoCodec.Wire.XML ? xml : json) {
                JsonNode content = ClodoCodec.unwrap(codec.tree(ok(body)), "server");
                Server fast = codec.convert(content, Server.class, "server");
                Server jackson = codec.reader(Server.class).readValue(content);
                assertThat(fast).as(body).usingRecursiveComparison().isEqualTo(jackson);
                assertThat(fast.id()).as(body).isNotNull();
                bound++;
            }
        }
        assertThat(bound).isEqualTo(8);
        // the shapes above are the ones the comparison is about: two items, one, none, an object as text
        ClodoCodec codec = new ClodoCodec(ClodoCodec.Wire.XML, null);
        Server two = codec.convert(ClodoCodec.unwrap(codec.tree(ok(xml.get(0))), "server"), Server.class, "server");
        assertThat(two.addresses().publicIps()).extracting(ip -> ip.ip()).containsExactly("10.0.0.1", "10.0.0.2");
        assertThat(two.addresses().publicIps().get(0).primary()).isTrue();
        assertThat(two.addresses().privateIps()).extracting(ip -> ip.ip()).containsExactly("192.168.0.1");
        Server none = codec.convert(ClodoCodec.unwrap(codec.tree(ok(xml.get(2))), "server"), Server.class, "server");
        assertThat(none.addresses().publicIps()).isEmpty();
        Server text = codec.convert(ClodoCodec.unwrap(codec.tree(ok(xml.get(3))), "server"), Server.class, "server");
        assertThat(text.traffic()).isEqualTo("{\"in\":\"1\",\"out\":\"2\"}");
    }
}
