package dev.volga.testkit.clodo;

/** Placeholder: the Clodo stub is being built. */
public final class ClodoStub {
    private ClodoStub() {
    }
}
