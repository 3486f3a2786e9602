/**
 * In-process HTTP stub servers for tests: a generic {@link dev.volga.testkit.StubServer} with a
 * request journal and scripted responses and faults. Depends on Reactor Netty only, never on a
 * Volga client, so stubs speak the wire format independently of the clients' model classes.
 *
 * <p>Also Netty leak detection for tests: {@link dev.volga.testkit.LeakDetection}, which Netty
 * instantiates reflectively (so its package must stay exported), and the JUnit 5 extension
 * {@link dev.volga.testkit.NoLeaks} that fails a test class on a reported leak; a
 * {@link dev.volga.testkit.PoolProbe} for connection pools; and the
 * {@link dev.volga.testkit.SecretScan} of every log line and error for test credentials, whose
 * logging configuration class {@link dev.volga.testkit.SecretScanConfig} java.util.logging
 * instantiates reflectively (same package, same reason to stay exported).
 *
 * <p>And the conformance test base of the clients, {@code dev.volga.testkit.conformance}: the only
 * package that reads {@code dev.volga.api} (the exception types and retry settings the tests
 * expect, never a client's classes), an optional dependency like JUnit's API.
 */
module dev.volga.testkit {
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    requires transitive reactor.netty.core; // PoolProbe attaches to a ConnectionProvider.Builder
    requires reactor.netty.http;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    requires io.netty.resolver;
    requires io.netty.resolver.dns;
    requires io.netty.handler.proxy;
    requires static org.junit.jupiter.api;
    requires static dev.volga.api; // the conformance base only: the errors and retry settings it expects
    requires java.logging; // SecretScan captures every log record
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.xml;

    exports dev.volga.testkit;
    exports dev.volga.testkit.nodul;
    exports dev.volga.testkit.endocs;
    exports dev.volga.testkit.clodo;
    exports dev.volga.testkit.junit;
    exports dev.volga.testkit.conformance;
}
