package dev.volga.examples;

import dev.volga.api.NotFoundException;
import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.clodo.Format;
import dev.volga.clodo.model.Image;
import dev.volga.clodo.model.NewServer;
import dev.volga.clodo.model.Server;
import dev.volga.clodo.model.ServerCreated;
import dev.volga.clodo.model.ServerStatus;
import dev.volga.clodo.model.ServerType;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.clodo.ClodoStub;
import dev.volga.transport.Transport;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

/** Clodo: log in, list/create/act on a server in JSON, the same in XML, one re-login after a forced token expiry. */
final class ClodoTour {

    private static final String P = "clodo";
    private static final Duration T = Duration.ofSeconds(30);
    private static final String STUB_USER = "demo";
    private static final String STUB_KEY = "demo-api-key";
    /** How much faster than Clodo's real per-verb limits the client runs against the stub. */
    private static final int SPEED_UP = 60;

    private ClodoTour() {
    }

    static void run(Console c, DemoConfig.Target target, boolean allowWrites, Transport transport) {
        if (target.real()) {
            for (Format format : Format.values()) {
                ClodoClient.Builder b = ClodoClient.builder().transport(transport).format(format)
                        .user(target.user()).key(target.secret());
                if (target.url() != null) {
                    b.authUrl(target.url());
                }
                try (ClodoClient client = b.build()) {
                    walk(c, client, null, format, allowWrites);
                }
            }
            return;
        }
        try (ClodoStub stub = ClodoStub.builder().user(STUB_USER, STUB_KEY).start()) {
            stub.addServer("web-1", ServerType.VIRTUAL, "is_running");
            c.line(P, "stub at " + stub.authUrl() + ", seeded: user " + STUB_USER + ", server web-1");
            c.line(P, "the client's per-verb limits run " + SPEED_UP + "× faster for the demo (real: GET 60/minute → "
                    + SPEED_UP + "/second)");
            ClodoClient last = null;
            for (Format format : Format.values()) {
                ClodoClient client = ClodoClient.builder().transport(transport).format(format)
                        .authUrl(stub.authUrl()).user(STUB_USER).key(Secret.of("key", STUB_KEY))
                        .rateLimits(scaled(SPEED_UP)).pollInterval(Duration.ofMillis(100)).build();
                try {
                    int loginsBefore = stub.logins();
                    walk(c, client, stub, format, true);
                    c.line(P, "  " + (stub.logins() - loginsBefore) + " login for the " + format + " client; its requests carried Accept: "
                            + stub.journal().get(stub.journal().size() - 1).header("Accept").orElse("?"));
                } finally {
                    if (format == Format.XML) {
                        last = client;
                    } else {
                        client.close();
                    }
                }
            }
            try (ClodoClient client = last) {
                expiry(c, client, stub);
            }
        }
    }

    private static void walk(Console c, ClodoClient clodo, ClodoStub stub, Format format, boolean writes) {
        c.line(P, "[" + format + "] logging in as the first call needs a token, then listing servers");
        List<Server> servers = list(clodo);
        c.line(P, "[" + format + "] servers: " + servers.stream().map(s -> s.name() + " #" + s.id() + " " + s.status()).toList());
        if (!writes) {
            c.skip(P, "[" + format + "] create, stop and delete a server", "read-only against the real API");
            return;
        }
        if (stub == null && format == Format.XML) {
            c.skip(P, "[XML] a second server", "the JSON pass already created one on the real API");
            return;
        }
        Long imageId = clodo.images().list().filter(i -> ServerType.VIRTUAL.equals(i.vpsType()) && i.id() != null)
                .map(Image::id).blockFirst(T);
        if (imageId == null) {
            throw new IllegalStateException("no image for a " + ServerType.VIRTUAL + " to create a server from");
        }
        String name = "volga-demo-" + format.name().toLowerCase(java.util.Locale.ROOT);
        ServerCreated created = clodo.servers().create(NewServer.builder().name(name).memory(512).hdd(5)
                .image(imageId).payHourly(true).build()).block(T);
        c.line(P, "[" + format + "] created " + created.name() + " #" + created.id() + " from image " + imageId
                + " (admin password " + created.adminPass() + ")");
        long start = System.nanoTime();
        Duration wait = stub != null ? T : Duration.ofMinutes(15);
        Server running = clodo.servers().awaitStatus(created.id(), ServerStatus.RUNNING, wait).block(wait.plusSeconds(5));
        c.line(P, String.format("[%s]   … installing … %s after %.1f s", format, running.status(), (System.nanoTime() - start) / 1e9));
        clodo.servers().stop(created.id()).block(T);
        Server stopped = clodo.servers().get(created.id()).block(T);
        c.line(P, "[" + format + "] stop → " + stopped.name() + " is " + stopped.status());
        clodo.servers().delete(created.id()).block(T);
        c.line(P, "[" + format + "] deleted #" + created.id() + "; servers now " + list(clodo).stream().map(Server::name).toList());
    }

    private static void expiry(Console c, ClodoClient clodo, ClodoStub stub) {
        int journalBefore = stub.journal().size();
        stub.expireAllTokens();
        long id = stub.serverIds().get(0);
        c.line(P, "the stub now forgets every token (a forced expiry); 5 concurrent calls with the stale token:");
        List<Server> answers = Flux.range(0, 5).flatMap(i -> clodo.servers().get(id), 5).collectList().block(T);
        List<RecordedRequest> journal = stub.journal();
        List<RecordedRequest> after = journal.subList(journalBefore, journal.size());
        long relogins = after.stream().filter(r -> r.method().equals("GET") && r.path().equals("/")).count();
        long calls = after.size() - relogins;
        c.line(P, "  " + answers.size() + " answers; the stub's journal: " + relogins + " re-login (GET /), "
                + calls + " server calls (" + (calls - answers.size()) + " refused with 401 and replayed)");
        if (relogins != 1) {
            throw new IllegalStateException("expected exactly one re-login after the token expired, the journal shows " + relogins);
        }
    }

    /** Clodo's documented limits with every period divided by {@code factor}. */
    static RateLimitSettings scaled(int factor) {
        return RateLimitSettings.of(ClodoClient.defaultRateLimits().limits().stream()
                .map(l -> new RateLimit(l.name(), l.permits(), l.period().dividedBy(factor), l.burst(), l.methods(), l.pathPattern()))
                .toArray(RateLimit[]::new));
    }

    private static List<Server> list(ClodoClient clodo) {
        try {
            return clodo.servers().list().collectList().block(T);
        } catch (NotFoundException e) {
            return List.of(); // Clodo answers 404 "VPS не найдены" for an account without servers
        }
    }
}
