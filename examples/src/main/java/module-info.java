/** Runnable demo of the Volga clients against the embedded testkit stubs, and the build's module-path smoke. */
module dev.volga.examples {
    requires dev.volga.transport;
    requires dev.volga.testkit;
    requires reactor.netty.http;
}
