package dev.volga.it.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.testkit.junit.VolgaStubs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ServerInventory} against the Clodo stub, the stub injected into a field. */
@VolgaStubs
class ServerInventoryTest {

    private ClodoStub clodo;

    @Test
    void listsTheRunningServers() {
        clodo.addServer("web", "VirtualServer", "is_running");
        clodo.addServer("db", "VirtualServer", "is_running");
        clodo.addServer("old", "VirtualServer", "is_disabled");

        try (ClodoClient client = ClodoClient.builder()
                .authUrl(clodo.authUrl())
                .user(VolgaStubs.CLODO_USER)
                .key(Secret.of(VolgaStubs.CLODO_KEY))
                .build()) {
            List<String> running = new ServerInventory(client).runningServers().block();

            assertThat(running).containsExactly("db", "web");
        }

        assertThat(clodo.logins()).isEqualTo(1);
        assertThat(clodo.requests("GET", "/")).singleElement()
                .satisfies(login -> assertThat(login.header("X-Auth-User")).contains(VolgaStubs.CLODO_USER));
        assertThat(clodo.requests("GET", "/v1/servers")).singleElement()
                .satisfies(list -> assertThat(list.header("X-Auth-Token")).isPresent());
    }
}
