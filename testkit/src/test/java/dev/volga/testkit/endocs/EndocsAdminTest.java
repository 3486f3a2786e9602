package dev.volga.testkit.endocs;

import dev.volga.testkit.NoLeaks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EnDocs stub's admin routes driven as a team outside Java would: JSON over real HTTP with the
 * JDK's own client, then the provider routes to see the effect. Public because this package is
 * exported but not opened.
 */
@ExtendWith(NoLeaks.class)
public class EndocsAdminTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EndocsStub stub;
    private HttpClient http;

    /** A response: status and body text. */
    record Reply(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    /** Creates the test; JUnit calls this. */
    public EndocsAdminTest() {
    }

    /** Starts the stub (without a quota, so no test waits on it). */
    @BeforeEach
    public void start() {
        stub = EndocsStub.start().noQuota();
        http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    /** Stops the stub. */
    @AfterEach
    public void stop() {
        stub.close();
    }

    private Reply call(String method, String path, String token, String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stub.baseUrl() + path)).timeout(TIMEOUT)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply admin(String method, String path, String json) {
        return call(method, "/__admin" + path, null, json);
    }

    /** A seeded document is in the provider's feed and reads back; an unknown id is 404. */
    @Test
    public void aSeededDocumentIsServedByTheProviderRouteAndReadsBack() {
        Reply seeded = admin("POST", "/documents",
                "{\"DocTypeId\": 14, \"DocNumber\": \"СЧ-7\", \"Amount\": 1200.5, \"State\": \"Согласовано\"}");
        assertThat(seeded.status()).isEqualTo(200);
        long id = seeded.json().get("id").asLong();

        Reply feed = call("GET", "/api/Output/GetNewInvoices/0/0", stub.token(), null);
        assertThat(feed.status()).isEqualTo(200);
        JsonNode items = feed.json().get("Value");
        assertThat(feed.json().get("Key").asInt()).isEqualTo(1);
        assertThat(items.get(0).get("id").asLong()).isEqualTo(id);
        assertThat(items.get(0).get("docNumber").asString()).isEqualTo("СЧ-7");
        assertThat(items.get(0).get("docType").asString()).isEqualTo("Счет входящий");

        Reply back = admin("GET", "/documents/" + id, null);
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.json().get("DocNumber").asString()).isEqualTo("СЧ-7");
        assertThat(back.json().get("Id").asLong()).isEqualTo(id);
        assertThat(admin("GET", "/documents/" + (id + 1000), null).status()).isEqualTo(404);
        assertThat(admin("GET", "/contracts/" + id, null).status()).as("a document is not a contract").isEqualTo(404);
    }

    /** Users, scans, contracts and files seeded over HTTP reach the provider routes; reset forgets them. */
    @Test
    public void seedingOverHttpAndReset() {
        assertThat(admin("POST", "/users", "{\"email\": \"b@example.ru\", \"userName\": \"Б\", \"blocked\": true}").status())
                .isEqualTo(204);
        assertThat(admin("POST", "/users", "{\"email\": \"a@example.ru\", \"userName\": \"А\"}").status()).isEqualTo(204);
        JsonNode users = call("GET", "/api/Output/GetClientUsers", stub.token(), null).json();
        assertThat(users.size()).isEqualTo(2);
        assertThat(users.get(0).get("email").asString()).isEqualTo("a@example.ru");
        assertThat(users.get(0).get("blocked").asBoolean()).isFalse();
        assertThat(users.get(1).get("blocked").asBoolean()).isTrue();

        String pdf = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        long scan = admin("POST", "/scans", "{\"fileName\": \"bill.pdf\", \"contentBase64\": \"" + pdf
                + "\", \"sender\": \"m@example.ru\"}").json().get("id").asLong();
        assertThat(admin("GET", "/scans/" + scan, null).json().get("Sender").asString()).isEqualTo("m@example.ru");
        JsonNode scans = call("GET", "/api/Output/GetNonFormDoc/0/0", stub.token(), null).json();
        assertThat(scans.get("Value").get(0).get("fileName").asString()).isEqualTo("bill.pdf");

        long contract = admin("POST", "/contracts", "{\"Name\": \"Аренда\"}").json().get("id").asLong();
        assertThat(admin("POST", "/files", "{\"kind\": \"ContractID\", \"id\": " + contract
                + ", \"fileName\": \"arenda.pdf\", \"contentBase64\": \"" + pdf + "\"}").status()).isEqualTo(204);
        Reply file = call("GET", "/api/File/GetContractFileById/" + contract, stub.token(), null);
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.json().get("binaries").get(0).get("fileBase64").asString()).isEqualTo(pdf);

        assertThat(admin("POST", "/reset", null).status()).isEqualTo(204);
        assertThat(admin("GET", "/contracts/" + contract, null).status()).isEqualTo(404);
        assertThat(stub.entityCount()).isZero();
        assertThat(call("GET", "/api/Output/GetClientUsers", stub.token(), null).json().size()).isZero();
    }

    /** An expired token works once more and is then refused; a rotated one is refused at once. */
    @Test
    public void expiredAndRotatedTokensAreRefused() {
        String old = stub.token();
        assertThat(admin("POST", "/tokens/expire", null).status()).isEqualTo(204);
        assertThat(call("GET", "/api/Output/GetClientInfo", old, null).status())
                .as("the request that meets the expiry still succeeds and rotates the token").isEqualTo(200);
        Reply refused = call("GET", "/api/Output/GetClientInfo", old, null);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("#err-40");
        String current = admin("GET", "/tokens", null).json().get("token").asString();
        assertThat(current).isNotEqualTo(old).isEqualTo(stub.token());
        assertThat(call("GET", "/api/Output/GetClientInfo", current, null).status()).isEqualTo(200);

        String rotated = admin("POST", "/tokens/rotate", null).json().get("token").asString();
        assertThat(rotated).isNotEqualTo(current);
        assertThat(call("GET", "/api/Output/GetClientInfo", current, null).status()).isEqualTo(401);
        assertThat(call("GET", "/api/Output/GetClientInfo", rotated, null).status()).isEqualTo(200);
    }

    /** Settings apply only the fields given; one bad field applies none. */
    @Test
    public void settingsApplyTheFieldsGiven() {
        Reply put = admin("PUT", "/settings", "{\"blocked\": true, \"errorForm\": \"error-object\"}");
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().get("blocked").asBoolean()).isTrue();
        assertThat(put.json().get("errorForm").asString()).isEqualTo("ERROR_OBJECT");
        assertThat(put.json().get("lowercaseKeyValue").asBoolean()).as("not given, unchanged").isFalse();
        Reply users = call("GET", "/api/Output/GetClientUsers", stub.token(), null);
        assertThat(users.status()).isEqualTo(400);
        assertThat(users.json().get("error").asString()).isEqualTo("Client is blocked ( #err-50)");

        assertThat(admin("PUT", "/settings", "{\"blocked\": false, \"errorForm\": \"shouting\"}").status()).isEqualTo(400);
        assertThat(admin("GET", "/settings", null).json().get("blocked").asBoolean()).as("nothing applied").isTrue();

        assertThat(admin("PUT", "/settings", "{\"allAuthFailuresAs401\": true}").status()).isEqualTo(200);
        assertThat(call("GET", "/api/Output/GetClientInfo", null, null).status()).isEqualTo(401);
    }

    /** Bad input is 400 with a JSON error naming the field. */
    @Test
    public void badInputIs400NamingTheField() {
        assertBad(admin("POST", "/users", "{\"userName\": \"А\"}"), "email");
        assertBad(admin("POST", "/users", "{\"email\": \"a@example.ru\", \"userName\": \"А\", \"blocked\": \"yes\"}"),
                "blocked");
        assertBad(admin("POST", "/scans", "{\"fileName\": \"a.pdf\", \"contentBase64\": \"%%%\", \"sender\": \"s\"}"),
                "contentBase64");
        assertBad(admin("POST", "/scans", "{\"fileName\": \"a.pdf\", \"contentBase64\": \"AQ==\"}"), "sender");
        assertBad(admin("POST", "/files", "{\"kind\": \"Invoice\", \"id\": 1, \"fileName\": \"a\", \"contentBase64\": \"AQ==\"}"),
                "kind");
        assertBad(admin("POST", "/files", "{\"kind\": \"MetaID\", \"id\": \"one\", \"fileName\": \"a\", \"contentBase64\": \"AQ==\"}"),
                "id");
        assertBad(admin("POST", "/documents", "{\"DocTypeId\": \"invoice\"}"), "DocTypeId");
        assertBad(admin("POST", "/contracts", null), "fields");
        assertBad(admin("PUT", "/settings", "{\"blokced\": true}"), "blokced");
        assertBad(admin("PUT", "/settings", "{\"minimumExchangeVersion\": 1.5}"), "minimumExchangeVersion");
        assertBad(admin("GET", "/scans/abc", null), "id");
        assertBad(admin("POST", "/users", "[1, 2]"), "JSON object");
        assertThat(stub.entityCount()).isZero();
        assertThat(call("GET", "/api/Output/GetClientUsers", stub.token(), null).json().size()).isZero();
    }

    private static void assertBad(Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
        assertThat(reply.json().get("error").asString()).contains(field);
    }
}
