package dev.volga.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.testkit.nodul.NodulStub;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The extension as a user meets it: parameters, instance and static fields and {@link StubUrl}
 * all get the same stubs in every test of the class, and each test starts with an empty journal.
 * The ordered tests record what the first saw and check it in the later ones.
 */
@VolgaStubs
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VolgaStubsInjectionTest {

    private static NodulStub staticNodul;
    private static NodulStub fromBeforeAll;
    private static NodulStub firstSeen;
    private static String firstToken;

    private NodulStub nodul;
    private ClodoStub clodo;
    @StubUrl(StubKind.NODUL)
    private String nodulUrl;
    @StubUrl(StubKind.ENDOCS)
    private URI endocsUrl;
    private final EndocsStub notInjected = null;

    @BeforeAll
    static void beforeAll(NodulStub stub) {
        fromBeforeAll = stub;
    }

    @Test
    @Order(1)
    void injectsParametersAndFieldsWithOneStubPerProvider(NodulStub param, EndocsStub endocs, ClodoStub clodoParam,
            @StubUrl(StubKind.CLODO) String clodoUrl, @StubUrl(StubKind.ENDOCS) URI endocsUri) {
        assertThat(param).isNotNull().isSameAs(nodul).isSameAs(staticNodul).isSameAs(fromBeforeAll);
        assertThat(clodoParam).isNotNull().isSameAs(clodo);
        assertThat(nodulUrl).isEqualTo(param.baseUrl()).startsWith("http://127.0.0.1:").endsWith(NodulStub.BASE_PATH);
        assertThat(endocsUrl).isEqualTo(endocsUri).isEqualTo(URI.create(endocs.baseUrl()));
        assertThat(clodoUrl).isEqualTo(clodoParam.authUrl());
        assertThat(notInjected).as("final fields are left alone").isNull();
        // three stubs, three ports
        assertThat(Map.of(URI.create(nodulUrl).getPort(), 1, endocsUrl.getPort(), 2, URI.create(clodoUrl).getPort(), 3))
                .hasSize(3);

        firstSeen = param;
        firstToken = param.token();
    }

    @Test
    @Order(2)
    void theStubsAreLiveAndAcceptTheirCredentials(NodulStub param, EndocsStub endocs, ClodoStub clodoParam) {
        assertThat(Http.get(param.baseUrl() + "/plans?AUTH_TOKEN=" + param.token(), Map.of())).isEqualTo(200);
        assertThat(Http.get(param.baseUrl() + "/plans?AUTH_TOKEN=wrong", Map.of())).isEqualTo(401);
        assertThat(Http.get(endocs.baseUrl() + "/api/Output/GetClientInfo",
                Map.of("Authorization", "Bearer " + endocs.token()))).isEqualTo(200);
        assertThat(Http.get(clodoParam.authUrl() + "/",
                Map.of("X-Auth-User", VolgaStubs.CLODO_USER, "X-Auth-Key", VolgaStubs.CLODO_KEY))).isEqualTo(204);
        assertThat(clodoParam.logins()).isEqualTo(1);

        // leave requests, a scripted answer and seeded data behind for the next test to not see
        param.addUser("user_left_behind");
        param.server().enqueue(dev.volga.testkit.StubResponse.status(503));
        assertThat(param.journal()).hasSize(2);
        assertThat(endocs.server().journal()).hasSize(1);
        assertThat(clodoParam.journal()).hasSize(1);
    }

    @Test
    @Order(3)
    void reusesTheStubsAndResetsThemAfterEachTest(NodulStub param, EndocsStub endocs, ClodoStub clodoParam) {
        assertThat(param).isSameAs(firstSeen);
        assertThat(param.token()).isEqualTo(firstToken);
        assertThat(nodulUrl).isEqualTo(firstSeen.baseUrl());

        assertThat(param.journal()).isEmpty();
        assertThat(endocs.server().journal()).isEmpty();
        assertThat(clodoParam.journal()).isEmpty();
        assertThat(param.users()).as("Nodul data is back to the state after start").doesNotContain("user_left_behind");
        assertThat(Http.get(param.baseUrl() + "/plans?AUTH_TOKEN=" + param.token(), Map.of()))
                .as("the scripted 503 was dropped").isEqualTo(200);
    }

    @Nested
    class NestedClass {

        private NodulStub nestedField;

        @Test
        void sharesTheStubsOfTheEnclosingClass(NodulStub param) {
            assertThat(param).isSameAs(staticNodul).isSameAs(nestedField).isSameAs(nodul);
            assertThat(param.journal()).isEmpty();
        }
    }
}
