package dev.volga.transport.internal;

import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.RateLimitedException;
import dev.volga.api.ServerErrorException;
import dev.volga.api.TransportException;
import dev.volga.transport.ClientObservations;
import dev.volga.transport.ClientStatus;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.RequestReplySenderContext;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One client's observations and remembered outcomes. With no registry (or a no-op one) nothing but
 * the outcomes is kept: a volatile write per call, an object only per failure.
 */
public final class ClientTelemetry {

    private static final String NONE = "none";

    private final String provider;
    private final ObservationRegistry registry;
    private volatile long lastSuccess;
    private volatile ClientStatus.Failure lastFailure;
    private volatile long lastLogin;
    private volatile ClientStatus.Failure lastLoginFailure;

    /**
     * @param provider the provider
     * @param registry the registry, {@link ObservationRegistry#NOOP} for none
     */
    public ClientTelemetry(String provider, ObservationRegistry registry) {
        this.provider = provider;
        this.registry = registry == ObservationRegistry.NOOP ? null : registry;
    }

    /** @return the registry to observe with now, or null when observations are off */
    public ObservationRegistry active() {
        ObservationRegistry r = registry;
        return r == null || r.isNoop() ? null : r;
    }

    // ------------------------------------------------------------------ outcomes

    /** A call succeeded. */
    public void succeeded() {
        lastSuccess = System.currentTimeMillis();
    }

    /**
     * @param operation the operation
     * @param error why the call failed
     */
    public void failed(String operation, Throwable error) {
        lastFailure = failure(operation, error);
    }

    /** A token was obtained. */
    public void loggedIn() {
        lastLogin = System.currentTimeMillis();
    }

    /** @param error why no token could be obtained */
    public void loginFailed(Throwable error) {
        lastLoginFailure = failure("auth.login", error);
    }

    /**
     * @param queued requests waiting for a permit now
     * @return a snapshot
     */
    public ClientStatus status(int queued) {
        return new ClientStatus(provider, instant(lastSuccess), Optional.ofNullable(lastFailure), instant(lastLogin),
                Optional.ofNullable(lastLoginFailure), queued);
    }

    private static Optional<Instant> instant(long millis) {
        return millis == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    private static ClientStatus.Failure failure(String operation, Throwable error) {
        int status = error instanceof ApiException api ? api.httpStatus() : 0;
        Optional<String> code = error instanceof ApiException api ? api.errorCode() : Optional.empty();
        boolean severe = error instanceof TransportException || error instanceof AuthenticationException
                || error instanceof ServerErrorException || status >= 500 || !(error instanceof ApiException)
                || error instanceof dev.volga.api.SharedStateException;
        if (error instanceof RateLimitedException) {
            severe = false; // the limiter or the server asks to slow down: the provider works
        }
        return new ClientStatus.Failure(Instant.now(), operation, error.getClass().getSimpleName(), status, code, severe);
    }

    // ------------------------------------------------------------------ observations

    /**
     * Starts the observation of one call.
     *
     * @param registry the active registry
     * @param operation the operation
     * @param method the HTTP method
     * @param parent the caller's observation (from the Reactor context), or null
     * @param carrier where a propagating handler writes trace headers for the request (a
     *                {@link RequestReplySenderContext} then), or null to propagate nothing
     * @return the started observation
     */
    public Observation startRequest(ObservationRegistry registry, String operation, String method, Observation parent,
                                    Map<String, String> carrier) {
        Supplier<Observation.Context> context = carrier == null ? Observation.Context::new : () -> {
            RequestReplySenderContext<Map<String, String>, Object> sender = new RequestReplySenderContext<>(
                    (headers, name, value) -> headers.put(name, value));
            sender.setCarrier(carrier);
            sender.setRemoteServiceName(provider);
            return sender;
        };
        return Observation.createNotStarted(ClientObservations.REQUESTS, context, registry)
                .contextualName(provider + " " + operation)
                .parentObservation(parent)
                .lowCardinalityKeyValue(ClientObservations.PROVIDER, provider)
                .lowCardinalityKeyValue(ClientObservations.OPERATION, operation)
                .lowCardinalityKeyValue(ClientObservations.METHOD, method)
                .start();
    }

    /**
     * Stops the observation of one call.
     *
     * @param observation the observation
     * @param httpStatus the last answer's status, 0 for none
     * @param error the failure, or null
     * @param cancelled whether the caller cancelled
     * @param attempts how many attempts were made
     * @param permitWaitNanos time spent waiting for permits
     */
    public void stopRequest(Observation observation, int httpStatus, Throwable error, boolean cancelled, int attempts,
                            long permitWaitNanos) {
        int status = error instanceof ApiException api && api.httpStatus() != 0 ? api.httpStatus() : httpStatus;
        String outcome;
        if (cancelled) {
            outcome = "CANCELLED";
        } else if (error == null) {
            outcome = "SUCCESS";
        } else if (status >= 500) {
            outcome = "SERVER_ERROR";
        } else if (status >= 400) {
            outcome = "CLIENT_ERROR";
        } else if (status == 0) {
            outcome = "UNKNOWN";
        } else {
            outcome = "ERROR";
        }
        observation.lowCardinalityKeyValue(ClientObservations.STATUS, status == 0 ? "NONE" : Integer.toString(status))
                .lowCardinalityKeyValue(ClientObservations.OUTCOME, outcome)
                .lowCardinalityKeyValue(ClientObservations.EXCEPTION, error == null ? NONE : error.getClass().getSimpleName())
                .lowCardinalityKeyValue(ClientObservations.ATTEMPTS, Integer.toString(Math.max(attempts, 1)))
                .highCardinalityKeyValue(ClientObservations.PERMIT_WAIT_MS, Long.toString(permitWaitNanos / 1_000_000));
        if (error != null) {
            observation.error(error);
        }
        observation.stop();
    }

    /**
     * @param observation the call's observation
     */
    public void rateLimited(Observation observation) {
        observation.event(Observation.Event.of(ClientObservations.RATE_LIMITED_EVENT, "the server answered 429"));
    }

    /**
     * @param registry the active registry
     * @param parent the call's observation
     * @return the started observation of a permit wait
     */
    public Observation startPermit(ObservationRegistry registry, Observation parent) {
        return Observation.createNotStarted(ClientObservations.PERMITS, registry)
                .contextualName(provider + " permit")
                .parentObservation(parent)
                .lowCardinalityKeyValue(ClientObservations.PROVIDER, provider)
                .start();
    }

    /**
     * @param observation a permit wait
     * @param outcome {@code granted}, {@code denied}, {@code cancelled} or {@code error}
     * @param error the failure, or null
     */
    public void stopPermit(Observation observation, String outcome, Throwable error) {
        observation.lowCardinalityKeyValue(ClientObservations.OUTCOME, outcome);
        if (error != null) {
            observation.error(error);
        }
        observation.stop();
    }

    /**
     * @param registry the active registry
     * @param parent the call's observation
     * @param operation the operation
     * @param error what the retry is for
     * @return the started observation of a retry's backoff
     */
    public Observation startRetry(ObservationRegistry registry, Observation parent, String operation, Throwable error) {
        return Observation.createNotStarted(ClientObservations.RETRIES, registry)
                .contextualName(provider + " retry")
                .parentObservation(parent)
                .lowCardinalityKeyValue(ClientObservations.PROVIDER, provider)
                .lowCardinalityKeyValue(ClientObservations.OPERATION, operation)
                .lowCardinalityKeyValue(ClientObservations.REASON, retryReason(error))
                .start();
    }

    /**
     * @param error a retried failure
     * @return its reason value
     */
    public static String retryReason(Throwable error) {
        if (error instanceof TransportException t) {
            return t.kind().name().toLowerCase(Locale.ROOT);
        }
        if (error instanceof ApiException api && api.httpStatus() != 0) {
            return "http_" + api.httpStatus();
        }
        return "other";
    }

    /**
     * @param registry the active registry
     * @param reason why the login happens
     * @return the started observation of a login
     */
    public Observation startLogin(ObservationRegistry registry, String reason) {
        return Observation.createNotStarted(ClientObservations.LOGINS, registry)
                .contextualName(provider + " login")
                .lowCardinalityKeyValue(ClientObservations.PROVIDER, provider)
                .lowCardinalityKeyValue(ClientObservations.REASON, reason)
                .start();
    }

    /**
     * @param observation a login
     * @param outcome {@code success}, {@code failure} or {@code cancelled}
     * @param error the failure, or null
     */
    public void stopLogin(Observation observation, String outcome, Throwable error) {
        observation.lowCardinalityKeyValue(ClientObservations.OUTCOME, outcome)
                .lowCardinalityKeyValue(ClientObservations.EXCEPTION, error == null ? NONE : error.getClass().getSimpleName());
        if (error != null) {
            observation.error(error);
        }
        observation.stop();
    }
}
