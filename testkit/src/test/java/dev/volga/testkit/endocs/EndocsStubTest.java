package dev.volga.testkit.endocs;

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The EnDocs stub on the wire, with a raw HTTP client: the spec's status codes and texts, the
 * exact-spelling update rule, the quota. Public because this package is exported but not opened.
 */
@ExtendWith(NoLeaks.class)
public class EndocsStubTest {

    private static final String AUTH = "Bearer " + EndocsStub.DEFAULT_TOKEN;

    private EndocsStub stub;
    private ConnectionProvider pool;
    private HttpClient http;

    /** A raw response. */
    record Reply(int status, String contentType, String retryAfter, String body) {
    }

    /** Creates the test; JUnit calls this. */
    public EndocsStubTest() {
    }

    /** Starts the stub. */
    @BeforeEach
    public void start() {
        stub = EndocsStub.start().noQuota();
        pool = ConnectionProvider.builder("endocs-stub-test").maxConnections(16).build();
        http = HttpClient.create(pool).baseUrl(stub.baseUrl()).disableRetry(true);
    }

    /** Stops the stub. */
    @AfterEach
    public void stop() {
        pool.disposeLater().block(Duration.ofSeconds(10));
        stub.close();
    }

    private Reply call(String method, String path, String auth, String json) {
        HttpClient.RequestSender sender = http.headers(h -> {
            if (auth != null) {
                h.add("Authorization", auth);
            }
            if (json != null) {
                h.add("Content-Type", "application/json");
            }
        }).request(HttpMethod.valueOf(method)).uri(path);
        HttpClient.ResponseReceiver<?> receiver = json == null ? sender
                : sender.send(ByteBufFlux.fromString(Mono.just(json), StandardCharsets.UTF_8, io.netty.buffer.ByteBufAllocator.DEFAULT));
        return receiver.responseSingle((res, body) -> body.asString(StandardCharsets.UTF_8).defaultIfEmpty("")
                .map(text -> new Reply(res.status().code(), res.responseHeaders().get("Content-Type"),
                        res.responseHeaders().get("Retry-After"), text))).block(Duration.ofSeconds(10));
    }

    /** System.Text.Json's camel-case policy, as the server writes its property names. */
    @Test
    public void camelCaseAsSystemTextJsonWritesIt() {
        assertThat(EndocsStub.camel("Ext_ID")).isEqualTo("ext_ID");
        assertThat(EndocsStub.camel("INN")).isEqualTo("inn");
        assertThat(EndocsStub.camel("EDIId")).isEqualTo("ediId");
        assertThat(EndocsStub.camel("OCRtype")).isEqualTo("ocRtype");
        assertThat(EndocsStub.camel("AmountWOVAT")).isEqualTo("amountWOVAT");
        assertThat(EndocsStub.camel("MetaID")).isEqualTo("metaID");
        assertThat(EndocsStub.camel("VAT")).isEqualTo("vat");
    }

    /** The 400/401 split of the 2022 server, and the switch to "always 401". */
    @Test
    public void authFailuresAsTheServerSendsThem() {
        Reply none = call("GET", "/api/Output/GetClientInfo", null, null);
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.body()).isEqualTo("No Authorization header ( #err-80)");
        assertThat(none.contentType()).startsWith("text/plain");
        assertThat(call("GET", "/api/Output/GetClientInfo", "Basic abc", null).body()).contains("#err-30");
        Reply unknown = call("GET", "/api/Output/GetClientInfo", "Bearer nope", null);
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).contains("#err-40");
        assertThat(call("GET", "/api/output/getclientinfo", AUTH, null).status()).as("routes are case-insensitive").isEqualTo(200);

        stub.allAuthFailuresAs401(true);
        assertThat(call("GET", "/api/Output/GetClientInfo", null, null).status()).isEqualTo(401);
        stub.errorForm(EndocsStub.ErrorForm.ERROR_OBJECT);
        assertThat(call("GET", "/api/Output/GetClientInfo", null, null).body())
                .isEqualTo("{\"error\":\"No Authorization header ( #err-80)\"}");
    }

    /** The rotation quirk: the request with the expired token succeeds, the next one is refused. */
    @Test
    public void tokenRotation() {
        stub.expireToken();
        assertThat(call("GET", "/api/Output/GetClientInfo", AUTH, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/Output/GetClientInfo", AUTH, null).status()).isEqualTo(401);
        assertThat(call("GET", "/api/Output/GetClientInfo", "Bearer " + stub.token(), null).status()).isEqualTo(200);
    }

    /** An update copies only exactly-spelled keys; a create matches keys case-insensitively. */
    @Test
    public void updatesDropMisSpelledKeys() {
        String org = "\"Organization\":{\"Ext_ID\":\"o\",\"Name\":\"Org\"}";
        Reply created = call("POST", "/api/Metadata/AddOrUpdateLocalDoc", AUTH,
                "{\"requestId\":\"r1\",\"ext_id\":\"e1\",\"docnumber\":\"1\",\"Binaries\":[]," + org + "}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).contains("\"docNumber\":\"1\"", "\"ext_ID\":\"e1\"", "\"source\":\"Внутренний\"");
        long id = Long.parseLong(created.body().replaceAll("^\\{\"id\":(\\d+).*$", "$1").trim());

        Reply camel = call("POST", "/api/Metadata/AddOrUpdateLocalDoc", AUTH,
                "{\"RequestID\":\"r2\",\"Ext_ID\":\"e1\",\"docNumber\":\"2\"," + org + "}");
        assertThat(camel.status()).isEqualTo(204);
        assertThat(stub.document(id)).hasValueSatisfying(d -> assertThat(d).containsEntry("DocNumber", "1"));
        Reply pascal = call("POST", "/api/Metadata/AddOrUpdateLocalDoc", AUTH,
                "{\"RequestID\":\"r3\",\"Ext_ID\":\"e1\",\"DocNumber\":\"3\"," + org + "}");
        assertThat(pascal.status()).isEqualTo(204);
        assertThat(stub.document(id)).hasValueSatisfying(d -> assertThat(d).containsEntry("DocNumber", "3"));
    }

    /** The server's traps: a create without Binaries fails with 500; scan file checks run before auth. */
    @Test
    public void trapsOfTheServer() {
        String org = "\"Organization\":{\"Ext_ID\":\"o\",\"Name\":\"Org\"}";
        Reply noBinaries = call("POST", "/api/Metadata/AddOrUpdateExtDoc", AUTH,
                "{\"RequestID\":\"r\",\"DocTypeId\":1,\"Source\":\"Входящий\"," + org + "}");
        assertThat(noBinaries.status()).isEqualTo(500);
        assertThat(noBinaries.body()).isEqualTo("Database Failure");
        assertThat(call("POST", "/api/Metadata/AddOrUpdateExtDoc", AUTH,
                "{\"RequestID\":\"r\",\"DocTypeId\":1,\"Source\":\"Внутренний\",\"Binaries\":[]," + org + "}").body())
                .isEqualTo("Field Source value incorrect");
        Reply scan = call("POST", "/api/Metadata/AddOrUpdateNonFormDoc", null, "{\"RequestID\":\"r\",\"Binaries\":[]}");
        assertThat(scan.status()).isEqualTo(400);
        assertThat(scan.body()).isEqualTo("File is required");
        Reply notBase64 = call("POST", "/api/Metadata/AddOrUpdateNonFormDoc", AUTH,
                "{\"RequestID\":\"r\",\"Binaries\":[{\"FileName\":\"a\",\"FileBase64\":\"***\"}]}");
        assertThat(notBase64.body()).isEqualTo("Can not parse File to Base64");
        assertThat(call("POST", "/api/Metadata/DocApproval", AUTH, "{\"RequestID\":\"r\",\"NonFormID\":5,\"Approved\":true}")
                .body()).isEqualTo("Wrong approval for document was found");
        assertThat(call("GET", "/api/File/GetFileByExtIntId/abc/MetaID", AUTH, null).body()).isEqualTo("Id is not int");
        assertThat(call("GET", "/api/File/GetFileByExtIntId/1/metaid", AUTH, null).body()).contains("#err-70");
    }

    /** Feeds: {"Key","Value"}, lower case on request, {"Key":0,"Value":null} when sync is off. */
    @Test
    public void feedBodies() {
        stub.addContract(Map.of("Name", "Договор"));
        assertThat(call("GET", "/api/Output/GetNewContracts/0/r", AUTH, null).body()).startsWith("{\"Key\":1,\"Value\":[{\"id\":");
        stub.lowercaseKeyValue(true);
        assertThat(call("GET", "/api/Output/GetNewContracts/0/r", AUTH, null).body()).startsWith("{\"key\":1,\"value\":[");
        stub.lowercaseKeyValue(false).syncSettings(false, true, true, false);
        assertThat(call("GET", "/api/Output/GetNewContracts/0/r", AUTH, null).body()).isEqualTo("{\"Key\":0,\"Value\":null}");
        assertThat(call("GET", "/api/Output/GetNewContracts/x/r", AUTH, null).contentType()).startsWith("application/problem+json");
    }

    /** The per-token quota answers 429 with Retry-After beyond its burst. */
    @Test
    public void quota() {
        stub.quota(2, Duration.ofMinutes(1), 2);
        assertThat(call("GET", "/api/Output/GetClientInfo", AUTH, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/Output/GetClientInfo", AUTH, null).status()).isEqualTo(200);
        Reply limited = call("GET", "/api/Output/GetClientInfo", AUTH, null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.retryAfter())).isBetween(1L, 30L);
        assertThat(call("GET", "/api/Output/GetClientInfo", "Bearer other", null).status())
                .as("another token has its own quota").isEqualTo(401);
        assertThat(stub.tooManyRequestsSent()).isEqualTo(1);
        assertThat(EndocsStub.inputDate("30.05.2022")).isEqualTo("2022-05-30T12:00:00");
        assertThat(EndocsStub.inputDate("2022-05-30")).isEqualTo("2022-05-30T12:00:00");
        assertThat(EndocsStub.inputDate("30.05.2022 10:15:30")).isEqualTo("2022-05-30T10:15:30");
    }
}
