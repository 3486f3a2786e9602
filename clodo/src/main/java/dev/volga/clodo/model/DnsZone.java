package dev.volga.clodo.model;


/**
 * A DNS zone in the overview.
 *
 * @param id the zone id
 * @param name the domain
 * @param type {@code MASTER} or {@code SLAVE}
 * @param recordsCount number of records
 */
public record DnsZone(
        Long id,
        String name,
        String type,
        Integer recordsCount) {
}
