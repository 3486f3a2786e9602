package dev.volga.nodul;

import dev.volga.api.ClientErrorException;
import dev.volga.api.DecodingException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.TypeRef;
import dev.volga.nodul.internal.NodulCodec;
import dev.volga.nodul.internal.Payloads;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The codec reads a {@code success:true} envelope in one streaming pass and falls back to the tree
 * for everything else (issue #7); both must give the same answers, whatever the key order.
 */
class CodecOnePassTest {

    private final NodulCodec codec = new NodulCodec();

    private static ApiResponse ok(String body) {
        return new ApiResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH, s -> s);
    }

    private static final String PLAN = "{\"plans\":[{\"id\":\"7\",\"name\":\"P\",\"status\":\"plan_status_active\",\"features\":[]}]}";

    @Test
    void dataBeforeSuccessAndExtraKeysAreRead() {
        Payloads.Plans plans = codec.decode(ok("{\"data\":" + PLAN + ",\"extra\":{\"a\":[1,2]},\"request_id\":\"r\",\"success\":true,\"errors\":[]}"),
                TypeRef.of(Payloads.Plans.class));
        assertThat(plans.plans()).extracting(p -> p.id()).containsExactly("7");
    }

    @Test
    void successFalseAfterDataIsStillAnError() {
        assertThatThrownBy(() -> codec.decode(ok("{\"data\":" + PLAN + ",\"success\":false,\"request_id\":\"r\","
                + "\"errors\":[{\"code\":\"plan.Invalid\",\"message\":\"no\"}]}"), TypeRef.of(Payloads.Plans.class)))
                .isInstanceOf(ClientErrorException.class).hasMessageContaining("no");
    }

    @Test
    void repeatedSuccessTakesTheLastLikeTheTree() {
        assertThatThrownBy(() -> codec.decode(ok("{\"success\":true,\"data\":" + PLAN + ",\"success\":false,\"errors\":[]}"),
                TypeRef.of(Payloads.Plans.class))).isInstanceOf(ClientErrorException.class);
    }

    @Test
    void trailingContentAndMissingDataAreDecodingErrors() {
        assertThatThrownBy(() -> codec.decode(ok("{\"success\":true,\"data\":" + PLAN + "} trailing"), TypeRef.of(Payloads.Plans.class)))
                .isInstanceOf(DecodingException.class);
        assertThatThrownBy(() -> codec.decode(ok("{\"success\":true,\"data\":null}"), TypeRef.of(Payloads.Plans.class)))
                .isInstanceOf(DecodingException.class).hasMessageContaining("without data");
        assertThatThrownBy(() -> codec.decode(ok("{\"success\":true,\"data\":{\"plans\":\"x\"}}"), TypeRef.of(Payloads.Plans.class)))
                .isInstanceOf(DecodingException.class).hasMessageContaining("could not read data");
    }

    @Test
    void voidIgnoresData() {
        assertThat(codec.decode(ok("{\"success\":true,\"data\":{\"anything\":1}}"), TypeRef.of(Void.class))).isNull();
    }
}
