package dev.volga.clodo;

import dev.volga.api.DecodingException;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 item 5: a 200 without its root field, or with an object that lacks a required field (an
 * id, a name), is a {@link DecodingException} naming the operation and the field, in JSON and XML;
 * never a NullPointerException or a record of nulls.
 */
@ExtendWith(NoLeaks.class)
class RequiredFieldsTest {

    private static final Duration T = Duration.ofSeconds(10);

    static Stream<Arguments> answers() {
        Function<ClodoClient, Mono<?>> balance = c -> c.billing().balance();
        Function<ClodoClient, Mono<?>> server = c -> c.servers().get(7);
        Function<ClodoClient, Mono<?>> list = c -> c.servers().list().collectList();
        Function<ClodoClient, Mono<?>> profile = c -> c.user().profile();
        return Stream.of(
                Arguments.of(Format.JSON, "GET", "/v1/billing/balance", "{}", balance, "billing.balance", "balance"),
                Arguments.of(Format.JSON, "GET", "/v1/billing/balance", "{\"balance\":null}", balance, "billing.balance", "balance"),
                Arguments.of(Format.XML, "GET", "/v1/billing/balance", "<balance/>", balance, "billing.balance", "balance"),
                Arguments.of(Format.XML, "GET", "/v1/billing/balance", "<response/>", balance, "billing.balance", "balance"),
                Arguments.of(Format.JSON, "GET", "/v1/servers/7", "{}", server, "servers.get", "id"),
                Arguments.of(Format.JSON, "GET", "/v1/servers/7", "{\"server\":{}}", server, "servers.get", "id"),
                Arguments.of(Format.JSON, "GET", "/v1/servers/7", "{\"server\":{\"id\":7}}", server, "servers.get", "name"),
                Arguments.of(Format.XML, "GET", "/v1/servers/7", "<server/>", server, "servers.get", "server"),
                Arguments.of(Format.XML, "GET", "/v1/servers/7", "<server><id>7</id></server>", server, "servers.get", "name"),
                Arguments.of(Format.JSON, "GET", "/v1/servers", "{\"servers\":[{\"id\":1,\"name\":\"a\"},{\"name\":\"b\"}]}", list,
                        "servers.list", "id"),
                Arguments.of(Format.XML, "GET", "/v1/servers", "<servers><server><id>1</id><name>a</name></server><server><name>b</name></server></servers>",
                        list, "servers.list", "id"),
                Arguments.of(Format.JSON, "GET", "/v1/user/", "{\"user\":{\"users_id\":5}}", profile, "user.profile", "login"));
    }

    @ParameterizedTest(name = "{0} {2} {3}")
    @MethodSource("answers")
    void aTwoHundredWithoutARequiredFieldIsADecodingError(Format format, String method, String path, String body,
                                                          Function<ClodoClient, Mono<?>> call, String operation, String field) {
        String type = format == Format.JSON ? "application/json" : "application/xml";
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, format).build()) {
            stub.http().enqueue(method, path, StubResponse.status(200).header("Content-Type", type).body(body));
            StepVerifier.create(call.apply(clodo))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DecodingException.class)
                            .hasMessageContaining(operation).hasMessageContaining(field))
                    .verify(T);
        }
    }
}
