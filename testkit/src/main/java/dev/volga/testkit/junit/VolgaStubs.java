package dev.volga.testkit.junit;

/** Placeholder: the JUnit 5 extension is being built. */
public final class VolgaStubs {
    private VolgaStubs() {
    }
}
