/** The Nodul client: its endpoints, models and codec on the shared Volga transport. */
module dev.volga.nodul {
    requires transitive dev.volga.transport;
    requires tools.jackson.databind;
    requires com.fasterxml.jackson.annotation;

    exports dev.volga.nodul;
}
