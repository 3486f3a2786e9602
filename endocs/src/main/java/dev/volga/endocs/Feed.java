package dev.volga.endocs;

import dev.volga.api.spi.TypeRef;
import dev.volga.endocs.internal.Calls;
import dev.volga.endocs.internal.Checks;
import dev.volga.endocs.internal.FeedProcessorImpl;
import dev.volga.endocs.internal.KeyValue;
import dev.volga.endocs.model.FeedItem;
import dev.volga.endocs.model.FeedPage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One of the four EnDocs feeds: everything after an id cursor ({@code DocId}), with no pagination.
 * Keep the highest id you have processed and pass it next time; {@link #watch} does that for you.
 *
 * @param <T> the item type
 */
public final class Feed<T extends FeedItem> {

    private static final System.Logger LOG = System.getLogger("dev.volga.endocs");

    private final Calls calls;
    private final String name;
    private final String path;
    private final String operation;
    private final TypeRef<KeyValue<T>> type;

    Feed(Calls calls, String name, String path, String operation, TypeRef<KeyValue<T>> type) {
        this.calls = calls;
        this.name = name;
        this.path = path;
        this.operation = operation;
        this.type = type;
    }

    /**
     * Pulls everything after a cursor, with a fresh UUID as {@code RequestId}.
     *
     * @param sinceId the cursor: the highest id already processed, 0 for everything
     * @return the count and the items
     * @throws IllegalArgumentException if the cursor is negative
     */
    public Mono<FeedPage<T>> pull(long sinceId) {
        return pull(sinceId, null);
    }

    /**
     * Pulls everything after a cursor.
     *
     * @param sinceId the cursor: the highest id already processed, 0 for everything
     * @param requestId the correlation id (at most 200 characters), or null for a fresh UUID
     * @return the count and the items; every error carries the request id
     * @throws IllegalArgumentException if the cursor is negative or the request id invalid
     */
    public Mono<FeedPage<T>> pull(long sinceId, String requestId) {
        if (sinceId < 0) {
            throw new IllegalArgumentException("sinceId must not be negative, was " + sinceId);
        }
        String rid = Checks.requestId(requestId);
        String target = path + "/" + sinceId + "/" + Checks.segment("requestId", rid);
        return Calls.tagged(calls.api().exchange(calls.get(target, operation).build(type))
                .map(kv -> new FeedPage<>(kv.key() == null ? 0 : kv.key(), kv.value())), rid);
    }

    /**
     * The items after a cursor, as they came.
     *
     * @param sinceId the cursor, 0 for everything
     * @return the items
     * @throws IllegalArgumentException if the cursor is negative
     */
    public Flux<T> items(long sinceId) {
        return pull(sinceId).flatMapMany(FeedPage::flux);
    }

    /**
     * Polls the feed without end: pulls after the cursor, emits the new items in id order (rows of
     * one scan together), moves the cursor to the highest id emitted, waits {@code interval}, and so on.
     * Every poll goes through the client's rate limiter. A transient failure (connection, 5xx, 429
     * after the transport's retries) is skipped until the next poll; any other error ends the flux.
     *
     * <p>Items are emitted in ascending id order, so the id of the last item you processed is a safe
     * cursor to store: {@code watch(storedId, …)} resumes without repeating or skipping an item.
     * Cancelling stops polling.
     *
     * @param fromId the cursor to start after, 0 for everything
     * @param interval the wait between the end of one poll and the next, positive
     * @return the endless flux of new items
     * @throws IllegalArgumentException if the cursor is negative or the interval not positive
     */
    public Flux<T> watch(long fromId, Duration interval) {
        if (fromId < 0) {
            throw new IllegalArgumentException("fromId must not be negative, was " + fromId);
        }
        Objects.requireNonNull(interval, "interval");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("interval must be positive, was " + interval);
        }
        return Flux.defer(() -> {
            AtomicLong cursor = new AtomicLong(fromId);
            Mono<List<T>> poll = Mono.defer(() -> {
                long since = cursor.get();
                return pull(since).map(page -> inOrderAfter(page.items(), since));
            }).onErrorResume(Calls::isTransient, e -> {
                LOG.log(System.Logger.Level.DEBUG, () -> operation + " watch: poll failed, trying again in " + interval
                        + ": " + e.getMessage());
                return Mono.just(List.of());
            });
            return poll.flatMapMany(items -> Flux.fromIterable(items)
                            .doOnNext(item -> cursor.accumulateAndGet(item.id(), Math::max)))
                    .concatWith(Mono.delay(interval, calls.scheduler()).then(Mono.empty()))
                    .repeat();
        });
    }

    static <T extends FeedItem> List<T> inOrderAfter(List<T> items, long since) {
        List<T> fresh = new ArrayList<>(items.size());
        for (T item : items) {
            if (item != null && item.id() > since) {
                fresh.add(item);
            }
        }
        fresh.sort(Comparator.comparingLong(FeedItem::id));
        return fresh;
    }

    /**
     * Processes the feed once across a fleet: returns a running {@link FeedProcessor} that takes the
     * lease of this feed and credential in the options' {@link dev.volga.transport.spi.CheckpointStore}
     * (or stands by while another instance holds it), resumes after the stored checkpoint, hands each
     * new item to {@code handler} in id order and writes the checkpoint after each.
     *
     * <p>The lease and checkpoint name is {@code "endocs:" + <credential fingerprint> + ":" + <feed>},
     * for example {@code endocs:3f9c…:newContracts}: instances with the same token share it; the
     * fingerprint is a digest that reveals nothing of the token.
     *
     * <p><b>At least once.</b> An item is delivered again when its holder died, paused past the lease
     * or lost the store after the handler's effect but before the checkpoint: make the handler
     * idempotent with the item id as key ({@link Delivery#deliveryCount()} above 1 says "look first").
     *
     * <pre>{@code
     * FeedProcessor p = endocs.feeds().newContracts().process(
     *         d -> oneC.createContract(d.item()).flatMap(extId -> writeBack(d.id(), extId)),
     *         ProcessorOptions.defaults().store(CheckpointStore.file(Path.of("/var/lib/app/feeds"))));
     * // on shutdown
     * p.stop().block();
     * }</pre>
     *
     * @param handler what to do with each item
     * @param options how (store, lease TTL, poll interval, concurrency, retries, dead letters)
     * @return the running processor
     * @throws IllegalStateException if the options name no store and the client's shared state keeps
     *     no checkpoints
     */
    public FeedProcessor process(FeedHandler<? super T> handler, ProcessorOptions options) {
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        Calls.Processing env = calls.processing();
        dev.volga.transport.spi.CheckpointStore store = options.store().orElseGet(() -> {
            try {
                return env.sharedState().checkpointStore();
            } catch (UnsupportedOperationException e) {
                throw new IllegalStateException("the client's shared state keeps no checkpoints: "
                        + "pass ProcessorOptions.store(…)", e);
            }
        });
        String lease = "endocs:" + env.credential() + ":" + name;
        return new FeedProcessorImpl<T>(lease, name, since -> pull(since).map(page -> inOrderAfter(page.items(), since)),
                handler, options, store, options.observationRegistry().orElse(env.registry()),
                options.scheduler().orElse(calls.scheduler())).start();
    }

    /** @return the feed's name, e.g. {@code newContracts}: the last part of its processors' lease name */
    public String name() {
        return name;
    }

    @Override
    public String toString() {
        return "Feed[" + operation + "]";
    }
}
