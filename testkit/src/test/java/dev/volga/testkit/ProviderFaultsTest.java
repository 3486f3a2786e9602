package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.nodul.NodulStub;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Each provider stub writes faults and quota refusals in its own wire form; verify() and reset(). */
@ExtendWith(NoLeaks.class)
class ProviderFaultsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static void assertUnparsable(String body) {
        assertThatThrownBy(() -> JSON.readTree(body)).isInstanceOf(JacksonException.class);
    }

    @Nested
    class Nodul {
        private static final String TOKEN = "nodul-faults-token";
        private static final String QUOTAS = NodulStub.BASE_PATH + "/quotas?AUTH_TOKEN=" + TOKEN;

        @Test
        void faultsUseTheEnvelopeAndPathsAfterTheBasePath() {
            try (NodulStub nodul = NodulStub.start(TOKEN); TestClient client = new TestClient(nodul.server())) {
                nodul.faults().inject(FaultRule.unauthorized().on("GET", "/quotas").times(1));
                nodul.faults().inject(FaultRule.status(503).on("GET", "/quotas").times(1));
                nodul.faults().inject(FaultRule.tooManyRequests(Duration.ofSeconds(2)).on("GET", "/quotas").times(1));
                nodul.faults().inject(FaultRule.malformedBody().on("GET", "/quotas").times(1));

                TestClient.Response unauthorized = client.call("GET", QUOTAS);
                assertThat(unauthorized.status()).isEqualTo(401);
                JsonNode e = json(unauthorized.body());
                assertThat(e.get("success").asBoolean()).isFalse();
                assertThat(e.get("errors").get(0).get("code").asString()).isEqualTo("auth.Unauthorized");
                assertThat(e.get("request_id").asString()).hasSize(20);

                TestClient.Response unavailable = client.call("GET", QUOTAS);
                assertThat(unavailable.status()).isEqualTo(503);
                assertThat(json(unavailable.body()).get("errors").get(0).get("code").asString()).isEqualTo("service.Unavailable");

                TestClient.Response limited = client.call("GET", QUOTAS);
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.headers()).containsEntry("retry-after", "2");
                assertThat(json(limited.body()).get("errors").get(0).get("code").asString())
                        .isEqualTo("rate_limit.TooManyRequests");

                TestClient.Response malformed = client.call("GET", QUOTAS);
                assertThat(malformed.status()).isEqualTo(200);
                assertUnparsable(malformed.body());

                assertThat(json(client.call("GET", QUOTAS).body()).get("success").asBoolean()).isTrue();
                nodul.verify().exactly(5, "GET", "/quotas").noStaleToken();
            }
        }

        @Test
        void aQuotaPerTokenIsOffByDefaultAndAnswers429PastIt() {
            TestClock clock = new TestClock();
            try (NodulStub nodul = NodulStub.start(TOKEN); TestClient client = new TestClient(nodul.server())) {
                for (int i = 0; i < 20; i++) {
                    assertThat(client.call("GET", QUOTAS).status()).isEqualTo(200);
                }
                nodul.quota(Quota.of(1, Duration.ofMinutes(1), 1).clock(clock));
                assertThat(client.call("GET", QUOTAS).status()).isEqualTo(200);
                TestClient.Response limited = client.call("GET", QUOTAS);
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.headers()).containsEntry("retry-after", "60");
                assertThat(json(limited.body()).get("success").asBoolean()).isFalse();
                assertThat(nodul.tooManyRequestsSent()).isEqualTo(1);
                clock.advance(Duration.ofMinutes(1));
                assertThat(client.call("GET", QUOTAS).status()).isEqualTo(200);
                nodul.noQuota();
                assertThat(client.call("GET", QUOTAS).status()).isEqualTo(200);
            }
        }

        @Test
        void staleTokensAreCaughtAndResetForgetsEverything() {
            try (NodulStub nodul = NodulStub.start(TOKEN); TestClient client = new TestClient(nodul.server())) {
                nodul.addUser("u1");
                client.call("GET", NodulStub.BASE_PATH + "/quotas?AUTH_TOKEN=wrong-token");
                assertThatThrownBy(() -> nodul.verify().noStaleToken()).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("AUTH_TOKEN=***").hasMessageNotContaining("wrong-token");
                nodul.faults().inject(FaultRule.status(500));

                nodul.clearJournalAndFaults();
                assertThat(nodul.users()).containsExactly("u1");
                nodul.verify().total(0).noStaleToken();
                assertThat(nodul.faults().active()).isEmpty();

                nodul.faults().inject(FaultRule.status(500));
                nodul.reset();
                assertThat(nodul.users()).isEmpty();
                assertThat(client.call("GET", QUOTAS).status()).isEqualTo(200);
            }
        }
    }

    @Nested
    class Endocs {
        private final Map<String, String> auth = Map.of("Authorization", "Bearer " + EndocsStub.DEFAULT_TOKEN);
        private static final String INFO = "/api/output/getclientinfo";

        private TestClient.Response get(TestClient client, String path) {
            return client.exchange("GET", path, null, auth).block(TestClient.TIMEOUT);
        }

        @Test
        void faultsUseTheErrorTextsInTheCurrentForm() {
            try (EndocsStub endocs = EndocsStub.start(); TestClient client = new TestClient(endocs.server())) {
                endocs.faults().inject(FaultRule.unauthorized().times(1));
                TestClient.Response unauthorized = get(client, INFO);
                assertThat(unauthorized.status()).isEqualTo(401);
                assertThat(unauthorized.body()).isEqualTo("Could not find any client for this token ( #err-40)");

                endocs.errorForm(EndocsStub.ErrorForm.ERROR_OBJECT);
                endocs.faults().inject(FaultRule.unauthorized().times(1));
                endocs.faults().inject(FaultRule.status(503).on("GET", "/api/OUTPUT/**").times(1));
                endocs.faults().inject(FaultRule.tooManyRequests(Duration.ofSeconds(1)).times(1));
                endocs.faults().inject(FaultRule.malformedBody().times(1));
                assertThat(json(get(client, INFO).body()).get("error").asString()).contains("#err-40");
                TestClient.Response unavailable = get(client, INFO);
                assertThat(unavailable.status()).isEqualTo(503);
                assertThat(json(unavailable.body()).get("error").asString()).isEqualTo("Service Unavailable");
                TestClient.Response limited = get(client, INFO);
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.headers()).containsEntry("retry-after", "1");
                TestClient.Response malformed = get(client, INFO);
                assertThat(malformed.status()).isEqualTo(200);
                assertUnparsable(malformed.body());
                assertThat(get(client, INFO).status()).isEqualTo(200);
                endocs.verify().exactly(6, "GET", "/api/Output/GetClientInfo").noStaleToken();
            }
        }

        @Test
        void theDefaultQuotaIs300PerMinuteWithABurstOf10() {
            TestClock clock = new TestClock();
            try (EndocsStub endocs = EndocsStub.start(); TestClient client = new TestClient(endocs.server())) {
                endocs.quota(Quota.of(300, Duration.ofMinutes(1), 10).clock(clock));
                for (int i = 0; i < 10; i++) {
                    assertThat(get(client, INFO).status()).isEqualTo(200);
                }
                TestClient.Response limited = get(client, INFO);
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.headers()).containsEntry("retry-after", "1");
                clock.advance(Duration.ofMillis(200));
                assertThat(get(client, INFO).status()).isEqualTo(200);
                assertThat(endocs.tooManyRequestsSent()).isEqualTo(1);
            }
        }

        @Test
        void aRotatedTokenIsStaleAndResetRestoresTheStartingState() {
            try (EndocsStub endocs = EndocsStub.start(); TestClient client = new TestClient(endocs.server())) {
                endocs.addUser("a@example.ru", "A", false);
                endocs.expireToken();
                assertThat(get(client, INFO).status()).isEqualTo(200);
                assertThat(get(client, INFO).status()).as("the old token after rotation").isEqualTo(401);
                assertThatThrownBy(() -> endocs.verify().noStaleToken()).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("#2 GET " + INFO);
                endocs.blocked(true);

                endocs.reset();

                assertThat(endocs.token()).isEqualTo(EndocsStub.DEFAULT_TOKEN);
                endocs.verify().total(0).noStaleToken();
                TestClient.Response info = get(client, INFO);
                assertThat(info.status()).isEqualTo(200);
                assertThat(json(info.body()).get("usersUsed").asInt()).isZero();
                assertThat(json(info.body()).get("blocked").asBoolean()).isFalse();
            }
        }
    }

    @Nested
    class Clodo {
        private static final String USER = "jdoe";
        private static final String KEY = "clodo-faults-key";

        private String login(TestClient client) {
            TestClient.Response r = client.exchange("GET", "/", null, Map.of("X-Auth-User", USER, "X-Auth-Key", KEY))
                    .block(TestClient.TIMEOUT);
            assertThat(r.status()).isEqualTo(204);
            return r.headers().get("x-auth-token");
        }

        private TestClient.Response get(TestClient client, String token, String accept) {
            return client.exchange("GET", "/v1/servers", null, Map.of("X-Auth-Token", token, "Accept", accept))
                    .block(TestClient.TIMEOUT);
        }

        @Test
        void anInjected401ForgetsTheTokenSoTheClientMustLogInAgain() {
            try (ClodoStub clodo = ClodoStub.builder().user(USER, KEY).start(); TestClient client = new TestClient(clodo.http())) {
                clodo.addServer("main", "VirtualServer", "is_running");
                String token = login(client);
                clodo.faults().inject(FaultRule.unauthorized().on("GET", "/v1/servers/**").times(1));

                TestClient.Response refused = get(client, token, "application/json");
                assertThat(refused.status()).isEqualTo(401);
                assertThat(json(refused.body()).get("code").asInt()).isEqualTo(401);
                clodo.verify().noStaleToken();

                assertThat(get(client, token, "application/json").status()).as("the token is gone").isEqualTo(401);
                assertThatThrownBy(() -> clodo.verify().noStaleToken()).isInstanceOf(AssertionError.class)
                        .hasMessageContaining("#3 GET /v1/servers");
                String fresh = login(client);
                assertThat(get(client, fresh, "application/json").status()).isEqualTo(200);
                clodo.verify().logins(2);
            }
        }

        @Test
        void errorsAndMalformedBodiesFollowAccept() {
            try (ClodoStub clodo = ClodoStub.builder().user(USER, KEY).start(); TestClient client = new TestClient(clodo.http())) {
                String token = login(client);
                clodo.faults().inject(FaultRule.status(503).times(2));
                clodo.faults().inject(FaultRule.malformedBody().times(2));

                TestClient.Response jsonError = get(client, token, "application/json");
                assertThat(jsonError.status()).isEqualTo(503);
                assertThat(json(jsonError.body()).get("ServiceUnavailable").get("code").asInt()).isEqualTo(503);
                TestClient.Response xmlError = get(client, token, "application/xml");
                assertThat(xmlError.body()).contains("<ServiceUnavailable code=\"503\">");
                assertUnparsable(get(client, token, "application/json").body());
                TestClient.Response xml = get(client, token, "application/xml");
                assertThat(xml.headers().get("content-type")).contains("xml");
                assertThat(xml.body()).contains("<servers>").doesNotEndWith("</servers>");
                clodo.verify().exactlyOneLogin();
            }
        }

        @Test
        void aQuotaPerUserAndFaultWindowsRunOnTheStubsClock() {
            try (ClodoStub clodo = ClodoStub.builder().user(USER, KEY).start(); TestClient client = new TestClient(clodo.http())) {
                clodo.addServer("main", "VirtualServer", "is_running");
                String token = login(client);
                clodo.quota(1, Duration.ofMinutes(1), 1);
                assertThat(get(client, token, "application/json").status()).isEqualTo(200);
                TestClient.Response limited = get(client, token, "application/json");
                assertThat(limited.status()).isEqualTo(429);
                assertThat(limited.headers()).containsEntry("retry-after", "60");
                assertThat(json(limited.body()).has("TooManyRequests")).isTrue();
                clodo.advanceClock(Duration.ofMinutes(1));
                assertThat(get(client, token, "application/json").status()).isEqualTo(200);
                assertThat(clodo.tooManyRequestsSent()).isEqualTo(1);
                clodo.noQuota();

                Faults.Injection w = clodo.faults().inject(FaultRule.status(502).during(Duration.ofSeconds(10)));
                assertThat(get(client, token, "application/json").status()).isEqualTo(502);
                clodo.advanceClock(Duration.ofSeconds(10));
                assertThat(w.isActive()).isFalse();
                assertThat(get(client, token, "application/json").status()).isEqualTo(200);
            }
        }

        @Test
        void resetForgetsTokensDataAndJournal() {
            try (ClodoStub clodo = ClodoStub.builder().user(USER, KEY).start(); TestClient client = new TestClient(clodo.http())) {
                String token = login(client);
                clodo.addServer("main", "VirtualServer", "is_running");
                clodo.faults().inject(FaultRule.status(500));

                clodo.clearJournalAndFaults();
                assertThat(clodo.serverIds()).hasSize(1);
                assertThat(clodo.logins()).isZero();
                assertThat(get(client, token, "application/json").status()).as("tokens survive").isEqualTo(200);

                clodo.reset();
                assertThat(clodo.serverIds()).isEmpty();
                assertThat(clodo.journal()).isEmpty();
                assertThat(get(client, token, "application/json").status()).as("tokens are gone").isEqualTo(401);
            }
        }
    }
}
