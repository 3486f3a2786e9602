package dev.volga.endocs.internal;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.LeaseLostException;
import dev.volga.api.RetrySettings;
import dev.volga.endocs.DeadLetterHandler;
import dev.volga.endocs.Delivery;
import dev.volga.endocs.FeedHandler;
import dev.volga.endocs.FeedProcessor;
import dev.volga.endocs.ProcessorOptions;
import dev.volga.endocs.model.FeedItem;
import dev.volga.transport.spi.CheckpointStore;
import dev.volga.transport.spi.Lease;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * The lease loop of a {@link FeedProcessor}, started by {@link dev.volga.endocs.Feed#process}: claim; as standby wait and claim again; as holder read
 * the checkpoint, then poll and handle items while a renewal loop keeps the lease, until the lease is
 * lost (back to standby), {@link #stop()} (release) or a store failure (FAILED).
 *
 * @param <T> the item type
 */
public final class FeedProcessorImpl<T extends FeedItem> implements FeedProcessor {

    /** The observation of one try of one item. */
    static final String ITEM_OBSERVATION = "volga.feed.item";
    /** The observation of a lease change. */
    static final String LEASE_OBSERVATION = "volga.feed.lease";

    private static final System.Logger LOG = System.getLogger("dev.volga.endocs.feeds");

    private enum End { STOPPED, LOST }

    private final String name;
    private final String feed;
    private final LongFunction<Mono<List<T>>> poll;
    private final FeedHandler<? super T> handler;
    private final DeadLetterHandler<Object> deadLetter;
    private final CheckpointStore store;
    private final String owner;
    private final Duration ttl;
    private final Duration claimEvery;
    /**
     * How often a standby asks for the lease: the renewal period, or the poll interval when shorter,
     * so that a takeover comes within the TTL plus one poll interval of the holder's last renewal.
     * A standby's claim is a store call only, never a request to EnDocs.
     */
    private final Duration standbyEvery;
    private final Duration pollInterval;
    private final int concurrency;
    private final RetrySettings retry;
    private final long startAfter;
    private final ObservationRegistry registry;
    private final Scheduler scheduler;

    private final Sinks.Empty<Void> stopSignal = Sinks.empty();
    private final Sinks.Empty<Void> done = Sinks.empty();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong lag = new AtomicLong();
    private volatile boolean stopping;
    private volatile Role role = Role.STANDBY;
    private volatile long fence;
    private volatile OptionalLong lastCheckpoint = OptionalLong.empty();
    /** When the current lease expires by this instance's clock, as of its last successful claim (ms). */
    private volatile long leaseDeadline;

    /**
     * @param name the lease and checkpoint name
     * @param feed the feed's name, for logs and observations
     * @param poll the items after a cursor, in id order
     * @param handler what to do with each item
     * @param o the options
     * @param store where the lease and checkpoint live
     * @param registry where observations go
     * @param scheduler the clock of leases, polls and backoffs
     */
    @SuppressWarnings("unchecked")
    public FeedProcessorImpl(String name, String feed, LongFunction<Mono<List<T>>> poll, FeedHandler<? super T> handler,
                      ProcessorOptions o, CheckpointStore store, ObservationRegistry registry, Scheduler scheduler) {
        this.name = name;
        this.feed = feed;
        this.poll = poll;
        this.handler = handler;
        this.deadLetter = (DeadLetterHandler<Object>) o.deadLetter();
        this.store = store;
        this.owner = o.owner().orElseGet(FeedProcessorImpl::generatedOwner);
        this.ttl = o.leaseTtl();
        this.claimEvery = o.leaseTtl().dividedBy(3);
        this.standbyEvery = o.pollInterval().compareTo(claimEvery) < 0 ? o.pollInterval() : claimEvery;
        this.pollInterval = o.pollInterval();
        this.concurrency = o.concurrency();
        this.retry = o.retry();
        this.startAfter = o.startAfter();
        this.registry = registry;
        this.scheduler = scheduler;
    }

    /**
     * Starts the loop.
     *
     * @return this processor, running
     */
    public FeedProcessorImpl<T> start() {
        cycle().repeat(() -> !stopping).then()
                .subscribe(null, this::failed, () -> {
                    role = Role.STOPPED;
                    done.tryEmitEmpty();
                });
        return this;
    }

    private void failed(Throwable e) {
        ApiException error = e instanceof ApiException a ? a : new ApiException(ApiError.builder("endocs")
                .code("feed-processor")
                .message("feed processor of " + feed + " failed: " + e)
                .build(), e);
        role = Role.FAILED;
        LOG.log(System.Logger.Level.ERROR, () -> "feed processor of " + feed + " stopped on an error: " + error.getMessage());
        done.tryEmitError(error);
    }

    @Override
    public Mono<Void> stop() {
        stopping = true;
        stopSignal.tryEmitEmpty();
        return done.asMono().onErrorResume(e -> Mono.empty());
    }

    @Override
    public Status status() {
        return new Status(name, role, lastCheckpoint, lag.get(), handled.get(), retries.get(), deadLetters.get(), fence);
    }

    @Override
    public Mono<Void> terminated() {
        return done.asMono();
    }

    /** One claim: hold the lease until it ends, or stand by for a third of the TTL. */
    private Mono<Void> cycle() {
        return Mono.defer(() -> {
            if (stopping) {
                return Mono.empty();
            }
            long asked = now();
            return store.claim(name, owner, ttl)
                    .flatMap(lease -> hold(lease, asked))
                    .switchIfEmpty(Mono.defer(() -> {
                        role = Role.STANDBY;
                        return pause(standbyEvery);
                    }));
        });
    }

    /** A tenure: from taking the lease to losing, releasing it or failing. */
    private Mono<Void> hold(Lease lease, long asked) {
        leaseDeadline = asked + ttl.toMillis();
        fence = lease.fence();
        role = Role.HOLDER;
        leaseChange("acquired", lease);
        return store.read(name).map(Optional::of).defaultIfEmpty(Optional.empty()).flatMap(checkpoint -> {
            checkpoint.ifPresent(id -> lastCheckpoint = OptionalLong.of(id));
            boolean takeover = checkpoint.isPresent() || lease.fence() > 1;
            Tenure tenure = new Tenure(lease, checkpoint.orElse(startAfter), takeover ? concurrency : 0);
            Mono<End> work = tenure.work().thenReturn(End.STOPPED)
                    .onErrorResume(LeaseLostException.class, e -> Mono.just(End.LOST));
            Mono<End> renewals = renewals(lease).thenReturn(End.LOST);
            return Mono.firstWithSignal(work, renewals);
        })
        // the checkpoint read of a new tenure may find the lease gone too (a store that stands by
        // while it is unavailable): that is a lost lease, not a failure
        .onErrorResume(LeaseLostException.class, e -> Mono.just(End.LOST))
        .flatMap(end -> {
            lag.set(0);
            if (end == End.LOST) {
                role = Role.STANDBY;
                leaseChange("lost", lease);
                LOG.log(System.Logger.Level.WARNING, () -> "feed processor of " + feed + " lost its lease (fence "
                        + lease.fence() + "); standing by");
                return Mono.empty();
            }
            return store.release(lease).doOnSuccess(v -> leaseChange("released", lease));
        }).onErrorResume(e -> store.release(lease).onErrorResume(x -> Mono.empty()).then(Mono.error(e))).then();
    }

    /** Renews every third of the TTL; completes when a renewal finds the lease gone. */
    private Mono<Void> renewals(Lease lease) {
        return Mono.defer(() -> {
            long asked = now();
            return Mono.delay(claimEvery, scheduler)
                    .then(Mono.defer(() -> {
                        long at = now();
                        return store.claim(name, owner, ttl).map(renewed -> {
                            boolean kept = renewed.fence() == lease.fence();
                            if (kept) {
                                leaseDeadline = at + ttl.toMillis();
                            }
                            return kept;
                        });
                    }))
                    .defaultIfEmpty(false)
                    .doOnNext(kept -> {
                        if (!kept) {
                            leaseDeadline = asked;
                        }
                    });
        }).repeat().takeUntil(kept -> !kept).then();
    }

    private Mono<Void> pause(Duration wait) {
        return Mono.delay(wait, scheduler).then().takeUntilOther(stopSignal.asMono());
    }

    private long now() {
        return scheduler.now(TimeUnit.MILLISECONDS);
    }

    private void leaseChange(String change, Lease lease) {
        Observation.createNotStarted(LEASE_OBSERVATION, registry)
                .lowCardinalityKeyValue("feed", feed)
                .lowCardinalityKeyValue("change", change)
                .highCardinalityKeyValue("fence", Long.toString(lease.fence()))
                .start()
                .stop();
    }

    private LeaseLostException expired(Lease lease) {
        return new LeaseLostException(ApiError.builder("endocs")
                .code("lease-expired")
                .message("the lease on " + name + " (fence " + lease.fence() + ") expired before it was renewed")
                .build(), null);
    }

    /** One tenure's polling and handling. */
    private final class Tenure {
        private final Lease lease;
        private long cursor;
        /** How many of the next deliveries may repeat an earlier tenure's. */
        private final AtomicInteger maybeRepeated;

        Tenure(Lease lease, long cursor, int maybeRepeated) {
            this.lease = lease;
            this.cursor = cursor;
            this.maybeRepeated = new AtomicInteger(maybeRepeated);
        }

        /** Polls and handles until stopped; fails with LeaseLostException when the lease is gone. */
        Mono<Void> work() {
            return Mono.defer(() -> {
                if (stopping) {
                    return Mono.<Void>empty();
                }
                if (now() >= leaseDeadline) {
                    return Mono.<Void>error(expired(lease));
                }
                long since = cursor;
                return poll.apply(since)
                        .onErrorResume(Calls::isTransient, e -> {
                            LOG.log(System.Logger.Level.DEBUG, () -> "feed " + feed + ": poll failed, trying again in "
                                    + pollInterval + ": " + e.getMessage());
                            return Mono.just(List.of());
                        })
                        .flatMap(items -> items.isEmpty() ? pause(pollInterval) : handle(items));
            }).repeat(() -> !stopping).then();
        }

        private Mono<Void> handle(List<T> items) {
            lag.set(items.size());
            return Flux.range(0, items.size())
                    .<Integer>handle((i, sink) -> {
                        if (stopping) {
                            sink.complete();
                        } else if (now() >= leaseDeadline) {
                            sink.error(expired(lease));
                        } else {
                            sink.next(i);
                        }
                    })
                    .flatMapSequential(i -> deliver(items.get(i)).thenReturn(i), concurrency, 1)
                    .concatMap(i -> checkpoint(items, i))
                    .then();
        }

        /** Writes the checkpoint after item {@code i} unless the next item shares its id (scan rows). */
        private Mono<Void> checkpoint(List<T> items, int i) {
            long id = items.get(i).id();
            if (i + 1 < items.size() && items.get(i + 1).id() == id) {
                lag.decrementAndGet();
                return Mono.empty();
            }
            return store.write(lease, id).then(Mono.fromRunnable(() -> {
                cursor = Math.max(cursor, id);
                lastCheckpoint = OptionalLong.of(id);
                lag.decrementAndGet();
            }));
        }

        private Mono<Void> deliver(T item) {
            int earlier = maybeRepeated.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 1 : 0;
            return attempt(item, 1, earlier);
        }

        private Mono<Void> attempt(T item, int attempt, int earlier) {
            Delivery<T> delivery = new Delivery<>(item, item.id(), attempt + earlier);
            return Mono.<Void>defer(() -> {
                Observation observation = Observation.createNotStarted(ITEM_OBSERVATION, registry)
                        .lowCardinalityKeyValue("feed", feed)
                        .highCardinalityKeyValue("id", Long.toString(item.id()))
                        .start();
                return call(delivery)
                        // the client calls the handler makes become children of the item's observation
                        .contextWrite(c -> observation.isNoop() ? c : c.put(ObservationThreadLocalAccessor.KEY, observation))
                        .then(Mono.<Void>fromRunnable(() -> {
                            handled.incrementAndGet();
                            observation.lowCardinalityKeyValue("outcome", "done").stop();
                        }))
                        .doOnCancel(() -> observation.lowCardinalityKeyValue("outcome", "cancelled").stop())
                        .onErrorResume(e -> {
                            observation.error(e);
                            if (attempt < retry.maxAttempts()) {
                                retries.incrementAndGet();
                                observation.lowCardinalityKeyValue("outcome", "retry").stop();
                                LOG.log(System.Logger.Level.DEBUG, () -> "feed " + feed + " item " + item.id()
                                        + " failed (try " + attempt + " of " + retry.maxAttempts() + "): " + e);
                                return Mono.delay(retry.delayAfter(attempt), scheduler).then(attempt(item, attempt + 1, earlier));
                            }
                            deadLetters.incrementAndGet();
                            observation.lowCardinalityKeyValue("outcome", "dead-letter").stop();
                            return Mono.defer(() -> deadLetter.handle(cast(delivery), e))
                                    .onErrorResume(x -> {
                                        LOG.log(System.Logger.Level.WARNING, () -> "feed " + feed + ": the dead-letter hook "
                                                + "failed for item " + item.id() + "; going on: " + x);
                                        return Mono.empty();
                                    });
                        });
            });
        }

        private Mono<Void> call(Delivery<T> delivery) {
            return Mono.defer(() -> {
                Mono<Void> result = handler.handle(cast(delivery));
                return result == null ? Mono.error(new NullPointerException("the handler returned null")) : result;
            });
        }
    }

    /** A generated owner: host name, process id and a random suffix. */
    private static String generatedOwner() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = System.getenv("COMPUTERNAME");
        }
        if (host == null || host.isBlank()) {
            host = "host";
        }
        return host + ":" + ProcessHandle.current().pid() + ":"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffffL);
    }

    @SuppressWarnings("unchecked")
    private static <X> Delivery<X> cast(Delivery<?> delivery) {
        return (Delivery<X>) delivery;
    }

    @Override
    public String toString() {
        return "FeedProcessor[" + name + ", " + role + "]";
    }
}
