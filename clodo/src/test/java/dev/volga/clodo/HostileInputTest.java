package dev.volga.clodo;

import dev.volga.api.AuthenticationException;
import dev.volga.api.DecodingException;
import dev.volga.api.ServerErrorException;
import dev.volga.clodo.internal.ClodoAuthenticator.ManagementUrlPolicy;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile answers: a login that hands out a foreign or insecure management URL, entity bombs, and
 * in the XML format deep nesting, invalid UTF-8, a proxy's HTML page, a wrong content type (the
 * JSON forms and a huge body: {@link ClodoConformanceTest}, the testkit's conformance base). Each ends in a typed
 * error with a short excerpt, never a raw parser exception or a stack overflow, and never a secret.
 */
@ExtendWith(NoLeaks.class)
class HostileInputTest {

    private static final Duration T = Duration.ofSeconds(10);
    private static final String TOKEN = "tok-9f8e7d6c5b4a";

    private static StubResponse loginAnswer(String managementUrl) {
        return StubResponse.status(204).header("X-Auth-Token", TOKEN).header("X-Server-Management-Url", managementUrl);
    }

    @ParameterizedTest
    @EnumSource(Format.class)
    void aLoginAnswerPointingToAnotherHostIsRefusedAndTheTokenGoesNowhere(Format format) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, format).build()) {
            stub.http().enqueue("GET", "/", loginAnswer("https://evil.example.net/v1?x=" + TOKEN));
            StepVerifier.create(clodo.servers().get(1))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(AuthenticationException.class)
                                .hasMessageContaining("evil.example.net").hasMessageContaining("trustedManagementHosts");
                        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(Fixture.KEY);
                    })
                    .verify(T);
            assertThat(stub.journal()).as("only the login reached the stub").hasSize(1);
        }
    }

    @Test
    void theStubsHttpManagementUrlOnTheAuthHostIsAccepted() {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.JSON).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            StepVerifier.create(clodo.servers().get(id)).expectNextCount(1).verifyComplete();
        }
    }

    @Test
    void theManagementUrlPolicy() {
        ManagementUrlPolicy p = ManagementUrlPolicy.DEFAULT;
        assertThat(p.refusal("https://api.clodo.ru", "https://api.clodo.ru/v1")).isNull();
        assertThat(p.refusal("https://api.clodo.ru", "https://API.clodo.ru:443/v1")).as("the same origin spelt out").isNull();
        assertThat(p.refusal("https://api.clodo.ru", "https://api.kh.clodo.ru/v1")).as("no domain rule: a sibling is named")
                .contains("trustedManagementHosts");
        assertThat(p.refusal("https://api.example.co.uk", "https://evil.co.uk/v1")).as("co.uk is a public suffix")
                .contains("evil.co.uk");
        assertThat(p.refusal("https://api.clodo.ru", "https://api.clodo.ru:8443/v1")).as("same host, another port")
                .contains("api.clodo.ru:8443");
        assertThat(p.refusal("https://api.clodo.ru", "http://api.clodo.ru/v1")).as("plain http from an https login")
                .isNotNull();
        assertThat(p.refusal("https://api.clodo.ru", "https://clodo.ru.evil.net/v1")).contains("clodo.ru.evil.net");
        assertThat(p.refusal("https://api.clodo.ru", "ftp://api.clodo.ru/v1")).isNotNull();
        assertThat(p.refusal("https://api.clodo.ru", "/v1")).isNotNull();
        assertThat(p.refusal("https://api.clodo.ru", "https://api.clodo.ru/v1?x=")).contains("query");
        assertThat(p.refusal("https://api.clodo.ru", "https://api.clodo.ru/v1?")).contains("query");
        assertThat(p.refusal("https://api.clodo.ru", "https://api.clodo.ru/v1#x")).contains("fragment");
        assertThat(p.refusal("https://api.clodo.ru", "https://u:p@api.clodo.ru/v1")).contains("user info");
        assertThat(p.refusal("https://api.clodo.ru", "https://api.clodo.ru/v1/../admin")).contains("dot segment");
        assertThat(p.refusal("https://api.clodo.ru", "https://api.clodo.ru/v1/%2E%2E/admin")).contains("dot segment");
        assertThat(p.refusal("http://127.0.0.1:4321", "http://127.0.0.1:4321/v1")).as("a local test server").isNull();
        assertThat(p.refusal("http://127.0.0.1:4321", "http://127.0.0.1:4322/v1")).as("another port").isNotNull();
        assertThat(p.refusal("http://127.0.0.1:4321", "http://127.0.0.2:4321/v1")).as("IPs match exactly").isNotNull();
        assertThat(p.refusal("http://api.clodo.ru", "http://api.kh.clodo.ru/v1")).isNotNull();

        ManagementUrlPolicy trusting = new ManagementUrlPolicy(Set.of("mgmt.example.net", "api.kh.clodo.ru:8443"), false);
        assertThat(trusting.refusal("https://api.clodo.ru", "https://mgmt.example.net/v1")).isNull();
        assertThat(trusting.refusal("https://api.clodo.ru", "https://mgmt.example.net:443/v1")).isNull();
        assertThat(trusting.refusal("https://api.clodo.ru", "https://mgmt.example.net:8443/v1")).as("a host alone is its default port")
                .isNotNull();
        assertThat(trusting.refusal("https://api.clodo.ru", "https://api.kh.clodo.ru:8443/v1")).isNull();
        assertThat(trusting.refusal("https://api.clodo.ru", "https://api.kh.clodo.ru/v1")).isNotNull();
        assertThat(trusting.refusal("https://api.clodo.ru", "http://mgmt.example.net/v1")).contains("allowInsecureManagementUrl");
        assertThat(trusting.refusal("https://api.clodo.ru", "https://mgmt.example.net/v1?x=")).as("trusted, still no query")
                .isNotNull();
        assertThat(new ManagementUrlPolicy(Set.of("mgmt.example.net"), true)
                .refusal("https://api.clodo.ru", "http://mgmt.example.net/v1")).isNull();
    }

    /** The same host on another port, a query, a fragment, user info: each refused, the token sent nowhere. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"OTHER_PORT", "QUERY", "FRAGMENT", "USERINFO"})
    void aHostileManagementUrlOnTheAuthHostIsRefused(String kind) {
        try (dev.volga.testkit.StubServer other = dev.volga.testkit.StubServer.start();
             ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.JSON).build()) {
            other.fallback(req -> StubResponse.json(200, "{\"server\":{\"id\":1,\"title\":\"stolen\"}}"));
            String url = switch (kind) {
                case "OTHER_PORT" -> other.baseUrl() + "/v1";
                case "QUERY" -> stub.managementUrl() + "?x=";
                case "FRAGMENT" -> stub.managementUrl() + "#";
                default -> stub.managementUrl().replace("://", "://jdoe@");
            };
            stub.http().enqueue("GET", "/", loginAnswer(url));
            StepVerifier.create(clodo.servers().get(1))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(AuthenticationException.class).hasMessageContaining("management URL");
                        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain(Fixture.KEY);
                    })
                    .verify(T);
            assertThat(other.journal()).as("the token never reached the other server").isEmpty();
            assertThat(stub.journal()).as("only the login reached the stub").hasSize(1);
        }
    }

    @Test
    void aTrustedHostIsAcceptedByTheClient() {
        // the stub listens on 127.0.0.1; "localhost" names the same machine under another host name
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, Format.JSON)
                     .trustedManagementHosts("127.0.0.1").allowInsecureManagementUrl(true).build()) {
            long id = stub.addServer("main", "VirtualServer", "is_running");
            stub.http().enqueue("GET", "/", loginAnswer(stub.managementUrl()));
            StepVerifier.create(clodo.servers().get(id)).expectNextCount(1).verifyComplete();
        }
    }

    @Test
    void aBillionLaughsBodyIsRefusedWithoutExpansion() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        String prev = "lol";
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&" + prev + ";").repeat(10)).append("\">");
            prev = "lol" + i;
        }
        String body = dtd + "]><server><id>1</id><name>&" + prev + ";</name></server>";
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, Format.XML).build()) {
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.status(200).header("Content-Type", "application/xml").body(body));
            StepVerifier.create(clodo.servers().get(1))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(DecodingException.class);
                        assertThat(e.getMessage()).doesNotContain("lollollol").hasSizeLessThan(2000);
                    })
                    .verify(T);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = "XML") // JSON: ClodoConformanceTest
    void deeplyNestedXmlIsADecodingErrorNotAStackOverflow(Format format) {
        String body = format == Format.JSON ? "[".repeat(100_000) : "<a>".repeat(100_000);
        String type = format == Format.JSON ? "application/json" : "application/xml";
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, format).build()) {
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.status(200).header("Content-Type", type).body(body));
            StepVerifier.create(clodo.servers().get(1))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DecodingException.class)
                            .satisfies(x -> assertThat(x.getMessage()).hasSizeLessThan(2000)))
                    .verify(T);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = "XML") // JSON: ClodoConformanceTest
    void invalidUtf8InXmlIsADecodingError(Format format) {
        byte[] head = (format == Format.JSON ? "{\"server\":{\"id\":1,\"name\":\"" : "<server><id>1</id><name>")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = (format == Format.JSON ? "\"}}" : "</name></server>").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + 3 + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        body[head.length] = (byte) 0xC3;
        body[head.length + 1] = (byte) 0x28; // an invalid 2-byte sequence
        body[head.length + 2] = (byte) 0xFF;
        System.arraycopy(tail, 0, body, head.length + 3, tail.length);
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, format).build()) {
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.status(200)
                    .header("Content-Type", format == Format.JSON ? "application/json" : "application/xml").body(body));
            StepVerifier.create(clodo.servers().get(1))
                    .expectError(DecodingException.class)
                    .verify(T);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = "XML") // JSON: ClodoConformanceTest
    void aProxysHtmlErrorPageIsAServerErrorWithAShortExcerptInXmlMode(Format format) {
        String html = "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center>"
                + "<hr><center>nginx</center>" + "<!-- padding -->".repeat(500) + "</body></html>";
        try (ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, format).retry(dev.volga.api.RetrySettings.none()).build()) {
            clodo.servers().list().collectList().block(T); // log in first
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.status(502).header("Content-Type", "text/html").body(html));
            StepVerifier.create(clodo.servers().get(1))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(ServerErrorException.class);
                        assertThat(((ServerErrorException) e).httpStatus()).isEqualTo(502);
                        assertThat(e.getMessage()).hasSizeLessThan(1000).doesNotContain(TOKEN);
                    })
                    .verify(T);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Format.class, names = "XML") // JSON: ClodoConformanceTest
    void aWrongContentTypeOnA200IsADecodingErrorWithAnExcerptInXmlMode(Format format) {
        try (ClodoStub stub = Fixture.stub().start(); ClodoClient clodo = Fixture.client(stub, format).build()) {
            stub.http().enqueue("GET", "/v1/servers/*", StubResponse.status(200).header("Content-Type", "text/html")
                    .body("<html><body>Please log in to the captive portal</body></html>"));
            StepVerifier.create(clodo.servers().get(1))
                    .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(DecodingException.class)
                            .hasMessageContaining("captive portal"))
                    .verify(T);
        }
    }


    @Test
    void aRedirectedLoginIsNotFollowedAndTheKeyStaysHome() {
        try (dev.volga.testkit.StubServer elsewhere = dev.volga.testkit.StubServer.start();
             ClodoStub stub = Fixture.stub().start();
             ClodoClient clodo = Fixture.client(stub, Format.JSON).retry(dev.volga.api.RetrySettings.none()).build()) {
            elsewhere.fallback(req -> StubResponse.status(204).header("X-Auth-Token", TOKEN)
                    .header("X-Server-Management-Url", elsewhere.baseUrl() + "/v1"));
            stub.http().enqueue("GET", "/", StubResponse.status(302).header("Location", "http://localhost:" + elsewhere.port() + "/"));
            StepVerifier.create(clodo.servers().get(1))
                    .expectErrorSatisfies(e -> {
                        assertThat(e).isInstanceOf(dev.volga.api.ApiException.class);
                        assertThat(e.getMessage()).doesNotContain(Fixture.KEY);
                    })
                    .verify(T);
            assertThat(elsewhere.journal()).as("the other host never saw X-Auth-Key").isEmpty();
        }
    }
}
