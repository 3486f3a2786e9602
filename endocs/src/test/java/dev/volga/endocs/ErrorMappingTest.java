package dev.volga.endocs;

import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.ClientErrorException;
import dev.volga.api.DecodingException;
import dev.volga.api.NotFoundException;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RateLimitedException;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.api.ServerErrorException;
import dev.volga.endocs.model.ClientInfo;
import dev.volga.endocs.model.ContractUpsert;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.StubResponse;
import dev.volga.testkit.endocs.EndocsStub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every error form and code of EnDocs maps to its typed error; the token never shows. */
@ExtendWith(NoLeaks.class)
class ErrorMappingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private EndocsStub stub;
    private EndocsClient client;
    private final List<Throwable> seen = new ArrayList<>();

    @BeforeEach
    void start() {
        stub = EndocsStub.start().noQuota();
        // a 429 without Retry-After pauses the key for the default pause: keep it short here
        client = Fixtures.client(stub).retry(RetrySettings.none())
                .rateLimits(RateLimitSettings.unlimited().defaultPause(Duration.ofMillis(20))).build();
    }

    @AfterEach
    void stop() {
        client.close();
        stub.close();
        for (Throwable e : seen) {
            assertThat(String.valueOf(e)).as("no error shows the token").doesNotContain(EndocsStub.DEFAULT_TOKEN);
        }
    }

    private ApiException fail(Mono<?> call) {
        try {
            call.block(WAIT);
        } catch (ApiException e) {
            seen.add(e);
            return e;
        }
        throw new AssertionError("expected an ApiException");
    }

    @ParameterizedTest
    @EnumSource(EndocsStub.ErrorForm.class)
    void everyFormOfEveryCodeMapsByCodeBeforeStatus(EndocsStub.ErrorForm form) {
        stub.errorForm(form);
        Object[][] cases = {
                {400, "No Authorization header ( #err-80)", AuthenticationException.class, "#err-80"},
                {400, "No token received ( #err-30) ", AuthenticationException.class, "#err-30"},
                {401, "Could not find any client for this token ( #err-40)", AuthenticationException.class, "#err-40"},
                {400, "Could not validate token", AuthenticationException.class, null},
                {400, "Client is blocked ( #err-50)", AccountBlockedException.class, "#err-50"},
                {400, "Storage quota excceeded ( #err-60)", StorageQuotaExceededException.class, "#err-60"},
                {400, "Max File size exceeded ( #err-20)", FileTooLargeException.class, "#err-20"},
                {400, "Files not found ( #err-70)", NotFoundException.class, "#err-70"},
                {400, "Need update 1C configuration version ( #err-10)", ExchangeVersionTooOldException.class, "#err-10"},
                {400, "Field RequestID is required", ClientErrorException.class, null},
                {429, "Too Many Requests", RateLimitedException.class, null},
                {500, "Database Failure", ServerErrorException.class, null},
        };
        for (Object[] c : cases) {
            stub.failNext(1, (int) c[0], (String) c[1]);
            ApiException e = fail(client.account().info());
            assertThat(e).as(form + " " + c[1]).isExactlyInstanceOf((Class<?>) c[2]);
            assertThat(e.httpStatus()).isEqualTo(c[0]);
            assertThat(e.errorCode().orElse(null)).as(form + " " + c[1]).isEqualTo(c[3]);
            assertThat(e.getMessage()).contains(((String) c[1]).trim());
        }
    }

    @Test
    void theStubsOwnAuthFailuresAre400sThatMapToAuthentication() {
        try (EndocsClient wrong = Fixtures.client(stub).token(Secret.of("token", "not-the-token")).build()) {
            ApiException e = fail(wrong.account().info());
            assertThat(e).isInstanceOf(AuthenticationException.class).hasMessageContaining("#err-40");
            assertThat(e.getMessage()).doesNotContain("not-the-token").doesNotContain("worked before");
        }
        stub.unverifiableToken("forged-token");
        try (EndocsClient forged = Fixtures.client(stub).token(Secret.of("token", "forged-token")).build()) {
            ApiException e = fail(forged.feeds().newInputs().pull(0));
            assertThat(e).isInstanceOf(AuthenticationException.class);
            assertThat(e.httpStatus()).isEqualTo(400);
        }
        stub.allAuthFailuresAs401(true);
        try (EndocsClient forged = Fixtures.client(stub).token(Secret.of("token", "forged-token")).build()) {
            assertThat(fail(forged.account().info()).httpStatus()).isEqualTo(401);
        }
    }

    @Test
    void aRotatedTokenGetsAMessageSayingToCopyItAgain() {
        assertThat(client.account().info().block(WAIT)).isNotNull();
        stub.expireToken();
        assertThat(client.account().info().block(WAIT)).as("the request that rotates still succeeds").isNotNull();
        ApiException e = fail(client.account().info());
        assertThat(e).isInstanceOf(AuthenticationException.class);
        assertThat(e.getMessage()).contains("#err-40", "worked before", "Копировать токен");
        assertThat(stub.token()).isNotEqualTo(EndocsStub.DEFAULT_TOKEN);
    }

    @Test
    void blockedAccountAndPlanLimitsFromTheStub() {
        stub.blocked(true);
        assertThat(client.account().info().block(WAIT).blocked()).as("info works on a blocked account").isTrue();
        assertThat(fail(client.account().users().collectList())).isInstanceOf(AccountBlockedException.class);
        stub.blocked(false).storageQuotaExceeded(true);
        ApiException e = fail(client.contracts().upsert(ContractUpsert.builder().name("n")
                .organization(Fixtures.org()).contractor(Fixtures.contractor()).build()));
        assertThat(e).isInstanceOf(StorageQuotaExceededException.class);
        assertThat(e.requestId()).as("every error of an upsert carries its request id").isPresent();
        stub.storageQuotaExceeded(false).minimumExchangeVersion(5);
        e = fail(client.contracts().upsert(ContractUpsert.builder().requestId("rid-42").version1CExchange(3).name("n")
                .organization(Fixtures.org()).contractor(Fixtures.contractor()).build()));
        assertThat(e).isInstanceOf(ExchangeVersionTooOldException.class);
        assertThat(e.requestId()).contains("rid-42");
        assertThat(e.getMessage()).contains("request_id=rid-42");
    }

    @Test
    void problemDetailsFromModelBindingCarryTheFieldErrors() {
        stub.server().enqueue(StubResponse.status(400).header("Content-Type", "application/problem+json")
                .body("{\"type\":\"https://tools.ietf.org/html/rfc7231#section-6.5.1\",\"title\":\"One or more validation errors occurred.\","
                        + "\"status\":400,\"traceId\":\"|1.2\",\"errors\":{\"DocId\":[\"The value 'x' is not valid.\"]}}"));
        ApiException e = fail(client.account().info());
        assertThat(e).isExactlyInstanceOf(ClientErrorException.class);
        assertThat(e.getMessage()).contains("One or more validation errors occurred.");
        assertThat(e.details()).contains("DocId: The value 'x' is not valid.");
    }

    @Test
    void aRateLimitCarriesRetryAfterAndA5xxIsAServerError() {
        stub.rateLimitNext(1, Duration.ofSeconds(1));
        ApiException e = fail(client.account().info());
        assertThat(e).isInstanceOf(RateLimitedException.class);
        assertThat(((RateLimitedException) e).source()).isEqualTo(RateLimitedException.Source.SERVER);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        stub.failNext(1, 500, "Database Failure Violation of PRIMARY KEY");
        assertThat(fail(client.account().info())).isInstanceOf(ServerErrorException.class)
                .hasMessageContaining("Database Failure");
    }

    @Test
    void nonTextBodiesAreDecodingErrorsWithARedactedExcerpt() {
        String page = "<html><head><title>403 Forbidden</title></head><body>nginx Bearer " + EndocsStub.DEFAULT_TOKEN
                + "</body></html>";
        stub.server().enqueue(StubResponse.status(403).header("Content-Type", "text/html").body(page));
        ApiException e = fail(client.account().info());
        assertThat(e).isInstanceOf(DecodingException.class);
        assertThat(e.getMessage()).contains("HTML", "403 Forbidden", "***").doesNotContain(EndocsStub.DEFAULT_TOKEN);

        stub.server().enqueue(StubResponse.status(200).header("Content-Type", "text/html").body(page));
        assertThat(fail(client.account().info())).isInstanceOf(DecodingException.class).hasMessageContaining("ClientInfo");

        stub.server().enqueue(StubResponse.status(200).header("Content-Type", "application/json").body("{\"id\": \"twelve\"}"));
        assertThat(fail(client.account().info())).isInstanceOf(DecodingException.class).hasMessageContaining("twelve");

        stub.server().enqueue(StubResponse.status(502).header("Content-Type", "text/html").body("<html>Bad Gateway</html>"));
        assertThat(fail(client.account().info())).as("a gateway page stays a (retryable) server error")
                .isInstanceOf(ServerErrorException.class).hasMessageContaining("Bad Gateway");
    }

    @Test
    void theTokenNeverAppearsInToStringsOrMessages() {
        Secret token = Secret.of("token", EndocsStub.DEFAULT_TOKEN);
        EndocsClient.Builder builder = EndocsClient.builder().token(token);
        assertThat(builder.toString() + client + token + client.rateLimiter()).doesNotContain(EndocsStub.DEFAULT_TOKEN);
        stub.failNext(1, 400, "echo: Bearer " + EndocsStub.DEFAULT_TOKEN + " ( #err-30)");
        ApiException e = fail(client.account().info());
        assertThat(e.getMessage()).contains("***").doesNotContain(EndocsStub.DEFAULT_TOKEN);
        assertThatThrownBy(() -> EndocsClient.builder().build()).hasMessageContaining("token");
        assertThat(new ClientInfo(1, null, null, null, null, null, null, null, null, null).toString())
                .doesNotContain("token=");
    }

    @Test
    void everyEndocsExceptionCopiesItselfWithARequestId() {
        dev.volga.api.ApiError error = dev.volga.api.ApiError.builder("endocs").httpStatus(403).code("50").message("m").build();
        IllegalStateException cause = new IllegalStateException("cause");
        List<ApiException> all = List.of(new AccountBlockedException(error, cause), new StorageQuotaExceededException(error, cause),
                new FileTooLargeException(error, cause), new ExchangeVersionTooOldException(error, cause));
        for (ApiException e : all) {
            ApiException copy = e.withRequestId("rid-7");
            assertThat(copy).hasSameClassAs(e).hasCause(cause);
            assertThat(copy.requestId()).contains("rid-7");
            assertThat(copy.error().code()).isEqualTo("50");
        }
    }
}
