package dev.volga.clodo.internal;

import dev.volga.api.spi.ApiResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
}
