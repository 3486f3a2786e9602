package dev.volga.clodo.model;


/**
 * The answer to a record deletion.
 *
 * @param newSoa the new SOA serial
 */
public record DnsSoa(
        String newSoa) {
}
