package dev.volga.testkit;

import java.time.Duration;
import java.util.Optional;

/**
 * How a stub writes the error answers of injected faults and of its quota: each provider stub has
 * its own (Nodul's envelope, EnDocs' error texts, Clodo's JSON or XML errors); a bare
 * {@link StubServer} uses {@link #plain()}. Implement it to give a stub of another API its own
 * forms ({@link StubServer#faultDialect(FaultDialect)}).
 *
 * <p>Methods run on a Netty event loop and must not block. They may change the stub's state (the
 * Clodo stub forgets the token of a request it answers with {@link #unauthorized}).
 */
public interface FaultDialect {

    /**
     * An error answer with the given status.
     *
     * @param request the request being answered (its body is empty when it was not read)
     * @param status the status, 400 to 599
     * @return the answer
     */
    StubResponse status(RecordedRequest request, int status);

    /**
     * A 429 answer. The default is {@link #status(RecordedRequest, int) status(request, 429)} with
     * the {@code Retry-After} header set.
     *
     * @param request the request being answered
     * @param retryAfterSeconds the {@code Retry-After} value in whole seconds, empty for none
     * @return the answer
     */
    default StubResponse tooManyRequests(RecordedRequest request, Optional<String> retryAfterSeconds) {
        StubResponse r = status(request, 429);
        return retryAfterSeconds.map(seconds -> r.header("Retry-After", seconds)).orElse(r);
    }

    /**
     * The answer to a missing, unknown or expired token. The default is
     * {@link #status(RecordedRequest, int) status(request, 401)}.
     *
     * @param request the request being answered
     * @return the answer
     */
    default StubResponse unauthorized(RecordedRequest request) {
        return status(request, 401);
    }

    /**
     * A 200 answer whose body a client cannot parse.
     *
     * @param request the request being answered
     * @return the answer
     */
    StubResponse malformed(RecordedRequest request);

    /**
     * The dialect of a bare {@link StubServer}: errors as {@code text/plain} reason phrases,
     * malformed bodies as cut-off JSON.
     *
     * @return the plain dialect
     */
    static FaultDialect plain() {
        return PlainDialect.INSTANCE;
    }
}
