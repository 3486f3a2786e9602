package dev.volga.transport.spi;

import dev.volga.transport.Transport;

import dev.volga.api.Secret;
import reactor.core.publisher.Mono;

import java.util.Objects;

/**
 * How a provider proves who it is: how to log in (if at all) and how to attach the token to a
 * request.
 *
 * <p>The transport calls {@link #login(LoginContext)} single-flight: however many requests find
 * the token missing or about to expire, exactly one login is in flight and all of them wait for it.
 * The token is attached with {@link #apply} after the rate-limit permit is granted, so a request
 * never leaves with a token that expired while it waited. When a response is an
 * {@link dev.volga.api.AuthenticationException} and {@link #canRefresh()} is true, the token that
 * request used is invalidated, a fresh login happens and the request is replayed once.
 *
 * <p>Static credentials (a fixed API token) use {@link #header}, {@link #bearer} or
 * {@link #queryParameter}: no login call, nothing to refresh.
 */
public interface Authenticator {

    /**
     * Obtains a token. Called lazily and never concurrently with itself for one client.
     *
     * @param context sends the login request through the transport
     * @return the token; an error fails every waiting request with an authentication error
     */
    Mono<AccessToken> login(LoginContext context);

    /**
     * Attaches a token to an outgoing request, as a secret header or query parameter.
     *
     * @param token the token to use
     * @param request the request being prepared
     */
    void apply(AccessToken token, OutgoingRequest request);

    /**
     * Whether a fresh {@link #login} can cure a rejected token. False for static credentials, so a
     * rejection surfaces at once instead of being replayed.
     *
     * @return true if a 401 should trigger re-login and one replay
     */
    default boolean canRefresh() {
        return true;
    }

    /**
     * No authentication.
     *
     * @return an authenticator that attaches nothing
     */
    static Authenticator none() {
        return StaticAuthenticator.NONE;
    }

    /**
     * A fixed token sent as {@code Authorization: Bearer <token>}.
     *
     * @param token the token
     * @return the authenticator
     */
    static Authenticator bearer(Secret token) {
        Objects.requireNonNull(token, "token");
        return new StaticAuthenticator(token, (t, r) -> r.secretHeader("Authorization", "Bearer " + t.reveal()));
    }

    /**
     * A fixed token sent in a header.
     *
     * @param name the header name
     * @param token the token
     * @return the authenticator
     */
    static Authenticator header(String name, Secret token) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        return new StaticAuthenticator(token, (t, r) -> r.secretHeader(name, t.reveal()));
    }

    /**
     * A fixed token sent as a query parameter on every request (e.g. Nodul's {@code AUTH_TOKEN}).
     *
     * @param name the parameter name
     * @param token the token
     * @return the authenticator
     */
    static Authenticator queryParameter(String name, Secret token) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(token, "token");
        return new StaticAuthenticator(token, (t, r) -> r.secretQueryParameter(name, t.reveal()));
    }

    /**
     * The request being prepared, as an authenticator sees it. Values given here are treated as
     * secrets: sent as they are, masked wherever the request is printed.
     */
    interface OutgoingRequest {
        /**
         * @param name header name
         * @param value header value (clear text)
         */
        void secretHeader(String name, String value);

        /**
         * @param name query parameter name
         * @param value parameter value (clear text)
         */
        void secretQueryParameter(String name, String value);
    }

    /** What a login can use: a way to send its request through the shared transport. */
    interface LoginContext {
        /**
         * Sends a request without authentication and without the client-side rate limiter (a
         * login is never queued behind the requests waiting for it), and returns the raw
         * response. Transport failures and timeouts apply as for any request; no retry.
         *
         * @param request the login request (often with {@link ApiRequest.Builder#absoluteUrl})
         * @return the complete response
         */
        Mono<dev.volga.api.spi.ApiResponse> send(ApiRequest<?> request);

        /** @return the provider name, for errors */
        String provider();
    }
}
