package dev.volga.clodo;

import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.WireBody;
import dev.volga.clodo.model.Addresses;
import dev.volga.clodo.model.Subnet;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** IP addresses of a server: list, buy, remove, move, subnets. */
public final class Ips {

    private final Calls calls;

    Ips(Calls calls) {
        this.calls = calls;
    }

    private static String base(long serverId) {
        return "/servers/" + Check.id(serverId, "server id") + "/ips";
    }

    /**
     * @param serverId the VPS number
     * @return its addresses ({@code GET /servers/{id}/ips})
     */
    public Mono<Addresses> list(long serverId) {
        return calls.one(ApiRequest.get(base(serverId)), "ips.list", "addresses", Addresses.class);
    }

    /**
     * @param serverId the VPS number
     * @return completes when an address was bought ({@code PUT …/ips})
     */
    public Mono<Void> add(long serverId) {
        return calls.none(ApiRequest.put(base(serverId)).idempotent(false), "ips.add");
    }

    /**
     * @param serverId the VPS number
     * @param subnet the subnet to buy in, e.g. {@code 62.76.41.*}
     * @return completes when an address was bought
     */
    public Mono<Void> add(long serverId, String subnet) {
        String s = Check.text(subnet, "subnet");
        if (!s.matches("[0-9.*]+")) {
            throw new IllegalArgumentException("not a subnet mask: " + s);
        }
        return calls.none(ApiRequest.put(base(serverId)).idempotent(false).body(WireBody.scalar("subnet", s)), "ips.add");
    }

    /**
     * @param serverId the VPS number
     * @param ip the address to remove (sent in the DELETE body)
     * @return completes when removed
     */
    public Mono<Void> delete(long serverId, String ip) {
        WireBody body = WireBody.scalar("ip", Check.ip(ip));
        return calls.none(ApiRequest.delete(base(serverId)).body(body), "ips.delete");
    }

    /**
     * Moves an additional (not primary) address to this server ({@code GET …/ips/moveip/} with a body).
     *
     * @param serverId the server that gets the address
     * @param ip the address
     * @return completes when moved
     */
    public Mono<Void> move(long serverId, String ip) {
        WireBody body = WireBody.scalar("ip", Check.ip(ip));
        return calls.none(ApiRequest.get(base(serverId) + "/moveip/").idempotent(false).body(body), "ips.move");
    }

    /**
     * @param serverId the VPS number
     * @return subnets available to it
     */
    public Flux<Subnet> subnets(long serverId) {
        return calls.many(ApiRequest.get(base(serverId) + "/getsubnets/"), "ips.subnets", "nets", Subnet.class, false);
    }
}
