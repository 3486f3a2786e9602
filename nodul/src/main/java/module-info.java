/**
 * The Nodul (Latenode) White Label API client on the shared Volga transport: start with
 * {@link dev.volga.nodul.NodulClient}. Models live in {@code dev.volga.nodul.model}; the envelope
 * codec in the unexported {@code dev.volga.nodul.internal}.
 */
module dev.volga.nodul {
    requires transitive dev.volga.transport;
    requires transitive tools.jackson.databind; // the builder takes a JsonMapper.Builder customisation
    requires com.fasterxml.jackson.annotation;

    exports dev.volga.nodul;
    exports dev.volga.nodul.model;

    // Jackson builds the model records and the data wrappers reflectively
    opens dev.volga.nodul.model to tools.jackson.databind;
    opens dev.volga.nodul.internal to tools.jackson.databind;
}
