/** The Clodo client: its endpoints, models and codec on the shared Volga transport. */
module dev.volga.clodo {
    requires transitive dev.volga.transport;
    requires tools.jackson.databind;
    requires tools.jackson.dataformat.xml;
    requires com.fasterxml.jackson.annotation;

    exports dev.volga.clodo;
}
