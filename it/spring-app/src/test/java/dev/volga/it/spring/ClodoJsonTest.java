package dev.volga.it.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.clodo.model.Server;
import dev.volga.spring.test.AutoConfigureVolgaStubs;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clodo in JSON on the Jackson that Boot's BOM alone gives (issue 17: the codec used to build its
 * XML mapper even for JSON, and died on Boot's Jackson at start-up).
 */
@SpringBootTest(properties = "volga.clodo.format=json")
@AutoConfigureVolgaStubs(nodul = false, endocs = false)
class ClodoJsonTest {

    @Autowired
    ClodoStub stub;
    @Autowired
    ClodoClient clodo;

    @Test
    void runsOnBootsJackson() {
        assertThat(JsonMapper.builder().build().version().toString())
                .as("the Jackson Spring Boot 4.1 manages (update this when Boot's BOM moves on)").startsWith("3.1.");
        stub.addServer("db-1", "VirtualServer", "is_running");
        assertThat(clodo.servers().list().map(Server::name).collectList().block(Duration.ofSeconds(10))).contains("db-1");
    }
}
