package dev.volga.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.nodul.NodulClient;
import dev.volga.testkit.junit.VolgaStubs;
import dev.volga.testkit.nodul.NodulStub;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.test.StepVerifier;

/** {@link PlanCatalog} against the Nodul stub, the stub taken as parameters. */
@VolgaStubs
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanCatalogTest {

    private NodulClient client;
    private PlanCatalog catalog;

    @BeforeEach
    void connect(NodulStub nodul) {
        client = NodulClient.builder().baseUrl(nodul.baseUrl()).token(nodul.token()).build();
        catalog = new PlanCatalog(client);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    @Order(1)
    void offersTheActivePlansOnly(NodulStub nodul) {
        nodul.addPlan("Pro", Map.of("regular_microcredits", 50_000_000L));
        nodul.addPlan("Basic", Map.of("regular_microcredits", 10_000_000L));
        String legacy = nodul.addPlan("Legacy", Map.of("regular_microcredits", 1_000_000L));
        client.plans().archive(legacy).block();

        StepVerifier.create(catalog.offeredPlans())
                .expectNext(List.of("Basic", "Pro"))
                .verifyComplete();

        assertThat(nodul.requests("POST", "/plans/archive")).hasSize(1);
        assertThat(nodul.requests("GET", "/plans")).hasSize(1);
        assertThat(nodul.journal()).hasSize(2)
                .allSatisfy(request -> assertThat(request.queryParam("AUTH_TOKEN")).contains(nodul.token()));
    }

    @Test
    @Order(2)
    void startsFromAFreshStubInTheNextTest(NodulStub nodul) {
        assertThat(nodul.journal()).isEmpty();
        assertThat(nodul.plans()).isEmpty();

        StepVerifier.create(catalog.offeredPlans())
                .expectNext(List.of())
                .verifyComplete();
        assertThat(nodul.journal()).hasSize(1);
    }
}
