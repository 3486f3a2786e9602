package dev.volga.clodo.model;


/**
 * The answer to a zone creation.
 *
 * @param id the new zone id
 */
public record DnsZoneCreated(
        Long id) {
}
