package dev.volga.spring.internal;

import dev.volga.transport.ClientStatus;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

import java.util.function.Supplier;

/**
 * A client's health from what it remembers of its own traffic ({@link ClientStatus}): it sends no
 * request, so a probe every few seconds costs no quota. DOWN when the last login failed, or the last
 * call failed for lack of an answer, a 5xx or a refused credential; UNKNOWN before any traffic; UP
 * otherwise. Details: last success and failure (when, operation, exception, status, error code; never
 * a message), last login, queued requests.
 */
public final class ClientHealthIndicator implements ReactiveHealthIndicator {

    private final Supplier<ClientStatus> status;

    /** @param status reads the client's status */
    public ClientHealthIndicator(Supplier<ClientStatus> status) {
        this.status = status;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(() -> health(status.get()));
    }

    static Health health(ClientStatus s) {
        Health.Builder b;
        if (s.lastLoginFailed() || s.lastCallFailedHard()) {
            b = Health.down();
        } else if (s.lastSuccess().isEmpty() && s.lastFailure().isEmpty() && s.lastLogin().isEmpty()) {
            b = Health.status(Status.UNKNOWN);
        } else {
            b = Health.up();
        }
        b.withDetail("provider", s.provider()).withDetail("queued", s.queued());
        s.lastSuccess().ifPresent(t -> b.withDetail("lastSuccess", t.toString()));
        s.lastFailure().ifPresent(f -> b.withDetail("lastFailure", failure(f)));
        s.lastLogin().ifPresent(t -> b.withDetail("lastLogin", t.toString()));
        s.lastLoginFailure().ifPresent(f -> b.withDetail("lastLoginFailure", failure(f)));
        return b.build();
    }

    private static java.util.Map<String, Object> failure(ClientStatus.Failure f) {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("at", f.at().toString());
        m.put("operation", f.operation());
        m.put("exception", f.exception());
        m.put("status", f.httpStatus());
        f.errorCode().ifPresent(c -> m.put("code", c));
        return m;
    }
}
