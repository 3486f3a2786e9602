package dev.volga.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Constructor injection, with one test instance for the class: the stub handed to the constructor
 * is the one the tests get, and is still reset between them.
 */
@VolgaStubs
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VolgaStubsConstructorTest {

    private final EndocsStub endocs;
    private final String url;

    VolgaStubsConstructorTest(EndocsStub endocs, @StubUrl(StubKind.ENDOCS) String url) {
        this.endocs = endocs;
        this.url = url;
    }

    @Test
    void theConstructorGotTheClassStub(EndocsStub param) {
        assertThat(endocs).isNotNull().isSameAs(param);
        assertThat(url).isEqualTo(param.baseUrl());
    }

    @Test
    void aRequestInOneTestIsGoneInTheOther() {
        // whichever test runs second must find the journal empty, so both check before adding one
        assertThat(endocs.server().journal()).isEmpty();
        assertThat(Http.get(url + "/api/Output/GetClientInfo", java.util.Map.of())).isEqualTo(400);
        assertThat(endocs.server().journal()).hasSize(1);
    }

    @Test
    void andAgain() {
        aRequestInOneTestIsGoneInTheOther();
    }
}
