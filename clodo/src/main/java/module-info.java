/**
 * The Clodo client ({@link dev.volga.clodo.ClodoClient}): ClodoAPI 1.0 in JSON or XML on the shared
 * Volga transport. Models live in {@code dev.volga.clodo.model}; the codec and login in the
 * unexported {@code dev.volga.clodo.internal}.
 */
module dev.volga.clodo {
    requires transitive dev.volga.transport;
    requires transitive tools.jackson.databind;
    requires tools.jackson.dataformat.xml;
    requires transitive com.fasterxml.jackson.annotation;
    requires java.xml;

    exports dev.volga.clodo;
    exports dev.volga.clodo.model;

    opens dev.volga.clodo.model to tools.jackson.databind;
}
