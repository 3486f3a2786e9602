package dev.volga.api;

import dev.volga.api.spi.ApiResponse;
import dev.volga.api.spi.TypeRef;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValuesTest {

    @Test
    void secretRedactsItselfAndValidates() {
        Secret s = Secret.of("token", "abc-123-secret");
        assertThat(s.toString()).isEqualTo("Secret[***]").doesNotContain("abc");
        assertThat(s.reveal()).isEqualTo("abc-123-secret");
        assertThat(s).isEqualTo(Secret.of("abc-123-secret")).isNotEqualTo(Secret.of("other"));
        assertThatThrownBy(() -> Secret.of("token", null)).isInstanceOf(NullPointerException.class).hasMessage("token must not be null");
        assertThatThrownBy(() -> Secret.of("key", "  ")).isInstanceOf(IllegalArgumentException.class).hasMessage("key must not be blank");
    }

    @Test
    void rateLimitValidatesNamingTheParameter() {
        assertThatThrownBy(() -> RateLimit.of(-1, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permits");
        assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("permits");
        assertThatThrownBy(() -> RateLimit.of(10, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("period");
        assertThatThrownBy(() -> RateLimit.of(10, null)).isInstanceOf(NullPointerException.class).hasMessageContaining("period");
        assertThatThrownBy(() -> RateLimit.of(10, Duration.ofSeconds(1)).burst(11)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burst");
        assertThatThrownBy(() -> RateLimit.of(10, Duration.ofSeconds(1)).path("servers")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pathPattern");
        assertThatThrownBy(() -> RateLimitSettings.of().maxQueue(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxQueue");
        assertThatThrownBy(() -> RateLimitSettings.of().defaultPause(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("defaultPause");
    }

    @Test
    void rateLimitMatchesMethodAndPathPattern() {
        RateLimit posts = RateLimit.of(10, Duration.ofMinutes(1)).methods("post");
        RateLimit servers = RateLimit.of(50, Duration.ofDays(1)).methods("POST").path("/servers");
        RateLimit one = RateLimit.of(5, Duration.ofSeconds(1)).path("/servers/{id}/reboot");
        RateLimit tree = RateLimit.of(5, Duration.ofSeconds(1)).path("/v1/**");

        assertThat(posts.matches("POST", "/anything")).isTrue();
        assertThat(posts.matches("GET", "/anything")).isFalse();
        assertThat(servers.matches("POST", "/servers")).isTrue();
        assertThat(servers.matches("POST", "/servers/")).isTrue();
        assertThat(servers.matches("POST", "/servers/12")).isFalse();
        assertThat(servers.matches("GET", "/servers")).isFalse();
        assertThat(one.matches("PUT", "/servers/12/reboot")).isTrue();
        assertThat(one.matches("PUT", "/servers/12/stop")).isFalse();
        assertThat(tree.matches("GET", "/v1/a/b/c")).isTrue();
        assertThat(tree.matches("GET", "/v2/a")).isFalse();
        assertThat(RateLimit.of(1, Duration.ofSeconds(1)).interval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(RateLimit.of(300, Duration.ofMinutes(1)).interval()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void retrySettingsValidateAndGrowExponentiallyToTheCap() {
        RetrySettings r = RetrySettings.defaults().backoff(Duration.ofMillis(100), Duration.ofMillis(700));
        assertThat(r.backoffAfter(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(r.backoffAfter(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(r.backoffAfter(3)).isEqualTo(Duration.ofMillis(400));
        assertThat(r.backoffAfter(4)).isEqualTo(Duration.ofMillis(700));
        assertThat(r.backoffAfter(40)).isEqualTo(Duration.ofMillis(700));
        assertThatThrownBy(() -> r.maxAttempts(0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> r.jitter(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
        assertThatThrownBy(() -> r.backoff(Duration.ofSeconds(2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> r.backoff(Duration.ofSeconds(-2), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("firstBackoff");
    }

    @Test
    void retryDelaysTakeARandomShareOfUpToTheJitterOffTheBackoff() {
        RetrySettings exact = RetrySettings.defaults().backoff(Duration.ofMillis(100), Duration.ofMillis(700)).jitter(0.0);
        assertThat(exact.delayAfter(3)).isEqualTo(Duration.ofMillis(400));
        RetrySettings half = exact.jitter(0.5);
        java.util.Set<Duration> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            Duration d = half.delayAfter(3);
            assertThat(d).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            seen.add(d);
        }
        assertThat(seen).as("jittered, not one fixed wait").hasSizeGreaterThan(10);
        assertThat(RetrySettings.none().jitter(1.0).delayAfter(1)).isEqualTo(Duration.ZERO);
    }

    @Test
    void printableRefusesControlCharactersNamingTheParameterNotTheValue() {
        assertThat(dev.volga.api.spi.Arguments.printable("plain ✓ text", "token")).isEqualTo("plain ✓ text");
        assertThatThrownBy(() -> dev.volga.api.spi.Arguments.printable("sec\nret", "token"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("token must not contain control characters, found U+000A at index 3");
        assertThatThrownBy(() -> dev.volga.api.spi.Arguments.printable("x\u007f", "user"))
                .hasMessage("user must not contain control characters, found U+007F at index 1");
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        assertThat(ApiResponse.parseRetryAfter("2", now)).contains(Duration.ofSeconds(2));
        assertThat(ApiResponse.parseRetryAfter(" 120 ", now)).contains(Duration.ofSeconds(120));
        assertThat(ApiResponse.parseRetryAfter("Mon, 23 Nov 2026 10:00:30 GMT", now)).contains(Duration.ofSeconds(30));
        assertThat(ApiResponse.parseRetryAfter("Mon, 23 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(ApiResponse.parseRetryAfter("soon", now)).isEmpty();
        assertThat(ApiResponse.parseRetryAfter("-5", now)).contains(Duration.ZERO);
    }

    @Test
    void responseHeadersAreCaseInsensitiveAndExcerptsAreShortAndRedacted() {
        ApiResponse r = new ApiResponse(429, Map.of("retry-after", List.of("3")),
                ("token=SECRET1234 " + "x".repeat(500)).getBytes(), Instant.EPOCH, t -> t.replace("SECRET1234", "***"));
        assertThat(r.header("Retry-After")).contains("3");
        assertThat(r.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(r.excerpt(40)).startsWith("token=*** ").endsWith("…").doesNotContain("SECRET1234");
    }

    @Test
    void aResponseReadOnDemandLooksUpOneHeaderCopiesAllOnceAndReadsItsClockOnce() {
        java.util.concurrent.atomic.AtomicInteger copies = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger clockReads = new java.util.concurrent.atomic.AtomicInteger();
        Map<String, List<String>> wire = Map.of("Retry-After", List.of("Mon, 23 Nov 2026 10:00:30 GMT"),
                "X-Request-Id", List.of("r-1", "r-2"));
        ApiResponse r = new ApiResponse(429, name -> wire.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(List.of()),
                () -> {
                    copies.incrementAndGet();
                    return wire;
                }, new byte[0], () -> {
                    clockReads.incrementAndGet();
                    return Instant.parse("2026-11-23T10:00:00Z");
                }, t -> t);
        assertThat(r.header("x-request-id")).contains("r-1");
        assertThat(r.header("Absent")).isEmpty();
        assertThat(copies).hasValue(0);
        assertThat(clockReads).hasValue(0);

        assertThat(r.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(r.receivedAt()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z"));
        assertThat(clockReads).hasValue(1);

        assertThat(r.headers().get("x-request-id")).containsExactly("r-1", "r-2");
        assertThat(r.headers()).containsKey("RETRY-AFTER");
        assertThatThrownBy(() -> r.headers().put("X", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r.header("X-Request-Id")).contains("r-1");
        assertThat(copies).hasValue(1);
    }

    @Test
    void exceptionsCarryTheFactsAndPickTheirTypeByStatus() {
        ApiError e = ApiError.builder("nodul").httpStatus(404).code("E42").message("no such plan").details("id=7").requestId("r-1").build();
        ApiException x = ApiException.forStatus(e);
        assertThat(x).isInstanceOf(NotFoundException.class).isInstanceOf(ClientErrorException.class);
        assertThat(x.getMessage()).isEqualTo("nodul HTTP 404 [E42]: no such plan (id=7) request_id=r-1");
        assertThat(x.errorCode()).contains("E42");
        assertThat(ApiException.forStatus(e.withMessage("x").withStatus(401))).isInstanceOf(AuthenticationException.class);
        assertThat(ApiException.forStatus(e.withStatus(429))).isInstanceOf(RateLimitedException.class);
        assertThat(ApiException.forStatus(e.withStatus(503))).isInstanceOf(ServerErrorException.class);
        assertThat(ApiException.forStatus(e.withStatus(422))).isExactlyInstanceOf(ClientErrorException.class);
    }

    @Test
    void typeRefCapturesGenerics() {
        TypeRef<List<String>> ref = new TypeRef<>() { };
        assertThat(ref.type().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
        assertThat(TypeRef.of(String.class).type()).isEqualTo(String.class);
    }
}
