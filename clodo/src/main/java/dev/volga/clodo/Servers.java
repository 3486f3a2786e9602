package dev.volga.clodo;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.WireBody;
import dev.volga.clodo.model.LogEntry;
import dev.volga.clodo.model.NewServer;
import dev.volga.clodo.model.PayType;
import dev.volga.clodo.model.Server;
import dev.volga.clodo.model.ServerAction;
import dev.volga.clodo.model.ServerChanges;
import dev.volga.clodo.model.ServerCreated;
import dev.volga.clodo.model.ServerStatus;
import dev.volga.clodo.model.StatsRow;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** Servers (VPS): list, details, create, modify, delete, change type, power actions, stats, log. */
public final class Servers {

    private final Calls calls;
    private final ClodoClient client;
    private final Duration pollInterval;
    private final Scheduler scheduler;

    Servers(Calls calls, ClodoClient client, Duration pollInterval, Scheduler scheduler) {
        this.calls = calls;
        this.client = client;
        this.pollInterval = pollInterval;
        this.scheduler = scheduler;
    }

    /** @return all servers, summary fields ({@code GET /servers}); none is an empty Flux */
    public Flux<Server> list() {
        return calls.many(ApiRequest.get("/servers"), "servers.list", "servers", Server.class, true);
    }

    /** @return all servers with every field ({@code GET /servers/detail}) */
    public Flux<Server> listDetailed() {
        return calls.many(ApiRequest.get("/servers/detail"), "servers.detail", "servers", Server.class, true);
    }

    /**
     * @param id the VPS number
     * @return the server with every field ({@code GET /servers/{id}})
     */
    public Mono<Server> get(long id) {
        Check.id(id, "server id");
        return calls.one(ApiRequest.get("/servers/" + id), "servers.get", "server", Server.class);
    }

    /**
     * Creates a server through the auth host's API.
     *
     * @param server the parameters
     * @return the new server's id, name, image and root password
     */
    public Mono<ServerCreated> create(NewServer server) {
        return create(calls, server);
    }

    /**
     * Creates a server in a datacenter: the request goes to that datacenter's API host (for example
     * {@code api.kh.clodo.ru}, or a {@code dcs[].apihost} of the profile), logging in there first.
     *
     * @param server the parameters
     * @param apiHost the datacenter's API host, or a full URL
     * @return the new server's id, name, image and root password
     */
    public Mono<ServerCreated> create(NewServer server, String apiHost) {
        Objects.requireNonNull(server, "server");
        return create(client.forHost(apiHost), server);
    }

    private static Mono<ServerCreated> create(Calls target, NewServer s) {
        Objects.requireNonNull(s, "server");
        Map<String, Object> preset = s.presetParams().isEmpty() ? null : new LinkedHashMap<>(s.presetParams());
        WireBody body = WireBody.of("server", WireBody.builder()
                .put("vps_title", s.name())
                .put("vps_type", s.type())
                .put("vps_memory", s.memory())
                .put("vps_memory_max", s.memoryMax())
                .put("vps_hdd", s.hdd())
                .put("vps_admin", s.admin())
                .put("vps_os", s.imageId())
                .put("vps_os_preset", s.presetId())
                .put("vps_os_preset_params", preset)
                .put("vps_pay_period", s.payPeriod())
                .put("vps_abonement", s.abonement())
                .map());
        return target.one(ApiRequest.post("/servers").body(body), "servers.create", "server", ServerCreated.class);
    }

    /**
     * @param id the VPS number
     * @param changes what to change
     * @return completes when accepted ({@code PUT /servers/{id}})
     */
    public Mono<Void> modify(long id, ServerChanges changes) {
        Check.id(id, "server id");
        Objects.requireNonNull(changes, "changes");
        return calls.none(ApiRequest.put("/servers/" + id).body(WireBody.of("server", changes.fields())), "servers.modify");
    }

    /**
     * @param id the VPS number
     * @return completes when deleted ({@code DELETE /servers/{id}})
     */
    public Mono<Void> delete(long id) {
        Check.id(id, "server id");
        return calls.none(ApiRequest.delete("/servers/" + id), "servers.delete");
    }

    /**
     * Switches VirtualServer ⇄ ScaleServer ({@code GET /servers/{id}/change_type/} with a body).
     *
     * @param id the VPS number
     * @param payType the payment period used when switching to VirtualServer
     * @return completes when accepted
     */
    public Mono<Void> changeType(long id, PayType payType) {
        Check.id(id, "server id");
        Objects.requireNonNull(payType, "payType");
        return calls.none(ApiRequest.get("/servers/" + id + "/change_type/").idempotent(false)
                .body(WireBody.of("server", Map.of("pay_type", payType.wire()))), "servers.changeType");
    }

    /**
     * @param id the VPS number
     * @param action start, stop, reboot or rebuild
     * @return completes when accepted ({@code POST /servers/{id}/action})
     */
    public Mono<Void> action(long id, ServerAction action) {
        Check.id(id, "server id");
        Objects.requireNonNull(action, "action");
        WireBody.Fields attrs = WireBody.builder().put("imageId", action.imageId())
                .put("vps_isp", action.installIsp() == null ? null : (action.installIsp() ? 1 : 0));
        return calls.none(ApiRequest.post("/servers/" + id + "/action").body(WireBody.attributes(action.name(), attrs.map())),
                "servers." + action.name());
    }

    /**
     * @param id the VPS number
     * @return completes when accepted
     */
    public Mono<Void> start(long id) {
        return action(id, ServerAction.START);
    }

    /**
     * @param id the VPS number
     * @return completes when accepted
     */
    public Mono<Void> stop(long id) {
        return action(id, ServerAction.STOP);
    }

    /**
     * @param id the VPS number
     * @return completes when accepted
     */
    public Mono<Void> reboot(long id) {
        return action(id, ServerAction.REBOOT);
    }

    /**
     * @param id the VPS number
     * @param imageId the image to reinstall
     * @param installIsp whether to install ISPmanager
     * @return completes when accepted
     */
    public Mono<Void> rebuild(long id, long imageId, boolean installIsp) {
        return action(id, ServerAction.rebuild(imageId, installIsp));
    }

    /**
     * Resource usage statistics ({@code POST /stats/{id}}, from/to as unix seconds).
     *
     * @param id the VPS number
     * @param from start, inclusive
     * @param to end, not before {@code from}
     * @return the rows
     */
    public Flux<StatsRow> stats(long id, Instant from, Instant to) {
        Check.id(id, "server id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        WireBody body = WireBody.of("stats", WireBody.builder().put("from", Long.toString(from.getEpochSecond()))
                .put("to", Long.toString(to.getEpochSecond())).map());
        return calls.many(ApiRequest.post("/stats/" + id).idempotent(true).body(body), "servers.stats", "stats", StatsRow.class, false);
    }

    /**
     * @param id the VPS number
     * @return the operation log ({@code GET /servers/{id}/log/})
     */
    public Flux<LogEntry> log(long id) {
        Check.id(id, "server id");
        return calls.many(ApiRequest.get("/servers/" + id + "/log/"), "servers.log", "logs", LogEntry.class, false);
    }

    /**
     * Polls {@code GET /servers/{id}} (backing off from the poll interval up to 30 s) until the
     * status is {@code target}; {@code is_error} (unless awaited) fails at once.
     *
     * @param id the VPS number
     * @param target the status to wait for, e.g. {@link ServerStatus#RUNNING}
     * @param timeout how long to wait at most
     * @return the server in the target status; a {@link java.util.concurrent.TimeoutException} after the timeout
     */
    public Mono<Server> awaitStatus(long id, ServerStatus target, Duration timeout) {
        Objects.requireNonNull(target, "target");
        return await(id, s -> target.equals(s.status()), timeout);
    }

    private Mono<Server> await(long id, Predicate<Server> done, Duration timeout) {
        Check.id(id, "server id");
        Check.timeout(timeout);
        return get(id)
                .flatMap(s -> {
                    if (done.test(s)) {
                        return Mono.just(s);
                    }
                    if (ServerStatus.ERROR.equals(s.status())) {
                        return Mono.error(new ApiException(ApiError.builder("clodo").code("is_error")
                                .message("server " + id + " entered is_error while awaited").build(), null));
                    }
                    return Mono.error(new NotYet());
                })
                .retryWhen(Polling.retry(pollInterval, scheduler))
                .timeout(timeout, scheduler);
    }

    /** Marks a poll that has to be repeated. */
    static final class NotYet extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotYet() {
            super("not yet", null, false, false);
        }
    }

    /** Polling back-off shared by the await methods. */
    static final class Polling {
        private Polling() {
        }

        static Retry retry(Duration first, Scheduler scheduler) {
            return Retry.backoff(Long.MAX_VALUE, first).maxBackoff(Duration.ofSeconds(30)).jitter(0)
                    .filter(e -> e instanceof NotYet).scheduler(scheduler);
        }
    }
}
