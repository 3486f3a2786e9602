/** Measurement harnesses for Volga; started by hand, never by the test command. */
module dev.volga.benchmarks {
    requires dev.volga.transport;
    requires dev.volga.testkit;
    requires dev.volga.endocs;
    requires dev.volga.clodo;
    requires dev.volga.redis;
    requires java.management;

    exports dev.volga.benchmarks;
}
