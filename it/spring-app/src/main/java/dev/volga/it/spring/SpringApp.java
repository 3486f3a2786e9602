package dev.volga.it.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.clodo.model.Server;
import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.model.ClientInfo;
import dev.volga.nodul.NodulClient;
import dev.volga.nodul.model.Plan;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/** A small WebFlux service that injects whichever Volga clients its properties configure. */
@SpringBootApplication
public class SpringApp {

    public static void main(String[] args) {
        SpringApplication.run(SpringApp.class, args);
    }

    /** One endpoint per provider; a provider without properties answers 404. */
    @RestController
    static class Endpoints {
        private final ObjectProvider<NodulClient> nodul;
        private final ObjectProvider<EndocsClient> endocs;
        private final ObjectProvider<ClodoClient> clodo;

        Endpoints(ObjectProvider<NodulClient> nodul, ObjectProvider<EndocsClient> endocs, ObjectProvider<ClodoClient> clodo) {
            this.nodul = nodul;
            this.endocs = endocs;
            this.clodo = clodo;
        }

        @GetMapping("/plans")
        Mono<List<String>> plans() {
            return client(nodul).plans().list().map(Plan::name).collectList();
        }

        @GetMapping("/account")
        Mono<Map<String, Object>> account() {
            return client(endocs).account().info().map((ClientInfo info) -> Map.<String, Object>of("usersUsed",
                    info.usersUsed() == null ? -1 : info.usersUsed()));
        }

        @GetMapping("/servers")
        Mono<List<String>> servers() {
            return client(clodo).servers().list().map(Server::name).collectList();
        }

        private static <T> T client(ObjectProvider<T> provider) {
            T client = provider.getIfAvailable();
            if (client == null) {
                throw new ResponseStatusException(HttpStatus.NOT_FOUND, "provider not configured");
            }
            return client;
        }
    }
}
