package dev.volga.transport.internal.pipeline;

import dev.volga.api.ApiException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.spi.ApiResponse;
import dev.volga.transport.spi.RateLimiter;

import java.time.Duration;

/**
 * The server's 429, as its own step of the decode: the whole limiter (every client of the
 * credential) pauses until {@code Retry-After} (or the settings' default pause), so that one 429
 * does not become a storm, and the call learns how long the server asked to wait.
 */
record ServerPause(RateLimiter limiter, Duration defaultPause) {

    /**
     * Notes what a typed failure asks of the call (its {@code Retry-After}) and, for the server's
     * 429, pauses the limiter.
     *
     * @param call the call
     * @param response the response the failure came from
     * @param e the codec's failure
     * @return the failure to pass on (a 429 carries the {@code Retry-After} the codec did not read)
     */
    ApiException apply(Call<?> call, ApiResponse response, ApiException e) {
        Duration retryAfter = Retry.longer(e.retryAfter().orElse(null), response.retryAfter().orElse(null));
        ApiException error = e;
        if (e instanceof RateLimitedException limited && limited.source() == RateLimitedException.Source.SERVER) {
            if (e.retryAfter().isEmpty() && retryAfter != null && e.getClass() == RateLimitedException.class) {
                // the codec did not read Retry-After: the caller still learns how long the server asked for
                error = new RateLimitedException(e.error().withRetryAfter(retryAfter), limited.source(), e.getCause());
            }
            retryAfter = retryAfter != null ? retryAfter : defaultPause;
            limiter.pause(retryAfter);
            call.observer.rateLimited();
        }
        call.retryAfter = retryAfter;
        return error;
    }
}
