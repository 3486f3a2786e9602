package dev.volga.testkit.endocs;

/** Placeholder: the Endocs stub is being built. */
public final class EndocsStub {
    private EndocsStub() {
    }
}
