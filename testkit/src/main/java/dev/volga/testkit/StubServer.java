package dev.volga.testkit;

/** Placeholder, replaced by the stub server implementation. */
public final class StubServer {
    private StubServer() {
    }
}
