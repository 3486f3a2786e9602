package dev.volga.testkit.endocs;

import dev.volga.testkit.StubResponse;

/**
 * Ends the handling of a provider request with a response: either an error text, written in the
 * error form current when the routes catch it, or a ready response (a bare status, a problem body).
 */
final class EndocsReject extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String text;
    private final transient StubResponse response;

    private EndocsReject(int status, String text, StubResponse response) {
        super(null, null, false, false);
        this.status = status;
        this.text = text;
        this.response = response;
    }

    /** An error text in the current error form. */
    static EndocsReject error(int status, String text) {
        return new EndocsReject(status, text, null);
    }

    /** A ready response. */
    static EndocsReject with(StubResponse response) {
        return new EndocsReject(response.status(), null, response);
    }

    StubResponse response(EndocsWire wire) {
        return response != null ? response : wire.error(status, text);
    }
}
