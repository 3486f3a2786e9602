package dev.volga.nodul;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.TypeRef;
import dev.volga.nodul.internal.NodulCodec;
import dev.volga.nodul.model.Plan;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nodul's codec reads its own timestamp form by hand (IsoInstants) and everything else through
 * Jackson's {@code InstantDeserializer}: for every text, the codec must answer exactly as plain
 * Jackson does with the same settings, and fail where Jackson fails. Plain Jackson is the
 * reference here, not the fast path's own idea of the format.
 */
class TimestampsTest {

    private static final JsonMapper PLAIN = lenient(JsonMapper.builder()).build();

    private static JsonMapper.Builder lenient(JsonMapper.Builder b) {
        return b.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
                .enable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }

    /** What a plan's {@code created_at} holding {@code json} reads as: the instant, or "failed". */
    private static Object viaCodec(NodulCodec codec, String json) {
        String body = "{\"success\":true,\"request_id\":\"r\",\"data\":{\"id\":\"1\",\"created_at\":" + json + "},\"errors\":[]}";
        try {
            return codec.decode(new ApiResponse(200, Map.of(), body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH, s -> s),
                    TypeRef.of(Plan.class)).createdAt();
        } catch (RuntimeException e) {
            return "failed";
        }
    }

    private static Object viaJackson(JsonMapper mapper, String json) {
        try {
            return mapper.readValue("{\"id\":\"1\",\"created_at\":" + json + "}", Plan.class).createdAt();
        } catch (RuntimeException e) {
            return "failed";
        }
    }

    private static String quoted(String s) {
        return "\"" + s + "\"";
    }

    @Test
    void everyTextReadsAsPlainJacksonReadsIt() {
        List<String> texts = new ArrayList<>(List.of(
                // Nodul's own forms
                "2025-04-29T13:00:15Z", "2025-05-05T14:57:47.716Z", "0001-01-01T00:00:00Z", "0000-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.5Z",
                // one to nine digits of fraction
                "2025-04-29T13:00:15.1Z", "2025-04-29T13:00:15.12Z", "2025-04-29T13:00:15.123Z", "2025-04-29T13:00:15.1234Z",
                "2025-04-29T13:00:15.12345Z", "2025-04-29T13:00:15.123456Z", "2025-04-29T13:00:15.1234567Z",
                "2025-04-29T13:00:15.12345678Z", "2025-04-29T13:00:15.123456789Z", "2025-04-29T13:00:15.000000001Z",
                // what the fast path leaves to Jackson, valid or not
                "2025-04-29T13:00:15.1234567890Z", "2025-04-29T13:00:15.Z", "2025-04-29T13:00:15+03:00",
                "2025-04-29T13:00:15.5+00:00", "2025-04-29t13:00:15z", "2025-04-29 13:00:15Z", "2025-04-29T13:00Z",
                "+12025-04-29T13:00:15Z", "-0001-04-29T13:00:15Z", " 2025-04-29T13:00:15Z", "2025-04-29T13:00:15Z ",
                "2023-02-29T12:00:00Z", "2025-02-30T00:00:00Z", "2025-04-31T00:00:00Z", "2025-13-01T00:00:00Z",
                "2025-00-10T00:00:00Z", "2025-04-00T00:00:00Z", "2025-04-29T24:00:00Z", "2025-04-29T24:30:00Z", "2025-04-29T23:60:00Z",
                "2025-04-29T23:59:60Z", "2025-O4-29T13:00:15Z", "2025-04-29T13:00:1xZ", "2025-04-29T13:00:15.12a4Z",
                "", "1714000000", "not a time"));
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L), random.nextInt(1_000_000_000));
            texts.add(DateTimeFormatter.ISO_INSTANT.format(t));
            String whole = DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochSecond(t.getEpochSecond()));
            int digits = 1 + random.nextInt(9);
            String fraction = String.format("%09d", t.getNano()).substring(0, digits);
            texts.add(whole.substring(0, whole.length() - 1) + "." + fraction + "Z");
        }
        NodulCodec codec = new NodulCodec();
        for (String text : texts) {
            assertThat(viaCodec(codec, quoted(text))).as(text).isEqualTo(viaJackson(PLAIN, quoted(text)));
        }
        for (String json : List.of("1714000000", "1714000000.5", "null", "true", "[]", "{}")) {
            assertThat(viaCodec(codec, json)).as(json).isEqualTo(viaJackson(PLAIN, json));
        }
        assertThat(viaCodec(codec, quoted("2025-05-05T14:57:47.716Z"))).isEqualTo(Instant.parse("2025-05-05T14:57:47.716Z"));
        assertThat(viaCodec(codec, quoted("2025-02-30T00:00:00Z"))).isEqualTo("failed");
    }

    @Test
    void aFormatOfTheUsersOwnIsReadAsJacksonReadsIt() {
        UnaryOperator<JsonMapper.Builder> pattern = b -> b.withConfigOverride(Instant.class, o -> o.setFormat(
                JsonFormat.Value.forPattern("yyyy-MM-dd HH:mm:ss").withTimeZone(TimeZone.getTimeZone("UTC"))));
        NodulCodec codec = new NodulCodec(pattern);
        JsonMapper plain = pattern.apply(lenient(JsonMapper.builder())).build();
        for (String text : List.of("2025-04-29 13:00:15", "2025-04-29T13:00:15Z")) {
            assertThat(viaCodec(codec, quoted(text))).as(text).isEqualTo(viaJackson(plain, quoted(text)));
        }
        assertThat(viaCodec(codec, quoted("2025-04-29 13:00:15"))).isEqualTo(Instant.parse("2025-04-29T13:00:15Z"));
        // the fast path's own form is not read past the user's pattern
        assertThat(viaCodec(codec, quoted("2025-04-29T13:00:15Z"))).isEqualTo("failed");
    }

    @Test
    void aUsersOwnInstantReaderWins() {
        NodulCodec codec = new NodulCodec(b -> b.addModule(new SimpleModule("mine").addDeserializer(Instant.class,
                new ValueDeserializer<Instant>() {
                    @Override
                    public Instant deserialize(tools.jackson.core.JsonParser p, DeserializationContext ctxt) {
                        return Instant.EPOCH.plusSeconds(p.getString().length());
                    }
                })));
        assertThat(viaCodec(codec, quoted("2025-04-29T13:00:15Z"))).isEqualTo(Instant.EPOCH.plusSeconds(20));
    }
}
