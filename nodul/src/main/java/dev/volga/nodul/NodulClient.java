package dev.volga.nodul;

/** Placeholder: the Nodul client is being built. */
public final class NodulClient {
    private NodulClient() {
    }
}
