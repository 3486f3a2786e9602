/**
 * The one Reactor Netty pipeline every Volga provider shares: rate limit, authenticate, send,
 * decode, retry. Start with {@link dev.volga.transport.Transport} (connections, event loops) and
 * {@link dev.volga.transport.spi.ApiClient} (one provider's pipeline on top of it, for provider authors).
 */
module dev.volga.transport {
    requires transitive dev.volga.api;
    requires transitive reactor.core;
    requires transitive org.reactivestreams;
    // ClientBuilder.observationRegistry takes an ObservationRegistry (the Observation API only, no meter registry)
    requires transitive micrometer.observation;
    requires micrometer.commons;

    // Reactor Netty is an automatic module: it declares no requires, so every Netty module it uses
    // at run time must be required here or a pure module-path run fails with NoClassDefFoundError.
    // Transport.Builder takes Reactor Netty's HttpClient, ConnectionProvider and LoopResources
    requires transitive reactor.netty.core;
    requires transitive reactor.netty.http;
    requires io.netty.common;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.handler;
    requires io.netty.handler.proxy;
    requires io.netty.codec;
    requires io.netty.codec.http;
    requires io.netty.codec.http2;
    // HttpClient.secure() probes for HTTP/3 (reactor-netty#4040): without these two on the module
    // graph every HTTPS client dies with NoClassDefFoundError io/netty/handler/codec/quic/Quic.
    // Their native QUIC libraries are excluded in the pom; the probe then just answers "no HTTP/3".
    requires io.netty.codec.http3;
    requires io.netty.codec.classes.quic;
    requires io.netty.resolver;
    requires io.netty.resolver.dns;

    exports dev.volga.transport;
    exports dev.volga.transport.spi;
}
