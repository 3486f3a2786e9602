/** Measurement harnesses for Volga; started by benchmarks/run.sh, never by the test command. */
module dev.volga.benchmarks {
    requires dev.volga.transport;
    requires dev.volga.testkit;
    requires dev.volga.endocs;
    requires dev.volga.nodul;
    requires dev.volga.clodo;
    requires dev.volga.redis;
    requires java.management;
    requires java.net.http;
    requires jdk.management;
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.xml;
    requires com.fasterxml.jackson.annotation;
    requires io.netty.buffer;
    requires io.netty.transport;
    requires io.netty.codec.http;
    // the contenders (automatic modules)
    requires spring.core;
    requires spring.web;
    requires spring.webflux;
    requires io.github.resilience4j.core;
    requires io.github.resilience4j.ratelimiter;
    requires io.github.resilience4j.reactor;
    requires jmh.core;

    exports dev.volga.benchmarks;
    // Jackson binds the contenders' wire records
    opens dev.volga.benchmarks to tools.jackson.databind;
}
