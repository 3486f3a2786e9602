package dev.volga.it.consumer;

import dev.volga.clodo.ClodoClient;
import dev.volga.clodo.model.Server;
import dev.volga.clodo.model.ServerStatus;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/** The virtual servers rented at Clodo. */
public final class ServerInventory {

    private final ClodoClient clodo;

    /**
     * @param clodo the Clodo client to read with
     */
    public ServerInventory(ClodoClient clodo) {
        this.clodo = Objects.requireNonNull(clodo, "clodo");
    }

    /**
     * The names of the running servers, sorted.
     *
     * @return the names
     */
    public Mono<List<String>> runningServers() {
        return clodo.servers().list()
                .filter(server -> ServerStatus.RUNNING.equals(server.status()))
                .map(Server::name)
                .sort()
                .collectList();
    }
}
