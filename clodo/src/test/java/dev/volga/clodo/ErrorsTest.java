package dev.volga.clodo;

import dev.volga.api.ApiException;
import dev.volga.api.ClientErrorException;
import dev.volga.api.DecodingException;
import dev.volga.api.NotFoundException;
import dev.volga.api.ServerErrorException;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Errors in the wrapped, flat and XML forms become typed exceptions; unreadable and hostile bodies are refused. */
@ExtendWith(NoLeaks.class)
class ErrorsTest {

    private static final Duration T = Duration.ofSeconds(10);

    @ParameterizedTest
    @CsvSource({
        "JSON, WRAPPED, 404, NotFound, Not Found",
        "JSON, FLAT, 404, NotFound, Not Found",
        "XML, WRAPPED, 404, NotFound, Not Found",
        "JSON, WRAPPED, 400, BadRequest, Bad Request",
        "XML, FLAT, 400, BadRequest, Bad Request",
        "JSON, WRAPPED, 403, Forbidden, Forbidden",
        "XML, WRAPPED, 403, Forbidden, Forbidden",
        "JSON, FLAT, 405, MethodNotAllowed, Method Not Allowed",
        "XML, WRAPPED, 500, InternalServerError, Internal Server Error",
    })
    void errorBodiesBecomeTypedExceptions(Format format, ClodoStub.ErrorStyle style, int status, String name, String message) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, format).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            clodo.servers().get(id).block(T); // log in first
            stub.errorStyle(style);
            stub.failNext(1, status);
            StepVerifier.create(clodo.servers().reboot(id))
                    .expectErrorSatisfies(e -> {
                        Class<?> expected = switch (status) {
                            case 404 -> NotFoundException.class;
                            case 500 -> ServerErrorException.class;
                            default -> ClientErrorException.class;
                        };
                        assertThat(e).isInstanceOf(expected);
                        ApiException api = (ApiException) e;
                        assertThat(api.provider()).isEqualTo("clodo");
                        assertThat(api.httpStatus()).isEqualTo(status);
                        assertThat(api.errorCode()).contains(name);
                        assertThat(api.error().message()).isEqualTo(message);
                        assertThat(api.details()).contains("Сбой по требованию теста");
                    })
                    .verify(T);
            assertThat(stub.requests("POST", "/v1/servers/*/action")).as("a failed POST is not retried").hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aMissingServerIsNotFoundWithClodosDetails(Format format) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, format).build()) {
            StepVerifier.create(clodo.servers().get(999_999))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(NotFoundException.class);
                        assertThat(((ApiException) e).details()).contains("VPS не найдена");
                        assertThat(((ApiException) e).errorCode()).contains("NotFound");
                    })
                    .verify(T);
        }
    }

    @Test
    void anErrorDocumentInsideA200IsStillAnError() {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.JSON).build()) {
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.json(200,
                    "{\"NotFound\":{\"code\":404,\"message\":\"Not Found\",\"details\":\"Модуль не найден\"}}"));
            StepVerifier.create(clodo.servers().get(5))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(NotFoundException.class).hasMessageContaining("Модуль не найден"))
                    .verify(T);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void anUnreadableBodyIsADecodingErrorWithAShortExcerpt(Format format) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, format).build()) {
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.json(200, "{\"server\": {\"id\": 1, \"name\": "));
            StepVerifier.create(clodo.servers().get(5))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(DecodingException.class).hasMessageContaining("body starts: {\"server\"");
                        assertThat(e.getCause()).isNull();
                    })
                    .verify(T);
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.json(200, "{\"server\":{\"id\":\"sixty\"}}"));
            StepVerifier.create(clodo.servers().get(5))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DecodingException.class)
                            .hasMessageContaining("servers.get answer").hasMessageContaining("sixty"))
                    .verify(T);
        }
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void xmlWithADoctypeOrExternalEntityIsRefused(Format format, @TempDir Path dir) throws IOException {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-FILE-CONTENT");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE server [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>"
                + "<server><id>1</id><name>&xxe;</name></server>";
        String billionLaughs = "<?xml version=\"1.0\"?><!DOCTYPE server [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + "<server><id>1</id><name>&b;</name></server>";
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, format).build()) {
            for (String body : new String[] {xxe, billionLaughs}) {
                stub.http().enqueue("GET", "/v1/servers/*", StubResponse.status(200).header("Content-Type", "application/xml").body(body));
                StepVerifier.create(clodo.servers().get(1))
                        .expectErrorSatisfies(e -> {
                            assertThat(e).isInstanceOf(DecodingException.class);
                            assertThat(e.getMessage()).doesNotContain("TOP-SECRET-FILE-CONTENT").doesNotContain("aaaaaaaaaaaaaaa");
                        })
                        .verify(T);
            }
        }
    }
}
