package dev.volga.transport;

import dev.volga.transport.spi.ApiClient;

import dev.volga.api.RetrySettings;
import dev.volga.testkit.StubServer;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Shared set-up for the transport's loopback tests. */
final class Fixtures {

    private Fixtures() {
    }

    /** Retries without waiting long, so retry tests need no virtual time. */
    static final RetrySettings FAST_RETRY = RetrySettings.defaults().backoff(Duration.ofMillis(1), Duration.ofMillis(5));

    static ApiClient.Builder client(StubServer stub) {
        return ApiClient.builder("test").baseUrl(stub.baseUrl()).codec(new TextCodec()).retry(FAST_RETRY);
    }

    /** Polls (real time, bounded) until a condition holds; for waiting on the stub's journal. */
    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
