/**
 * A small application module using the three Volga clients and fleet mode, as a downstream team's
 * would: it requires the client modules and {@code dev.volga.redis} only; its tests bring the testkit.
 */
module dev.volga.it.consumer {
    requires dev.volga.nodul;
    requires dev.volga.endocs;
    requires dev.volga.clodo;
    requires dev.volga.redis;

    exports dev.volga.it.consumer;
}
