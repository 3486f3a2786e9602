package dev.volga.clodo.model;


/**
 * A record of a DNS zone.
 *
 * @param id the record id
 * @param domainId the zone id
 * @param name the name
 * @param type the type, e.g. {@code A}
 * @param content the value
 * @param ttl TTL, seconds
 * @param prio priority (MX), null when none
 */
public record DnsRecord(
        Long id,
        Long domainId,
        String name,
        String type,
        String content,
        Integer ttl,
        Integer prio) {
}
