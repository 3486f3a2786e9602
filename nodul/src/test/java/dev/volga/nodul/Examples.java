package dev.volga.nodul;

import dev.volga.testkit.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The JSON examples copied from the Nodul spec (test resources under {@code /examples}). */
final class Examples {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Examples() {
    }

    static String text(String name) {
        try (InputStream in = Examples.class.getResourceAsStream("/examples/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource /examples/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    /** Asserts that a journaled request's JSON body equals a JSON text (as trees: key order and spacing ignored). */
    static void assertBody(RecordedRequest request, String expectedJson) {
        assertThat(tree(request.bodyText())).as("request body of %s %s", request.method(), request.path())
                .isEqualTo(tree(expectedJson));
    }
}
