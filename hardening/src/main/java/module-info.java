/**
 * The hardening suite's module: no code of its own, only what its tests (patched in as package
 * {@code dev.volga.hardening}) read, so that they run the three clients on the module path as a
 * user's code would. The fault matrix and the load run live in {@code src/test/java}.
 */
module dev.volga.hardening {
    requires dev.volga.transport;
    requires dev.volga.testkit;
    requires dev.volga.nodul;
    requires dev.volga.endocs;
    requires dev.volga.clodo;
    requires reactor.netty.http;
}
