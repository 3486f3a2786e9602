package dev.volga.transport.internal.pipeline;

import dev.volga.api.RateLimitedException;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.transport.FailedAttempt;
import dev.volga.transport.internal.ClientTelemetry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.function.BiPredicate;

/**
 * Step 3: the attempts of a call. A failed attempt is tried again, after exponential backoff with
 * jitter ({@code Retry-After} winning when longer), only where it cannot duplicate a write:
 * idempotent requests on connection failures and 502/503/504, any request on the server's 429 or
 * when the connection failed before the request was written. A listing that has emitted an
 * element is never tried again (its elements would come twice). The client's {@code retryIf}
 * predicate is asked only about a failure these rules would retry, so it can only narrow them;
 * the call's settings are the client's or the context's {@code Volga.retry}.
 */
record Retry(String provider, Scheduler scheduler, ClientTelemetry telemetry,
             BiPredicate<FailedAttempt, Throwable> retryIf) implements Step {

    private static final System.Logger LOG = System.getLogger("dev.volga.transport");

    @Override
    public <E> Flux<E> apply(Call<E> call, Chain<E> next) {
        return attempt(call, next, 1);
    }

    private <E> Flux<E> attempt(Call<E> call, Chain<E> next, int attempt) {
        call.retryAfter = null;
        call.attempts = attempt;
        call.emitted = false;
        return next.proceed().doOnNext(v -> call.emitted = true).onErrorResume(e -> {
            Duration delay = call.emitted || !retryIf(call, e, attempt) ? null : delay(call, e, attempt);
            if (delay == null) {
                telemetry.failed(call.request.operation(), e);
                return Flux.error(e);
            }
            LOG.log(System.Logger.Level.DEBUG, () -> "retry " + (attempt + 1) + "/" + call.retry.maxAttempts() + " of "
                    + call.describe() + " in " + delay.toMillis() + " ms after: " + e.getMessage());
            return call.observer.backoff(Mono.delay(delay, scheduler), call, e)
                    .thenMany(Flux.defer(() -> attempt(call, next, attempt + 1)));
        });
    }

    /** The user's predicate, asked only about what the pipeline would retry: it can only narrow. */
    private boolean retryIf(Call<?> call, Throwable e, int attempt) {
        if (attempt >= call.retry.maxAttempts() || !retryable(call, e)) {
            return false;
        }
        return retryIf.test(new FailedAttempt(provider, call.request.operation(), call.request.method(),
                call.request.path(), call.request.idempotent(), attempt), e);
    }

    /** The wait before the next attempt: the backoff with jitter, or the server's Retry-After if longer. */
    private static Duration delay(Call<?> call, Throwable e, int attempt) {
        return longer(call.retry.delayAfter(attempt), call.retryAfter);
    }

    /** Whether trying again cannot duplicate a write. */
    private static boolean retryable(Call<?> call, Throwable e) {
        if (e instanceof RateLimitedException limited) {
            return limited.source() == RateLimitedException.Source.SERVER;
        }
        if (e instanceof TransportException t) {
            // a response too large or one HTTP cannot frame would come back the same: never asked for again
            return t.kind() != TransportException.Kind.RESPONSE_TOO_LARGE && t.kind() != TransportException.Kind.MALFORMED_RESPONSE
                    && (!t.requestSent() || call.request.idempotent());
        }
        if (e instanceof ServerErrorException s) {
            int status = s.httpStatus();
            return call.request.idempotent() && (status == 502 || status == 503 || status == 504);
        }
        return false;
    }

    static Duration longer(Duration a, Duration b) {
        if (a == null) {
            return b;
        }
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }
}
