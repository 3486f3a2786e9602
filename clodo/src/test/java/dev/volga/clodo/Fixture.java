package dev.volga.clodo;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.testkit.clodo.ClodoStub;

import java.time.Duration;

/** Shared set-up: a stub with one user and a client against it. */
final class Fixture {

    static final String USER = "jdoe";
    static final String KEY = "a86850deb2742ec3cb41518e26aa2d89";

    private Fixture() {
    }

    static ClodoStub.Builder stub() {
        return ClodoStub.builder().user(USER, KEY);
    }

    static ClodoClient.Builder client(ClodoStub stub, Format format) {
        return ClodoClient.builder()
                .authUrl(stub.authUrl())
                .user(USER)
                .key(Secret.of("key", KEY))
                .format(format)
                .rateLimits(RateLimitSettings.unlimited())
                .retry(RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5)))
                .pollInterval(Duration.ofMillis(5));
    }
}
