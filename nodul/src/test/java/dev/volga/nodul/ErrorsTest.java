package dev.volga.nodul;

import dev.volga.api.AuthenticationException;
import dev.volga.api.ClientErrorException;
import dev.volga.api.DecodingException;
import dev.volga.api.NotFoundException;
import dev.volga.api.RetrySettings;
import dev.volga.api.ServerErrorException;
import dev.volga.nodul.model.Plan;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.nodul.NodulStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.test.StepVerifier;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** success:false on 200 and on 500, 401, unknown entities, bodies that are not envelopes; and the token never shows. */
@ExtendWith(NoLeaks.class)
class ErrorsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TOKEN = "SECRET-nodul-token-9f8e7d6c5b4a";
    private static final RetrySettings FAST_RETRY = RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    private NodulStub stub;
    private NodulClient client;
    private final List<Throwable> failures = new ArrayList<>();

    @BeforeEach
    void start() {
        stub = NodulStub.start(TOKEN);
        client = NodulClient.builder().baseUrl(stub.baseUrl()).token(TOKEN).retry(FAST_RETRY).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
        // whatever failed in this class, nothing printed the token
        for (Throwable t : failures) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            assertThat(t.getMessage() + "\n" + t + "\n" + trace).doesNotContain(TOKEN);
        }
        assertThat(client.toString()).doesNotContain(TOKEN);
    }

    private <E extends Throwable> E failure(reactor.core.publisher.Mono<?> call, Class<E> type) {
        Throwable[] caught = new Throwable[1];
        StepVerifier.create(call).expectErrorSatisfies(e -> caught[0] = e).verify(TIMEOUT);
        failures.add(caught[0]);
        assertThat(caught[0]).isInstanceOf(type);
        return type.cast(caught[0]);
    }

    @Test
    void successFalseOnHttp200IsAClientError() {
        stub.failNext(1, 200, "plan.LimitExceeded", "too many plans");

        ClientErrorException e = failure(client.plans().list().collectList(), ClientErrorException.class);

        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.errorCode()).contains("plan.LimitExceeded");
        assertThat(e.error().message()).isEqualTo("too many plans");
        assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).hasSize(20));
        assertThat(e.getMessage()).contains("[plan.LimitExceeded]", "too many plans", "request_id=" + e.requestId().get());
    }

    @Test
    void successFalseOnHttp500IsAServerErrorAndNotRetried() {
        stub.failNext(3, 500, "internal.Error", "database down");

        ServerErrorException e = failure(client.plans().list().collectList(), ServerErrorException.class);

        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(e.errorCode()).contains("internal.Error");
        assertThat(e.requestId()).isPresent();
        assertThat(stub.requests("GET", "/plans")).as("500 is not a retryable status").hasSize(1);
    }

    @Test
    void unauthorizedIsAnAuthenticationError() {
        try (NodulClient wrong = NodulClient.builder().baseUrl(stub.baseUrl()).token("WRONG-token-000").build()) {
            AuthenticationException e = failure(wrong.quotas().list().collectList(), AuthenticationException.class);

            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.errorCode()).contains("auth.Unauthorized");
            assertThat(e.error().message()).isEqualTo("Unauthorized");
            assertThat(e.requestId()).isPresent();
            assertThat(stub.journal()).hasSize(1);
        }
    }

    @Test
    void unknownEntitiesAreNotFound() {
        NotFoundException e = failure(client.plans().archive("nope"), NotFoundException.class);

        assertThat(e.httpStatus()).isEqualTo(200);
        assertThat(e.errorCode()).contains("plan.NotFound");
        assertThat(e.requestId()).isPresent();
        failure(client.scenarios().execution("missing"), NotFoundException.class);
        failure(client.subscriptions().cancel("404"), NotFoundException.class);
        failure(client.spaces().rename("404", "x"), NotFoundException.class);
    }

    @Test
    void businessRuleFailuresCarryTheirCode() {
        stub.addUser("u");
        String plan = stub.addPlan("P", Map.of("regular_microcredits", 1L));
        client.plans().archive(plan).block(TIMEOUT);

        ClientErrorException e = failure(client.subscriptions().assign("u", plan), ClientErrorException.class);

        assertThat(e.errorCode()).contains("plan.Archived");
    }

    @Test
    void allErrorsAreKeptFirstAsCodeTheRestAsDetails() {
        stub.server().enqueue(StubResponse.json(500, "{\"errors\":[{\"code\":\"a.First\",\"message\":\"first\"},"
                + "{\"code\":\"b.Second\",\"message\":\"second\"},{\"message\":\"third\",\"code\":\"c.Third\"}],"
                + "\"data\":null,\"request_id\":\"RID123\",\"success\":false}"));

        ServerErrorException e = failure(client.users().list().collectList(), ServerErrorException.class);

        assertThat(e.errorCode()).contains("a.First");
        assertThat(e.error().message()).isEqualTo("first");
        assertThat(e.details()).contains("b.Second: second; c.Third: third");
        assertThat(e.requestId()).contains("RID123");
    }

    @Test
    void aBodyThatIsNotAnEnvelopeIsADecodingErrorWithAnExcerpt() {
        stub.server().enqueue(StubResponse.json(200, "{\"plans\": [], \"echo\": \"" + TOKEN + "\"}"));

        DecodingException e = failure(client.plans().list().collectList(), DecodingException.class);

        assertThat(e.getMessage()).contains("envelope", "{\"plans\": []").doesNotContain(TOKEN).contains("***");
        assertThat(e.getCause()).isNull();

        stub.server().enqueue(StubResponse.ok("<html>oops</html>"));
        assertThat(failure(client.plans().list().collectList(), DecodingException.class).getMessage()).contains("<html>oops");
    }

    @Test
    void dataOfTheWrongShapeIsADecodingError() {
        stub.server().enqueue(StubResponse.json(200,
                "{\"success\":true,\"request_id\":\"R1\",\"data\":{\"plans\":[{\"id\":\"1\",\"created_at\":\"yesterday\"}]},\"errors\":[]}"));

        DecodingException e = failure(client.plans().list().collectList(), DecodingException.class);

        assertThat(e.requestId()).contains("R1");
        assertThat(e.getMessage()).contains("data.plans[0]", "Plan", "yesterday");
    }

    @Test
    void aProxyPageOn503IsAServerErrorAndReadsAreRetried() {
        stub.server().enqueue(StubResponse.status(503).header("Content-Type", "text/html").body("<h1>busy</h1>"));

        List<Plan> plans = client.plans().list().collectList().block(TIMEOUT);

        assertThat(plans).isEmpty();
        assertThat(stub.requests("GET", "/plans")).hasSize(2);

        stub.server().enqueue(StubResponse.status(503).body("<h1>busy</h1>"));
        stub.addUser("u");
        ServerErrorException e = failure(client.subscriptions().assign("u", "1"), ServerErrorException.class);
        assertThat(e.getMessage()).contains("503", "<h1>busy</h1>");
        assertThat(stub.requests("POST", "/subscriptions")).as("writes are not retried").hasSize(1);
    }

    @Test
    void lenientReading() {
        stub.server().enqueue(StubResponse.json(200, "{\"errors\":[],\"data\":{\"plans\":[{\"id\":7,\"name\":\"N\","
                + "\"status\":\"plan_status_unspecified\",\"features\":[{\"alias\":\"future_alias\",\"value\":{\"int64\":12,\"bool\":true,\"x\":1}},"
                + "null],\"created_at\":\"2025-04-29T13:00:15Z\",\"updated_at\":null,\"brand_new_field\":{\"a\":1}}],\"more\":1},"
                + "\"request_id\":\"R\",\"success\":true}"));

        Plan plan = client.plans().list().blockLast(TIMEOUT);

        assertThat(plan.id()).as("a numeric id reads as a string").isEqualTo("7");
        assertThat(plan.status()).isEqualTo(dev.volga.nodul.model.PlanStatus.of("plan_status_unspecified"))
                .isNotIn(dev.volga.nodul.model.PlanStatus.ACTIVE, dev.volga.nodul.model.PlanStatus.ARCHIVED);
        assertThat(plan.rawStatus()).isEqualTo("plan_status_unspecified");
        assertThat(plan.features()).singleElement().satisfies(f -> {
            assertThat(f.alias()).isEqualTo(new dev.volga.nodul.model.FeatureAlias("future_alias"));
            assertThat(f.alias().toString()).isEqualTo("future_alias");
            assertThat(f.rawAlias()).isEqualTo("future_alias");
            assertThat(f.int64()).as("a number as well as a string").isEqualTo(12);
            assertThat(f.bool()).isTrue();
        });
        assertThat(plan.updatedAt()).isNull();
    }

    @Test
    void successWithoutTheExpectedObjectIsADecodingError() {
        stub.addUser("u");
        stub.server().enqueue(StubResponse.json(200, "{\"success\":true,\"request_id\":\"R2\",\"data\":{},\"errors\":[]}"));

        DecodingException e = failure(client.subscriptions().assign("u", "1"), DecodingException.class);

        assertThat(e.getMessage()).contains("data.subscription is missing");
        assertThat(e.requestId()).contains("R2");
        stub.server().enqueue(StubResponse.json(200, "{\"success\":true,\"request_id\":\"R3\",\"data\":null,\"errors\":[]}"));
        assertThat(failure(client.plans().list().collectList(), DecodingException.class).getMessage()).contains("without data");
    }
}
