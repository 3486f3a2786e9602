package dev.volga.transport;

/**
 * A failed attempt the pipeline would try again, as a retry predicate sees it
 * ({@link ClientBuilder#retryIf}). Holds no secret and no query string.
 *
 * @param provider the provider, e.g. {@code "nodul"}
 * @param operation the operation, e.g. {@code "plans.list"}
 * @param method the HTTP method
 * @param path the request path (without query)
 * @param idempotent whether the request may be repeated without a second effect
 * @param attempt the number of the attempt that failed, from 1
 */
public record FailedAttempt(String provider, String operation, String method, String path, boolean idempotent,
                            int attempt) {
}
