package dev.volga.clodo;

import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.WireBody;
import dev.volga.clodo.model.Backup;
import dev.volga.clodo.model.RequestRef;
import dev.volga.clodo.model.RestoreProgress;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Backups of a server: list, create, delete, restore, restore progress, schedule, description. */
public final class Backups {

    private final Calls calls;
    private final Duration pollInterval;
    private final Scheduler scheduler;

    Backups(Calls calls, Duration pollInterval, Scheduler scheduler) {
        this.calls = calls;
        this.pollInterval = pollInterval;
        this.scheduler = scheduler;
    }

    private static String base(long serverId) {
        return "/servers/" + Check.id(serverId, "server id") + "/backup/";
    }

    /**
     * @param serverId the VPS number
     * @return its backups ({@code GET …/backup/getlist})
     */
    public Flux<Backup> list(long serverId) {
        return calls.many(ApiRequest.get(base(serverId) + "getlist"), "backups.list", "backups", Backup.class, false);
    }

    /**
     * @param serverId the VPS number
     * @return the request that makes a new backup
     */
    public Mono<RequestRef> create(long serverId) {
        return calls.one(ApiRequest.get(base(serverId) + "create").idempotent(false), "backups.create", "backup_create", RequestRef.class);
    }

    /**
     * @param serverId the VPS number
     * @param file the backup to overwrite
     * @return the request that overwrites it
     */
    public Mono<RequestRef> overwrite(long serverId, String file) {
        WireBody body = WireBody.scalar("file", Check.text(file, "file"));
        return calls.one(ApiRequest.post(base(serverId) + "create").body(body), "backups.create", "backup_create", RequestRef.class);
    }

    /**
     * @param serverId the VPS number
     * @param file the backup
     * @return the deleting request
     */
    public Mono<RequestRef> delete(long serverId, String file) {
        WireBody body = WireBody.scalar("file", Check.text(file, "file"));
        return calls.one(ApiRequest.post(base(serverId) + "delete").body(body), "backups.delete", "backup_delete", RequestRef.class);
    }

    /**
     * @param serverId the VPS number
     * @param file the backup
     * @return the restoring request
     */
    public Mono<RequestRef> restore(long serverId, String file) {
        WireBody body = WireBody.scalar("file", Check.text(file, "file"));
        return calls.one(ApiRequest.post(base(serverId) + "restore").body(body), "backups.restore", "backup_restore", RequestRef.class);
    }

    /**
     * Restore progress ({@code GET …/backup/getstate} with the request id in the body).
     *
     * @param serverId the VPS number
     * @param request the restore request
     * @return the progress
     */
    public Mono<RestoreProgress> restoreProgress(long serverId, long request) {
        Check.id(request, "request id");
        WireBody body = WireBody.scalar("req", Long.toString(request));
        return calls.one(ApiRequest.get(base(serverId) + "getstate").body(body), "backups.restoreProgress", "restore_state", RestoreProgress.class);
    }

    /**
     * Polls the restore progress until 100 %.
     *
     * @param serverId the VPS number
     * @param request the restore request
     * @param timeout how long to wait at most
     * @return the final progress
     */
    public Mono<RestoreProgress> awaitRestore(long serverId, long request, Duration timeout) {
        Check.timeout(timeout);
        return restoreProgress(serverId, request)
                .flatMap(p -> p.progress() != null && p.progress() >= 100 ? Mono.just(p) : Mono.<RestoreProgress>error(new Servers.NotYet()))
                .retryWhen(Servers.Polling.retry(pollInterval, scheduler))
                .timeout(timeout, scheduler);
    }

    /**
     * Sets when a backup is refreshed ({@code POST …/backup/setcal}).
     *
     * @param serverId the VPS number
     * @param file the backup
     * @param days days of week, 1 = Monday … 7 = Sunday (empty: never)
     * @param time the time of day
     * @return completes when accepted
     */
    public Mono<Void> schedule(long serverId, String file, Set<Integer> days, LocalTime time) {
        String f = Check.text(file, "file");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(time, "time");
        for (Integer d : days) {
            if (d == null || d < 1 || d > 7) {
                throw new IllegalArgumentException("days are 1 (Monday) to 7 (Sunday), was " + d);
            }
        }
        String dayList = new TreeSet<>(days).stream().map(String::valueOf).collect(Collectors.joining(","));
        WireBody body = WireBody.bareJson("backup", WireBody.builder().put("file", f).put("backups_days", dayList)
                .put("backups_time", time.format(DateTimeFormatter.ofPattern("HH:mm"))).map());
        return calls.none(ApiRequest.post(base(serverId) + "setcal").body(body), "backups.schedule");
    }

    /**
     * @param serverId the VPS number
     * @param file the backup
     * @param description the new description
     * @return completes when accepted ({@code POST …/backup/setdesc})
     */
    public Mono<Void> describe(long serverId, String file, String description) {
        String f = Check.text(file, "file");
        Objects.requireNonNull(description, "description");
        WireBody body = WireBody.bareJson("backup", WireBody.builder().put("file", f).put("desc", description).map());
        return calls.none(ApiRequest.post(base(serverId) + "setdesc").body(body), "backups.describe");
    }
}
