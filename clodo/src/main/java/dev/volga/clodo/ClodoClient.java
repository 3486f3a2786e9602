package dev.volga.clodo;

/** Placeholder: the Clodo client is being built. */
public final class ClodoClient {
    private ClodoClient() {
    }
}
