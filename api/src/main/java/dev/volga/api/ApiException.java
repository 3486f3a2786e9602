package dev.volga.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exception type every Volga client signals (through {@code Mono.error}/{@code Flux.error}).
 *
 * <p>Subclasses say what kind of failure it was; {@link #error()} holds the facts: provider, HTTP
 * status, the provider's error code, message, details, request id and, where the server said so,
 * how long to wait. Messages never contain a secret.
 *
 * <ul>
 *   <li>{@link AuthenticationException} — credentials refused, login failed, token rejected</li>
 *   <li>{@link RateLimitedException} — the server answered 429, or the client's own queue is full</li>
 *   <li>{@link NotFoundException} — the resource does not exist</li>
 *   <li>{@link ClientErrorException} — any other rejection of the request (4xx)</li>
 *   <li>{@link ServerErrorException} — the provider failed (5xx)</li>
 *   <li>{@link TransportException} — no usable response: connect failure, timeout, closed connection, oversized body</li>
 *   <li>{@link DecodingException} — a response arrived but could not be read</li>
 * </ul>
 */
public class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ApiError error;

    /**
     * Creates an exception from an error description.
     *
     * @param error the facts; not null
     * @param cause the underlying cause, or null
     */
    public ApiException(ApiError error, Throwable cause) {
        super(render(Objects.requireNonNull(error, "error")), cause);
        this.error = error;
    }

    /**
     * Picks the subclass that fits an HTTP status: 401/403 authentication, 404 not found,
     * 429 rate limited, other 4xx client error, 5xx server error, anything else a plain
     * {@code ApiException}. Codecs use this after they have decided a response is an error.
     *
     * @param error the facts
     * @return the exception
     */
    public static ApiException forStatus(ApiError error) {
        int s = error.httpStatus();
        if (s == 401 || s == 403) {
            return new AuthenticationException(error, null);
        }
        if (s == 404) {
            return new NotFoundException(error, null);
        }
        if (s == 429) {
            return new RateLimitedException(error, RateLimitedException.Source.SERVER, null);
        }
        if (s >= 400 && s < 500) {
            return new ClientErrorException(error, null);
        }
        if (s >= 500 && s < 600) {
            return new ServerErrorException(error, null);
        }
        return new ApiException(error, null);
    }

    private static String render(ApiError e) {
        StringBuilder sb = new StringBuilder(e.provider());
        if (e.httpStatus() > 0) {
            sb.append(" HTTP ").append(e.httpStatus());
        }
        if (e.code() != null) {
            sb.append(" [").append(e.code()).append(']');
        }
        sb.append(": ").append(e.message());
        if (e.details() != null && !e.details().isBlank()) {
            sb.append(" (").append(e.details()).append(')');
        }
        if (e.requestId() != null) {
            sb.append(" request_id=").append(e.requestId());
        }
        return sb.toString();
    }

    /** @return all facts of this failure */
    public ApiError error() {
        return error;
    }

    /** @return the provider name, for example {@code "clodo"} */
    public String provider() {
        return error.provider();
    }

    /** @return the HTTP status, or 0 when no response arrived */
    public int httpStatus() {
        return error.httpStatus();
    }

    /** @return the provider's error code, if it sent one */
    public Optional<String> errorCode() {
        return Optional.ofNullable(error.code());
    }

    /** @return further details, if any */
    public Optional<String> details() {
        return Optional.ofNullable(error.details());
    }

    /** @return the provider's request id, if it sent one */
    public Optional<String> requestId() {
        return Optional.ofNullable(error.requestId());
    }

    /** @return how long the provider asked to wait, if it said */
    public Optional<Duration> retryAfter() {
        return error.retryAfterOptional();
    }

    /**
     * A copy of this exception, of the same concrete type, that carries another request id: a
     * client that knows the id it sent puts it into every failure of that call. The copy keeps the
     * cause, the stack trace and every field of the subclass (a {@link RateLimitedException}'s
     * source, a {@link TransportException}'s kind).
     *
     * @param newRequestId the request id, or null for none
     * @return this exception if it already carries that id, otherwise the copy
     */
    public ApiException withRequestId(String newRequestId) {
        if (Objects.equals(newRequestId, error.requestId())) {
            return this;
        }
        ApiError e = error;
        ApiException copy = copyWith(new ApiError(e.provider(), e.httpStatus(), e.code(), e.message(), e.details(),
                newRequestId, e.retryAfter()));
        if (copy.getClass() != getClass()) {
            throw new IllegalStateException(getClass().getName() + " does not override copyWith(ApiError)");
        }
        copy.setStackTrace(getStackTrace());
        return copy;
    }

    /**
     * The copy hook behind {@link #withRequestId(String)}: a new exception of this exact class with
     * other facts, the same cause and the same subclass fields. Every subclass overrides it, returning
     * its own type (a subclass that does not is refused by {@code withRequestId}).
     *
     * @param newError the facts of the copy
     * @return the copy
     */
    protected ApiException copyWith(ApiError newError) {
        return new ApiException(newError, getCause());
    }
}
