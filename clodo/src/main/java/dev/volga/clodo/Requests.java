package dev.volga.clodo;

import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.model.RequestStatus;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;

/** The status of asynchronous requests (the {@code req} ids of backups and others). */
public final class Requests {

    private final Calls calls;
    private final Duration pollInterval;
    private final Scheduler scheduler;

    Requests(Calls calls, Duration pollInterval, Scheduler scheduler) {
        this.calls = calls;
        this.pollInterval = pollInterval;
        this.scheduler = scheduler;
    }

    /**
     * @param id the request
     * @return its status ({@code GET /requests/{id}})
     */
    public Mono<RequestStatus> get(long id) {
        Check.id(id, "request id");
        return calls.one(ApiRequest.get("/requests/" + id), "requests.get", "request", RequestStatus.class);
    }

    /**
     * Polls until the request is complete.
     *
     * @param id the request
     * @param timeout how long to wait at most
     * @return the final status
     */
    public Mono<RequestStatus> await(long id, Duration timeout) {
        Check.timeout(timeout);
        return get(id)
                .flatMap(s -> Boolean.TRUE.equals(s.complete()) ? Mono.just(s) : Mono.<RequestStatus>error(new Servers.NotYet()))
                .retryWhen(Servers.Polling.retry(pollInterval, scheduler))
                .timeout(timeout, scheduler);
    }
}
