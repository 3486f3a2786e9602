package dev.volga.testkit.nodul;

/** Placeholder: the Nodul stub is being built. */
public final class NodulStub {
    private NodulStub() {
    }
}
