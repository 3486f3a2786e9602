package dev.volga.clodo.model;

import java.util.List;

/**
 * The DNS overview: zones and reverse records.
 *
 * @param domains the zones
 * @param reverse the reverse records
 */
public record DnsOverview(
        List<DnsZone> domains,
        List<ReverseRecord> reverse) {

    /**
     * Lists are never null: absent lists are empty.
     *
     * @param domains the zones
     * @param reverse the reverse records
     */
    public DnsOverview {
        domains = domains == null ? List.of() : List.copyOf(domains);
        reverse = reverse == null ? List.of() : List.copyOf(reverse);
    }
}
