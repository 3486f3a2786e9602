package dev.volga.testkit.clodo;

import dev.volga.testkit.NoLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** Clodo's admin routes over real HTTP with the JDK's client, as a team outside Java would drive them. */
@ExtendWith(NoLeaks.class)
public class ClodoAdminTest {

    /** Public (with public methods): the package is exported but, unlike the testkit's root package, not opened to JUnit. */
    public ClodoAdminTest() {
    }

    private static final String USER = "jdoe";
    private static final String KEY = "a86850deb2742ec3cb41518e26aa2d89";
    private static final DateTimeFormatter TOKEN_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXX");

    private final JsonMapper json = JsonMapper.builder().build();
    private HttpClient http;
    private ClodoStub stub;
    private String admin;

    @BeforeEach
    public void start() {
        stub = ClodoStub.builder().user(USER, KEY).start();
        admin = stub.baseUrl() + "/__admin";
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterEach
    public void stop() {
        stub.close();
    }

    private HttpResponse<String> send(String method, String url, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode adminJson(String method, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> r = send(method, admin + path, body, "Content-Type", "application/json");
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expectedStatus);
        return r.body().isEmpty() ? null : json.readTree(r.body());
    }

    private HttpResponse<String> login() throws Exception {
        HttpResponse<String> r = send("GET", stub.authUrl() + "/", null, "X-Auth-User", USER, "X-Auth-Key", KEY);
        assertThat(r.statusCode()).isEqualTo(204);
        return r;
    }

    private static String token(HttpResponse<String> login) {
        return login.headers().firstValue("X-Auth-Token").orElseThrow();
    }

    @Test
    public void aServerSeededOverAdminIsServedByTheProviderRoute() throws Exception {
        long id = adminJson("POST", "/servers", "{\"name\":\"web\",\"type\":\"VirtualServer\",\"status\":\"is_disabled\",\"image\":2056}", 200)
                .get("id").asLong();
        long other = adminJson("POST", "/servers", "{\"name\":\"db\",\"type\":\"ScaleServer\"}", 200).get("id").asLong();
        adminJson("POST", "/servers/" + id + "/backups", "{\"file\":\"77\",\"description\":\"nightly\"}", 204);

        String token = token(login());
        HttpResponse<String> server = send("GET", stub.managementUrl() + "/servers/" + id, null, "X-Auth-Token", token, "Accept", "application/json");
        assertThat(server.statusCode()).isEqualTo(200);
        JsonNode s = json.readTree(server.body()).get("server");
        assertThat(s.get("name").asString()).isEqualTo("web");
        assertThat(s.get("status").asString()).isEqualTo("is_disabled");
        assertThat(s.get("os_type").asString()).isEqualTo("ubuntu");
        assertThat(send("GET", stub.managementUrl() + "/servers/" + id + "/backup/getlist", null, "X-Auth-Token", token).body())
                .contains("\"file\":\"77\"").contains("\"desc\":\"nightly\"");

        JsonNode list = adminJson("GET", "/servers", null, 200);
        assertThat(list.toString()).isEqualTo("[{\"id\":" + id + ",\"status\":\"is_disabled\"},{\"id\":" + other + ",\"status\":\"is_running\"}]");
        assertThat(stub.serverStatus(other)).isEqualTo("is_running");
    }

    @Test
    public void zonesRecordsTicketsStoragesAndBalanceAreSeeded() throws Exception {
        long zone = adminJson("POST", "/dns/zones", "{\"domain\":\"example.ru\",\"type\":\"master\"}", 200).get("id").asLong();
        long record = adminJson("POST", "/dns/zones/" + zone + "/records", "{\"name\":\"www\",\"type\":\"A\",\"content\":\"1.2.3.4\",\"ttl\":600}", 200)
                .get("id").asLong();
        long ticket = adminJson("POST", "/tickets", "{\"subject\":\"help\",\"text\":\"it broke\"}", 200).get("id").asLong();
        adminJson("POST", "/storages", "{\"title\":\"store\"}", 200);
        adminJson("PUT", "/balance", "{\"value\":42.5}", 200);

        String token = token(login());
        assertThat(send("GET", stub.managementUrl() + "/dns/" + zone, null, "X-Auth-Token", token, "Accept", "application/xml").body())
                .contains("<record><id>" + record + "</id><domain_id>" + zone + "</domain_id><name>www</name><type>A</type><content>1.2.3.4</content><ttl>600</ttl>");
        assertThat(send("GET", stub.managementUrl() + "/helpdesk/" + ticket, null, "X-Auth-Token", token).body()).contains("\"subject\":\"help\"");
        assertThat(send("GET", stub.managementUrl() + "/storage", null, "X-Auth-Token", token).body()).contains("\"title\":\"store\"");
        assertThat(send("GET", stub.managementUrl() + "/billing/balance", null, "X-Auth-Token", token).body()).isEqualTo("{\"balance\":42.5}");
    }

    @Test
    public void theErrorStyleSwitchChangesTheErrorBody() throws Exception {
        String token = token(login());
        String missing = stub.managementUrl() + "/servers/1";
        assertThat(send("GET", missing, null, "X-Auth-Token", token).body())
                .isEqualTo("{\"NotFound\":{\"code\":404,\"message\":\"Not Found\",\"details\":\"VPS не найдена\"}}");
        assertThat(adminJson("PUT", "/error-style", "{\"style\":\"Flat\"}", 200).toString()).isEqualTo("{\"style\":\"FLAT\"}");
        assertThat(send("GET", missing, null, "X-Auth-Token", token).body())
                .isEqualTo("{\"code\":404,\"message\":\"Not Found\",\"details\":\"VPS не найдена\"}");
        adminJson("PUT", "/error-style", "{\"style\":\"wrapped\"}", 200);
        assertThat(send("GET", missing, null, "X-Auth-Token", token).body()).startsWith("{\"NotFound\":");
    }

    @Test
    public void tokenLifetimeExpiryAndTheClockForceARelogin() throws Exception {
        adminJson("PUT", "/tokens/lifetime", "{\"seconds\":60}", 204);
        HttpResponse<String> first = login();
        OffsetDateTime issued = OffsetDateTime.parse(first.headers().firstValue("X-Auth-Token-Issued").orElseThrow(), TOKEN_TIME);
        OffsetDateTime expires = OffsetDateTime.parse(first.headers().firstValue("X-Auth-Token-Expired").orElseThrow(), TOKEN_TIME);
        assertThat(Duration.between(issued, expires)).isEqualTo(Duration.ofSeconds(60));
        String limits = stub.managementUrl() + "/limits";
        assertThat(send("GET", limits, null, "X-Auth-Token", token(first)).statusCode()).isEqualTo(200);

        adminJson("POST", "/tokens/expire", null, 204);
        assertThat(send("GET", limits, null, "X-Auth-Token", token(first)).statusCode()).as("expired by the admin API").isEqualTo(401);
        String second = token(login());
        assertThat(send("GET", limits, null, "X-Auth-Token", second).statusCode()).isEqualTo(200);

        adminJson("POST", "/clock/advance", "{\"seconds\":61}", 204);
        assertThat(send("GET", limits, null, "X-Auth-Token", second).statusCode()).as("outlived its 60 s").isEqualTo(401);
        assertThat(send("GET", limits, null, "X-Auth-Token", token(login())).statusCode()).isEqualTo(200);
        assertThat(stub.logins()).isEqualTo(3);
    }

    @Test
    public void resetForgetsDataAndSwitches() throws Exception {
        adminJson("POST", "/servers", "{\"name\":\"web\",\"type\":\"VirtualServer\"}", 200);
        adminJson("PUT", "/error-style", "{\"style\":\"FLAT\"}", 200);
        adminJson("POST", "/reset", null, 204);
        assertThat(adminJson("GET", "/servers", null, 200).toString()).isEqualTo("[]");
        String token = token(login());
        assertThat(send("GET", stub.managementUrl() + "/servers", null, "X-Auth-Token", token).body())
                .as("no servers, and the error style is wrapped again")
                .isEqualTo("{\"NotFound\":{\"code\":404,\"message\":\"Not Found\",\"details\":\"VPS не найдены\"}}");
        assertThat(stub.journal()).as("admin calls are not journaled").hasSize(2);
    }

    @Test
    public void aQuotaSetOverAdminCountsPerUserAsTheStubDoes() throws Exception {
        stub.close();
        stub = ClodoStub.builder().user(USER, KEY).user("second", "second-key-0123456789").start();
        admin = stub.baseUrl() + "/__admin";
        adminJson("PUT", "/quota", "{\"model\":\"fixed-window\",\"permits\":1,\"periodMs\":3600000}", 200);
        assertThat(send("GET", stub.authUrl() + "/", null, "X-Auth-User", USER, "X-Auth-Key", KEY).statusCode()).isEqualTo(204);
        assertThat(send("GET", stub.authUrl() + "/", null, "X-Auth-User", "second", "X-Auth-Key", "second-key-0123456789")
                .statusCode()).as("another user has a bucket of its own").isEqualTo(204);
        assertThat(send("GET", stub.authUrl() + "/", null, "X-Auth-User", USER, "X-Auth-Key", KEY).statusCode()).isEqualTo(429);
        assertThat(adminJson("GET", "/quota", null, 200).get("refusals").asInt()).isEqualTo(1);
        adminJson("PUT", "/quota", "{\"model\":\"none\"}", 200);
        assertThat(stub.http().quota()).isEmpty();
    }

    @Test
    public void badInputIsA400NamingTheField() throws Exception {
        assertThat(adminJson("POST", "/servers", "{\"type\":\"VirtualServer\"}", 400).get("error").asString()).contains("name");
        assertThat(adminJson("POST", "/servers", "{\"name\":\"x\",\"type\":\"BigServer\"}", 400).get("error").asString()).contains("type");
        assertThat(adminJson("POST", "/servers", "{\"name\":\"x\",\"type\":\"VirtualServer\",\"image\":\"ubuntu\"}", 400).get("error").asString())
                .contains("image");
        assertThat(adminJson("PUT", "/error-style", "{\"style\":\"loud\"}", 400).get("error").asString()).contains("style");
        assertThat(adminJson("PUT", "/tokens/lifetime", "{\"seconds\":0}", 400).get("error").asString()).contains("seconds");
        assertThat(adminJson("POST", "/clock/advance", "{}", 400).get("error").asString()).contains("seconds");
        assertThat(adminJson("PUT", "/balance", "{\"value\":\"lots\"}", 400).get("error").asString()).contains("value");
        assertThat(adminJson("POST", "/dns/zones", "{\"domain\":\"a.ru\",\"type\":\"PRIMARY\"}", 400).get("error").asString()).contains("type");
        assertThat(adminJson("POST", "/dns/zones/999/records", "{\"name\":\"w\",\"type\":\"A\",\"content\":\"1.1.1.1\"}", 404)
                .get("error").asString()).contains("999");
        assertThat(adminJson("POST", "/servers/999/backups", "{\"file\":\"1\"}", 404).get("error").asString()).contains("999");
        assertThat(adminJson("POST", "/tickets", "{\"subject\":\"s\"}", 400).get("error").asString()).contains("text");
        assertThat(adminJson("POST", "/storages", "{\"title\":\" \"}", 400).get("error").asString()).contains("title");
        assertThat(stub.serverIds()).isEmpty();
    }
}
