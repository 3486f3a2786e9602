package dev.volga.clodo;

import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.WireBody;
import dev.volga.clodo.model.DnsOverview;
import dev.volga.clodo.model.DnsSoa;
import dev.volga.clodo.model.DnsZoneChanges;
import dev.volga.clodo.model.DnsZoneCreated;
import dev.volga.clodo.model.DnsZoneDetails;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Mono;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** DNS: zones, their records, reverse records. */
public final class Dns {

    private final Calls calls;

    Dns(Calls calls) {
        this.calls = calls;
    }

    /** @return zones and reverse records ({@code GET /dns/}) */
    public Mono<DnsOverview> overview() {
        return calls.one(ApiRequest.get("/dns/"), "dns.overview", "dns", DnsOverview.class);
    }

    /**
     * @param domain the domain
     * @return the new MASTER zone's id ({@code PUT /dns/})
     */
    public Mono<DnsZoneCreated> createZone(String domain) {
        return create(Check.text(domain, "domain"), "MASTER", null);
    }

    /**
     * @param domain the domain
     * @param masterAddress the master server's address
     * @return the new SLAVE zone's id
     */
    public Mono<DnsZoneCreated> createSlaveZone(String domain, String masterAddress) {
        return create(Check.text(domain, "domain"), "SLAVE", Check.text(masterAddress, "masterAddress"));
    }

    private Mono<DnsZoneCreated> create(String domain, String type, String slave) {
        WireBody body = WireBody.bareJson("dns", WireBody.builder().put("newdomain", domain.toLowerCase(Locale.ROOT))
                .put("newdomain_type", type).put("slave_addr", slave).map());
        return calls.one(ApiRequest.put("/dns/").idempotent(false).body(body), "dns.createZone", "dns", DnsZoneCreated.class);
    }

    /**
     * @param zoneId the zone
     * @return completes when deleted ({@code DELETE /dns/{id}})
     */
    public Mono<Void> deleteZone(long zoneId) {
        Check.id(zoneId, "zone id");
        return calls.none(ApiRequest.delete("/dns/" + zoneId), "dns.deleteZone");
    }

    /**
     * @param zoneId the zone
     * @return its records ({@code GET /dns/{id}})
     */
    public Mono<DnsZoneDetails> zone(long zoneId) {
        Check.id(zoneId, "zone id");
        return calls.one(ApiRequest.get("/dns/" + zoneId), "dns.zone", "dns", DnsZoneDetails.class);
    }

    /**
     * @param zoneId the zone
     * @param changes record edits and additions
     * @return completes when accepted ({@code POST /dns/{id}})
     */
    public Mono<Void> updateZone(long zoneId, DnsZoneChanges changes) {
        Check.id(zoneId, "zone id");
        Objects.requireNonNull(changes, "changes");
        return calls.none(ApiRequest.post("/dns/" + zoneId).body(WireBody.bareJson("dns", changes.fields())), "dns.updateZone");
    }

    /**
     * Deletes one record ({@code DELETE /dns/{id}} with {@code delete_record} in the body).
     *
     * @param zoneId the zone
     * @param recordId the record
     * @return the new SOA serial when Clodo sends it, else empty
     */
    public Mono<DnsSoa> deleteRecord(long zoneId, long recordId) {
        Check.id(zoneId, "zone id");
        Check.id(recordId, "record id");
        WireBody body = WireBody.bareJson("dns", Map.of("delete_record", recordId));
        return calls.optional(ApiRequest.delete("/dns/" + zoneId).body(body), "dns.deleteRecord", "dns", DnsSoa.class);
    }
}
