package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoLeaks.class)
class ValuesTest {

    @Test
    void stubResponseModifiersReturnCopies() {
        StubResponse base = StubResponse.ok("hello");
        StubResponse changed = base.header("X-A", "1").delay(Duration.ofMillis(5)).fault(Fault.DROP_AFTER_READ);

        assertThat(base.header("X-A")).isEmpty();
        assertThat(base.delay()).isZero();
        assertThat(base.fault()).isEqualTo(Fault.NONE);
        assertThat(changed.header("x-a")).contains("1");
        assertThat(changed.delay()).isEqualTo(Duration.ofMillis(5));
        assertThat(changed.fault()).isEqualTo(Fault.DROP_AFTER_READ);
        assertThat(changed.bodyText()).isEqualTo("hello");
        assertThat(base).isEqualTo(StubResponse.ok("hello")).isNotEqualTo(changed);
    }

    @Test
    void stubResponseFactories() {
        assertThat(StubResponse.ok("x").status()).isEqualTo(200);
        assertThat(StubResponse.ok("x").header("Content-Type")).contains("text/plain; charset=utf-8");
        StubResponse json = StubResponse.json(422, "{}");
        assertThat(json.status()).isEqualTo(422);
        assertThat(json.header("content-type")).contains("application/json");
        assertThat(json.bodyText()).isEqualTo("{}");
        assertThat(StubResponse.status(204).body()).isEmpty();
    }

    @Test
    void headerReplacesAndAddHeaderAppends() {
        StubResponse r = StubResponse.json(200, "{}").header("content-type", "application/problem+json");
        assertThat(r.headers()).containsExactly(Map.entry("content-type", "application/problem+json"));

        StubResponse two = r.addHeader("Set-Cookie", "a=1").addHeader("Set-Cookie", "b=2");
        assertThat(two.headers()).hasSize(3);
    }

    @Test
    void stubResponseBodyIsCopied() {
        byte[] bytes = "abc".getBytes(StandardCharsets.UTF_8);
        StubResponse r = StubResponse.status(200).body(bytes);
        bytes[0] = 'X';
        r.body()[1] = 'Y';

        assertThat(r.bodyText()).isEqualTo("abc");
    }

    @Test
    void slowBodySetsTheFault() {
        StubResponse r = StubResponse.ok("x").slowBody(2, Duration.ofMillis(1));
        assertThat(r.fault()).isEqualTo(Fault.SLOW_BODY);
        assertThat(r.slowChunkBytes()).isEqualTo(2);
        assertThat(r.slowPause()).isEqualTo(Duration.ofMillis(1));
    }

    @Test
    void stubResponseValidates() {
        assertThatThrownBy(() -> StubResponse.status(99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StubResponse.status(1000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StubResponse.ok("x").delay(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StubResponse.ok("x").slowBody(0, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StubResponse.ok("x").header("", "v")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StubResponse.ok(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void recordedRequestIsImmutableAndCaseInsensitive() {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Content-Type", List.of("text/plain"));
        byte[] body = "hi".getBytes(StandardCharsets.UTF_8);
        Instant now = Instant.now();
        RecordedRequest r = new RecordedRequest(1, "POST", "/p", "", Map.of(), headers, body, now);
        headers.put("X-Later", List.of("1"));
        body[0] = 'X';
        r.body()[1] = 'Y';

        assertThat(r.bodyText()).isEqualTo("hi");
        assertThat(r.headers()).doesNotContainKey("X-Later");
        assertThat(r.headers().get("CONTENT-TYPE")).containsExactly("text/plain");
        assertThat(r.header("content-type")).contains("text/plain");
        assertThatThrownBy(() -> r.headers().put("a", List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThat(r).isEqualTo(new RecordedRequest(1, "POST", "/p", "", Map.of(),
                Map.of("content-type", List.of("text/plain")), "hi".getBytes(StandardCharsets.UTF_8), now));
        assertThat(r.toString()).contains("2 bytes").doesNotContain("hi,");
    }

    @Test
    void recordedRequestMergesHeaderNamesDifferingInCase() {
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        headers.put("Accept", List.of("a"));
        headers.put("accept", List.of("b"));
        RecordedRequest r = new RecordedRequest(1, "GET", "/", "", Map.of(), headers, new byte[0], Instant.now());

        assertThat(r.headers().get("ACCEPT")).containsExactly("a", "b");
    }
}
