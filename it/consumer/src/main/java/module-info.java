/**
 * A small application module using the three Volga clients, as a downstream team's would: it
 * requires the client modules only; its tests bring the testkit.
 */
module dev.volga.it.consumer {
    requires dev.volga.nodul;
    requires dev.volga.endocs;
    requires dev.volga.clodo;

    exports dev.volga.it.consumer;
}
