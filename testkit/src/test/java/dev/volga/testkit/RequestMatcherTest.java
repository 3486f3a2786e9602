package dev.volga.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@ExtendWith(NoLeaks.class)
class RequestMatcherTest {

    @ParameterizedTest(name = "{0} {1} ~ {2} {3} -> {4}")
    @CsvSource({
        "GET, /a/b, GET, /a/b, true",
        "GET, /a/b, get, /a/b, true",
        "GET, /a/b, POST, /a/b, false",
        "*, /a/b, PATCH, /a/b, true",
        "GET, /a/b, GET, /a/c, false",
        "GET, /a/b, GET, /a/b/, false",
        "GET, /a/b, GET, /a, false",
        "GET, /a/*, GET, /a/x, true",
        "GET, /a/*, GET, /a/, false",
        "GET, /a/*, GET, /a/x/y, false",
        "GET, /a/{id}/c, GET, /a/42/c, true",
        "GET, /a/{id}/c, GET, /a/42/d, false",
        "GET, /a/**, GET, /a, true",
        "GET, /a/**, GET, /a/x/y/z, true",
        "GET, /a/**, GET, /b/x, false",
        "GET, /**, GET, /, true",
        "GET, /**, GET, /anything/at/all, true",
        "GET, /, GET, /, true",
        "GET, /, GET, /a, false",
        "GET, /a%2Fb, GET, /a%2Fb, true",
        "GET, /a/{, GET, /a/x, false",
    })
    void matches(String method, String pattern, String requestMethod, String path, boolean expected) {
        assertThat(RequestMatcher.of(method, pattern).matches(requestMethod, path)).isEqualTo(expected);
    }

    @Test
    void rejectsMalformedPatterns() {
        assertThatThrownBy(() -> RequestMatcher.of("GET", "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestMatcher.of("GET", "/**/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestMatcher.of(" ", "/")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RequestMatcher.of("GET", null)).isInstanceOf(NullPointerException.class);
    }
}
