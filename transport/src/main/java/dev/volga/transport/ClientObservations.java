package dev.volga.transport;

/**
 * The names and keys of what a Volga client reports through Micrometer's Observation API, for
 * dashboards, alerts and {@code ObservationFilter}s. Nothing is reported unless the client builder
 * was given an {@code ObservationRegistry} ({@link ClientBuilder#observationRegistry}); the default
 * is {@code ObservationRegistry.NOOP}, on which a request costs one reference check.
 *
 * <p>Every key below is low-cardinality: its values come from a small, fixed set (provider names,
 * the client methods' operation names, HTTP methods and statuses, exception class names). No tag
 * ever holds an id, a URL, a query string, a token or any other secret. With Micrometer's
 * {@code DefaultMeterObservationHandler} each observation becomes a timer of the same name (and an
 * event a counter named {@code <observation>.<event>}); with Micrometer Tracing, a span.
 *
 * <table>
 *   <caption>Observations</caption>
 *   <tr><th>name</th><th>one per</th><th>low-cardinality keys</th></tr>
 *   <tr><td>{@value #REQUESTS}</td><td>call of a client method, retries included (the parent of the
 *       three below)</td><td>provider, operation, method, status, outcome, exception, attempts</td></tr>
 *   <tr><td>{@value #PERMITS}</td><td>wait for a rate-limit permit (one per attempt): the wait
 *       time per limiter; {@code outcome=denied} counts requests refused by a full queue</td>
 *       <td>provider, outcome</td></tr>
 *   <tr><td>{@value #RETRIES}</td><td>retry, timing its backoff</td><td>provider, operation, reason</td></tr>
 *   <tr><td>{@value #LOGINS}</td><td>login call; {@code reason=expiring} is a refresh ahead of
 *       expiry</td><td>provider, outcome, reason, exception</td></tr>
 * </table>
 *
 * <p>Event {@value #RATE_LIMITED_EVENT} on a request observation: the server answered 429 (counter
 * {@code volga.client.requests.rate-limited}). High-cardinality key (spans only):
 * {@value #PERMIT_WAIT_MS}, the time the request waited for permits, in milliseconds.
 */
public final class ClientObservations {

    /** Observation of one client call, retries included. */
    public static final String REQUESTS = "volga.client.requests";
    /** Observation of one wait for a rate-limit permit. */
    public static final String PERMITS = "volga.client.permits";
    /** Observation of one retry's backoff. */
    public static final String RETRIES = "volga.client.retries";
    /** Observation of one login. */
    public static final String LOGINS = "volga.client.logins";
    /** Event on a request: the server answered 429. */
    public static final String RATE_LIMITED_EVENT = "rate-limited";

    /** Key: the provider, e.g. {@code endocs}. */
    public static final String PROVIDER = "provider";
    /** Key: the client method, e.g. {@code plans.list}, {@code servers.create}. */
    public static final String OPERATION = "operation";
    /** Key: the HTTP method. */
    public static final String METHOD = "method";
    /** Key: the HTTP status of the last answer, or {@code NONE} when there was none. */
    public static final String STATUS = "status";
    /**
     * Key: {@code SUCCESS}, {@code CLIENT_ERROR} (4xx), {@code SERVER_ERROR} (5xx), {@code ERROR}
     * (an error inside a 2xx answer, e.g. Nodul's {@code success:false}, or an unreadable body),
     * {@code UNKNOWN} (no answer: connection, timeout, full queue), {@code CANCELLED}; for permits
     * {@code granted}, {@code denied}, {@code cancelled}, {@code error}; for logins
     * {@code success}, {@code failure}, {@code cancelled}.
     */
    public static final String OUTCOME = "outcome";
    /** Key: the simple class name of the exception, or {@code none}. */
    public static final String EXCEPTION = "exception";
    /** Key: how many attempts a call took (1 to the retry settings' maximum). */
    public static final String ATTEMPTS = "attempts";
    /**
     * Key: why a retry happens: {@code http_429}, {@code http_502}, {@code http_503}, {@code http_504},
     * or {@code connect}, {@code timeout}, {@code connection_closed}, {@code io}; why a login happens:
     * {@code initial}, {@code expiring} (ahead of expiry), {@code expired}, {@code rejected} (after a 401).
     */
    public static final String REASON = "reason";
    /** High-cardinality key: milliseconds a request waited for its permits, all attempts. */
    public static final String PERMIT_WAIT_MS = "permit.wait.ms";

    private ClientObservations() {
    }
}
