package dev.volga.endocs;

/** Placeholder: the Endocs client is being built. */
public final class EndocsClient {
    private EndocsClient() {
    }
}
