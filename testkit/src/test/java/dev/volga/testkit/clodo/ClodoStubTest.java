package dev.volga.testkit.clodo;

import dev.volga.testkit.NoLeaks;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;
import reactor.netty.ByteBufFlux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Clodo stub on the wire, checked with a raw HTTP client against the spec's examples. */
@ExtendWith(NoLeaks.class)
public class ClodoStubTest {

    /** Public (with public methods): the package is exported but, unlike the testkit's root package, not opened to JUnit. */
    public ClodoStubTest() {
    }

    private static final Duration T = Duration.ofSeconds(10);

    record Response(int status, Map<String, String> headers, String body) { }

    private final ConnectionProvider pool = ConnectionProvider.builder("clodo-stub-test").maxConnections(8).build();
    private ClodoStub stub;

    @BeforeEach
    public void start() {
        stub = ClodoStub.builder().user("jdoe", "a86850deb2742ec3cb41518e26aa2d89").tokenLifetime(Duration.ofMinutes(20)).start();
    }

    @AfterEach
    public void stop() {
        stub.close();
        pool.disposeLater().block(T);
    }

    private Response call(String method, String url, Map<String, String> headers, String body) {
        HttpClient.RequestSender sender = HttpClient.create(pool).disableRetry(true)
                .headers(h -> headers.forEach(h::add)).request(HttpMethod.valueOf(method)).uri(url);
        HttpClient.ResponseReceiver<?> receiver = body == null ? sender
                : sender.send(ByteBufFlux.fromString(Mono.just(body), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT));
        return receiver.responseSingle((res, content) -> content.asString(StandardCharsets.UTF_8).defaultIfEmpty("").map(text -> {
            Map<String, String> h = new LinkedHashMap<>();
            res.responseHeaders().forEach(e -> h.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
            return new Response(res.status().code(), h, text);
        })).block(T);
    }

    private String login() {
        Response r = call("GET", stub.authUrl() + "/", Map.of("X-Auth-User", "jdoe", "X-Auth-Key", "a86850deb2742ec3cb41518e26aa2d89"), null);
        assertThat(r.status()).isEqualTo(204);
        return r.headers().get("x-auth-token");
    }

    @Test
    public void loginAnswers204WithTokenManagementUrlAndTwentyMinuteExpiry() {
        Response r = call("GET", stub.authUrl() + "/", Map.of("X-Auth-User", "jdoe", "X-Auth-Key", "a86850deb2742ec3cb41518e26aa2d89"), null);
        assertThat(r.status()).isEqualTo(204);
        assertThat(r.headers()).containsEntry("x-server-management-url", stub.authUrl() + "/v1").containsKey("x-auth-token");
        assertThat(r.headers().get("x-auth-token-issued")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0300");
        String issued = r.headers().get("x-auth-token-issued");
        String expired = r.headers().get("x-auth-token-expired");
        assertThat(java.time.Duration.between(java.time.OffsetDateTime.parse(issued, java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXX")),
                java.time.OffsetDateTime.parse(expired, java.time.format.DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXX")))).isEqualTo(Duration.ofMinutes(20));
        assertThat(stub.logins()).isEqualTo(1);
    }

    @Test
    public void aWrongKeyIsAFlat401() {
        Response r = call("GET", stub.authUrl() + "/", Map.of("X-Auth-User", "jdoe", "X-Auth-Key", "wrong", "Accept", "application/json"), null);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEqualTo("{\"code\":401,\"message\":\"Unauthorized\",\"details\":\"Необходима авторизация\"}");
    }

    @Test
    public void tokensExpireByTheStubClock() {
        String token = login();
        long id = stub.addServer("main", "VirtualServer", "is_running");
        assertThat(call("GET", stub.managementUrl() + "/servers/" + id, Map.of("X-Auth-Token", token), null).status()).isEqualTo(200);
        stub.advanceClock(Duration.ofMinutes(20));
        assertThat(call("GET", stub.managementUrl() + "/servers/" + id, Map.of("X-Auth-Token", token), null).status()).isEqualTo(401);
        assertThat(call("GET", stub.managementUrl() + "/servers", Map.of(), null).status()).isEqualTo(401);
    }

    @Test
    public void answersInXmlOrJsonByAcceptAndErrorsInEitherJsonForm() {
        String token = login();
        long id = stub.addServer("main", "VirtualServer", "is_running");
        Response xml = call("GET", stub.managementUrl() + "/servers", Map.of("X-Auth-Token", token, "Accept", "application/xml"), null);
        assertThat(xml.headers().get("content-type")).isEqualTo("application/xml; charset=UTF-8");
        assertThat(xml.body()).contains("<servers><server><id>" + id + "</id><name>main</name>")
                .contains("<ip addr=\"62.76.41." + (id % 250) + "\" primary_ip=\"1\" isp=\"\"/>");
        Response json = call("GET", stub.managementUrl() + "/servers", Map.of("X-Auth-Token", token, "Accept", "application/json"), null);
        assertThat(json.body()).startsWith("{\"servers\":[{\"id\":\"" + id + "\",\"name\":\"main\"")
                .contains("{\"ip\":\"62.76.41." + (id % 250) + "\",\"primary_ip\":true,\"isp\":false}");

        Response missing = call("GET", stub.managementUrl() + "/servers/1", Map.of("X-Auth-Token", token), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).isEqualTo("{\"NotFound\":{\"code\":404,\"message\":\"Not Found\",\"details\":\"VPS не найдена\"}}");
        Response missingXml = call("GET", stub.managementUrl() + "/servers/1", Map.of("X-Auth-Token", token, "Accept", "application/xml"), null);
        assertThat(missingXml.body()).endsWith("<NotFound code=\"404\"><message>Not Found</message><details>VPS не найдена</details></NotFound>");
        stub.errorStyle(ClodoStub.ErrorStyle.FLAT);
        stub.failNext(2, 405);
        assertThat(call("POST", stub.managementUrl() + "/servers/" + id + "/action", Map.of("X-Auth-Token", token), "{\"stop\":{}}").body())
                .isEqualTo("{\"code\":405,\"message\":\"Method Not Allowed\",\"details\":\"Сбой по требованию теста\"}");
        assertThat(call("GET", stub.managementUrl() + "/servers", Map.of("X-Auth-Token", token), null).status()).isEqualTo(405);
        assertThat(call("GET", stub.managementUrl() + "/servers", Map.of("X-Auth-Token", token), null).status()).isEqualTo(200);
    }

    @Test
    public void serversMoveThroughTheirStatusesAndReadBothBodyFormats() {
        String token = login();
        Response created = call("POST", stub.managementUrl() + "/servers", Map.of("X-Auth-Token", token, "Content-Type", "application/xml; charset=UTF-8", "Accept", "application/xml"),
                "<server><vps_title>api-test</vps_title><vps_type>VirtualServer</vps_type><vps_memory>512</vps_memory><vps_hdd>5</vps_hdd><vps_admin>1</vps_admin><vps_os>551</vps_os></server>");
        assertThat(created.status()).isEqualTo(200);
        long id = stub.serverIds().get(0);
        assertThat(created.body()).contains("<server><id>" + id + "</id><name>api-test</name><imageId>551</imageId><adminPass>");
        assertThat(stub.serverStatus(id)).isEqualTo("is_request");
        call("GET", stub.managementUrl() + "/servers/" + id, Map.of("X-Auth-Token", token), null);
        assertThat(stub.serverStatus(id)).isEqualTo("is_install");
        assertThat(call("DELETE", stub.managementUrl() + "/servers/" + id, Map.of("X-Auth-Token", token), null).status())
                .as("F's mock: no delete while installing").isEqualTo(405);
        call("GET", stub.managementUrl() + "/servers/" + id, Map.of("X-Auth-Token", token), null);
        assertThat(stub.serverStatus(id)).isEqualTo("is_running");
        assertThat(call("POST", stub.managementUrl() + "/servers/" + id + "/action", Map.of("X-Auth-Token", token), "{\"stop\":{}}").status()).isEqualTo(204);
        assertThat(stub.serverStatus(id)).isEqualTo("is_disabled");
        assertThat(call("POST", stub.managementUrl() + "/servers/" + id + "/action", Map.of("X-Auth-Token", token), "<start/>").status()).isEqualTo(204);
        assertThat(stub.serverStatus(id)).isEqualTo("is_running");
        assertThat(call("POST", stub.managementUrl() + "/servers", Map.of("X-Auth-Token", token), "{\"server\":{\"vps_title\":\"x\"}}").status()).isEqualTo(400);
    }

    @Test
    public void imageDetailsInJsonPutAttributesUnderAttr() {
        String token = login();
        Response r = call("GET", stub.managementUrl() + "/images/detail", Map.of("X-Auth-Token", token), null);
        assertThat(r.body()).startsWith("{\"images\":[{\"_attr\":{\"id\":\"541\",\"name\":\"Debian 6 64 bits\",\"vps_type\":\"ScaleServer\",\"status\":\"ACTIVE\"},\"os_type\":\"debian\"");
    }

    @Test
    public void seededResourcesAreServed() {
        String token = login();
        long zone = stub.addZone("example.ru", "MASTER");
        stub.addRecord(zone, "www", "A", "1.2.3.4", 3600);
        long ticket = stub.addTicket("help", "text");
        stub.addStorage("store");
        stub.balance(new java.math.BigDecimal("42"));
        Map<String, String> auth = Map.of("X-Auth-Token", token, "Accept", "application/xml");
        assertThat(call("GET", stub.managementUrl() + "/dns/" + zone, auth, null).body()).contains("<name>www</name><type>A</type><content>1.2.3.4</content><ttl>3600</ttl>");
        assertThat(call("GET", stub.managementUrl() + "/helpdesk/" + ticket, auth, null).body()).contains("<subject>help</subject>");
        assertThat(call("GET", stub.managementUrl() + "/storage/", auth, null).body()).contains("<title>store</title>");
        assertThat(call("GET", stub.managementUrl() + "/billing/balance", auth, null).body()).endsWith("<balance>42</balance>");
        assertThat(call("GET", stub.managementUrl() + "/billing/balance", Map.of("X-Auth-Token", token), null).body()).isEqualTo("{\"balance\":42}");
    }

    @Test
    public void anUnknownPathAnswersClodosNotFoundInTheFormatAcceptAsksFor() {
        String token = login();
        Response json = call("GET", stub.managementUrl() + "/nosuchmodule", Map.of("X-Auth-Token", token, "Accept", "application/json"), null);
        assertThat(json.status()).isEqualTo(404);
        assertThat(json.headers().get("content-type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(json.body()).isEqualTo("{\"NotFound\":{\"code\":404,\"message\":\"Not Found\",\"details\":\"Модуль не найден\"}}");
        Response xml = call("GET", stub.managementUrl() + "/nosuchmodule", Map.of("X-Auth-Token", token, "Accept", "application/xml"), null);
        assertThat(xml.status()).isEqualTo(404);
        assertThat(xml.headers().get("content-type")).isEqualTo("application/xml; charset=UTF-8");
        assertThat(xml.body()).isEqualTo("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<NotFound code=\"404\"><message>Not Found</message><details>Модуль не найден</details></NotFound>");
        stub.errorStyle(ClodoStub.ErrorStyle.FLAT);
        assertThat(call("DELETE", stub.managementUrl() + "/nosuchmodule/7", Map.of("X-Auth-Token", token), null).body())
                .isEqualTo("{\"code\":404,\"message\":\"Not Found\",\"details\":\"Модуль не найден\"}");
        assertThat(call("GET", stub.managementUrl() + "/nosuchmodule", Map.of(), null).status())
                .as("the management API checks the token first").isEqualTo(401);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> stub.verify().noStaleToken()))
                .as("the refused unknown call counts as a stale-token request").isInstanceOf(AssertionError.class);
    }

    @Test
    public void serversCreatedThroughTheApiGetAPrimaryIpAndTheirImagesOsType() {
        String token = login();
        Map<String, String> auth = Map.of("X-Auth-Token", token, "Accept", "application/json");
        Response created = call("POST", stub.managementUrl() + "/servers", auth,
                "{\"server\":{\"vps_title\":\"u\",\"vps_type\":\"VirtualServer\",\"vps_memory\":\"512\",\"vps_hdd\":\"5\",\"vps_os\":\"2056\"}}");
        assertThat(created.status()).isEqualTo(200);
        long ubuntu = stub.serverIds().get(0);
        Response detail = call("GET", stub.managementUrl() + "/servers/" + ubuntu, auth, null);
        assertThat(detail.body()).contains("\"os_type\":\"ubuntu\"").contains("\"vps_os_title\":\"Ubuntu\"")
                .contains("{\"ip\":\"62.76.41." + (ubuntu % 250) + "\",\"primary_ip\":true,\"isp\":false}");
        assertThat(call("GET", stub.managementUrl() + "/servers/" + ubuntu + "/ips", auth, null).body())
                .isEqualTo("{\"addresses\":{\"public\":[{\"ip\":\"62.76.41." + (ubuntu % 250) + "\",\"is_primary\":true,\"isp\":false}]}}");

        long debian = stub.addServer("d", "ScaleServer", "is_running", 541);
        long seededUbuntu = stub.addServer("s", "VirtualServer", "is_running", 2056);
        assertThat(call("GET", stub.managementUrl() + "/servers/" + debian, auth, null).body()).contains("\"os_type\":\"debian\"");
        assertThat(call("GET", stub.managementUrl() + "/servers/" + seededUbuntu, auth, null).body()).contains("\"os_type\":\"ubuntu\"");
        assertThat(call("POST", stub.managementUrl() + "/servers/" + seededUbuntu + "/action", auth, "{\"rebuild\":{\"imageId\":\"541\"}}").status())
                .isEqualTo(204);
        assertThat(call("GET", stub.managementUrl() + "/servers/" + seededUbuntu, auth, null).body())
                .as("a rebuild onto Debian changes the OS").contains("\"os_type\":\"debian\"").doesNotContain("ubuntu");
    }

    @Test
    public void theManagementApiCanLiveUnderAnotherPath() {
        try (ClodoStub moved = ClodoStub.builder().user("jdoe", "k3y-for-the-moved-stub").managementPath("/mgmt/v1").start()) {
            long id = moved.addServer("main", "VirtualServer", "is_running");
            Response login = call("GET", moved.authUrl() + "/", Map.of("X-Auth-User", "jdoe", "X-Auth-Key", "k3y-for-the-moved-stub"), null);
            assertThat(login.headers()).containsEntry("x-server-management-url", moved.authUrl() + "/mgmt/v1");
            assertThat(moved.managementUrl()).isEqualTo(moved.authUrl() + "/mgmt/v1");
            Map<String, String> auth = Map.of("X-Auth-Token", login.headers().get("x-auth-token"), "Accept", "application/json");
            assertThat(call("GET", moved.managementUrl() + "/servers/" + id, auth, null).status()).isEqualTo(200);
            Response wrong = call("GET", moved.authUrl() + "/v1/servers/" + id, auth, null);
            assertThat(wrong.status()).isEqualTo(404);
            assertThat(wrong.body()).isEqualTo("{\"NotFound\":{\"code\":404,\"message\":\"Not Found\",\"details\":\"Модуль не найден\"}}");
        }
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ClodoStub.builder().managementPath("/v1/")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> ClodoStub.builder().managementPath("/")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
