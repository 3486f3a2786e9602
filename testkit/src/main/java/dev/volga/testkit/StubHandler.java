package dev.volga.testkit;

/**
 * Computes the answer of a {@link StubServer} route for one request. Runs on a Netty event loop:
 * it must not block. A handler that throws is answered with status 500 and the exception message.
 */
@FunctionalInterface
public interface StubHandler {

    /**
     * Answers one request.
     *
     * @param request the journaled request, with its complete body
     * @return the response to send, never {@code null}
     */
    StubResponse handle(RecordedRequest request);
}
