/** Runnable demo of the Volga clients against the embedded testkit stubs. */
module dev.volga.examples {
    requires dev.volga.transport;
    requires dev.volga.testkit;
}
