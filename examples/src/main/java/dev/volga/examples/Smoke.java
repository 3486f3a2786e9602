package dev.volga.examples;

/** Placeholder. */
public final class Smoke {
    private Smoke() {
    }
}
