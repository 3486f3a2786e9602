/** Runnable demo of the Volga clients against the embedded testkit stubs (or the real APIs), and the build's module-path smoke. */
module dev.volga.examples {
    requires dev.volga.transport;
    requires dev.volga.testkit;
    requires dev.volga.nodul;
    requires dev.volga.endocs;
    requires dev.volga.clodo;
    requires reactor.netty.http;

    exports dev.volga.examples;
}
