package dev.volga.transport;

/** Placeholder, replaced by the transport implementation. */
public final class Transport {
    private Transport() {
    }
}
