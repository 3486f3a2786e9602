/** The EnDocs Cloud client: its endpoints, models and codec on the shared Volga transport. */
module dev.volga.endocs {
    requires transitive dev.volga.transport;
    // EndocsClient.Builder#json takes a Jackson JsonMapper.Builder
    requires transitive tools.jackson.databind;
    requires tools.jackson.core;
    requires transitive com.fasterxml.jackson.annotation;

    exports dev.volga.endocs;
    exports dev.volga.endocs.model;

    // Jackson reads and writes the records by reflection
    opens dev.volga.endocs.model to tools.jackson.databind;
    opens dev.volga.endocs.internal to tools.jackson.databind;
}
