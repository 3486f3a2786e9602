package dev.volga.clodo.model;

import java.util.List;

/**
 * A DNS zone with its records.
 *
 * @param records the records
 */
public record DnsZoneDetails(
        List<DnsRecord> records) {

    /**
     * Lists are never null: absent lists are empty.
     *
     * @param records the records
     */
    public DnsZoneDetails {
        records = records == null ? List.of() : List.copyOf(records);
    }
}
