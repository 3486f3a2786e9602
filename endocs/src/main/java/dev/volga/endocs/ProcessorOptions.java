package dev.volga.endocs;

import dev.volga.api.RetrySettings;
import dev.volga.transport.spi.CheckpointStore;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a {@link FeedProcessor} runs: immutable, every {@code with}-style method returns a copy, and
 * validates its argument at once (before any I/O). Start from {@link #defaults()}.
 */
public final class ProcessorOptions {

    /** The default lease TTL: 30 s, renewed every 10 s. */
    public static final Duration DEFAULT_LEASE_TTL = Duration.ofSeconds(30);
    /** The shortest lease TTL accepted: 30 ms. */
    public static final Duration MIN_LEASE_TTL = Duration.ofMillis(30);
    /** The default wait between polls that found nothing new: 10 s. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);
    /**
     * The default retries of a failing item: 5 tries in all, backoff from 1 s doubling up to 1 min,
     * no jitter.
     */
    public static final RetrySettings DEFAULT_RETRY = new RetrySettings(5, Duration.ofSeconds(1), Duration.ofMinutes(1), 0.0);

    private static final System.Logger LOG = System.getLogger("dev.volga.endocs.feeds");
    private static final DeadLetterHandler<Object> LOG_DEAD_LETTER = (d, e) -> reactor.core.publisher.Mono.fromRunnable(
            () -> LOG.log(System.Logger.Level.WARNING, () -> "feed item " + d.id() + " dead-lettered after "
                    + d.deliveryCount() + " deliveries: " + e));
    private static final ProcessorOptions DEFAULTS = new ProcessorOptions(null, null, DEFAULT_LEASE_TTL,
            DEFAULT_POLL_INTERVAL, 1, DEFAULT_RETRY, LOG_DEAD_LETTER, 0, null, null);

    private final CheckpointStore store;
    private final String owner;
    private final Duration leaseTtl;
    private final Duration pollInterval;
    private final int concurrency;
    private final RetrySettings retry;
    private final DeadLetterHandler<?> deadLetter;
    private final long startAfter;
    private final ObservationRegistry observationRegistry;
    private final Scheduler scheduler;

    private ProcessorOptions(CheckpointStore store, String owner, Duration leaseTtl, Duration pollInterval,
                             int concurrency, RetrySettings retry, DeadLetterHandler<?> deadLetter, long startAfter,
                             ObservationRegistry observationRegistry, Scheduler scheduler) {
        this.store = store;
        this.owner = owner;
        this.leaseTtl = leaseTtl;
        this.pollInterval = pollInterval;
        this.concurrency = concurrency;
        this.retry = retry;
        this.deadLetter = deadLetter;
        this.startAfter = startAfter;
        this.observationRegistry = observationRegistry;
        this.scheduler = scheduler;
    }

    /**
     * The defaults: the client's shared state's checkpoint store, a generated owner, a 30 s lease,
     * polls every 10 s, one item at a time, 5 tries with backoff from 1 s to 1 min, dead letters
     * logged at WARNING, start after id 0, the client's observation registry and scheduler.
     *
     * @return the defaults
     */
    public static ProcessorOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param value where leases and checkpoints live: {@link CheckpointStore#memory()},
     *              {@link CheckpointStore#file(java.nio.file.Path)}, or the Redis store of fleet mode;
     *              default: the client's {@code sharedState().checkpointStore()} (in memory, one per
     *              JVM, for the default local state)
     * @return a copy
     */
    public ProcessorOptions store(CheckpointStore value) {
        return new ProcessorOptions(Objects.requireNonNull(value, "store"), owner, leaseTtl, pollInterval, concurrency, retry,
                deadLetter, startAfter, observationRegistry, scheduler);
    }

    /**
     * @param value this instance's name as lease holder, unique per processor (default: host name,
     *              process id and a random suffix); printable, at most 200 characters
     * @return a copy
     */
    public ProcessorOptions owner(String value) {
        Objects.requireNonNull(value, "owner");
        if (value.isBlank() || value.length() > 200 || !value.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
            throw new IllegalArgumentException("owner must be 1 to 200 printable characters");
        }
        return new ProcessorOptions(store, value, leaseTtl, pollInterval, concurrency, retry,
                deadLetter, startAfter, observationRegistry, scheduler);
    }

    /**
     * @param value how long the lease lasts unless renewed (default 30 s, at least 30 ms); the holder
     *              renews it every third of it; standbys claim it every third of it or every
     *              {@link #pollInterval poll interval}, whichever is shorter, so a standby takes over
     *              within the TTL plus one poll interval (at most {@code 4/3 × ttl}) after the holder died
     * @return a copy
     */
    public ProcessorOptions leaseTtl(Duration value) {
        Objects.requireNonNull(value, "leaseTtl");
        if (value.compareTo(MIN_LEASE_TTL) < 0) {
            throw new IllegalArgumentException("leaseTtl must be at least " + MIN_LEASE_TTL + ", was " + value);
        }
        return new ProcessorOptions(store, owner, value, pollInterval, concurrency, retry,
                deadLetter, startAfter, observationRegistry, scheduler);
    }

    /**
     * @param value the wait after a poll that found no new item (default 10 s); after a poll that
     *              found items the processor polls again as soon as they are done (EnDocs feeds have no
     *              pages: one poll returns everything after the cursor). Every poll waits for a permit
     *              of the client's rate limiter.
     * @return a copy
     */
    public ProcessorOptions pollInterval(Duration value) {
        Objects.requireNonNull(value, "pollInterval");
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("pollInterval must be positive, was " + value);
        }
        return new ProcessorOptions(store, owner, leaseTtl, value, concurrency, retry,
                deadLetter, startAfter, observationRegistry, scheduler);
    }

    /**
     * @param value how many items are handled at once (default 1; at most 256); they start in id
     *              order and the checkpoint never passes an unfinished item
     * @return a copy
     */
    public ProcessorOptions concurrency(int value) {
        if (value < 1 || value > 256) {
            throw new IllegalArgumentException("concurrency must be 1 to 256, was " + value);
        }
        return new ProcessorOptions(store, owner, leaseTtl, pollInterval, value, retry,
                deadLetter, startAfter, observationRegistry, scheduler);
    }

    /**
     * @param value how a failing item is retried before it goes to the dead-letter hook, in the
     *              shape the transport uses for requests: {@link RetrySettings#maxAttempts()} tries in
     *              all (1: the first failure goes to the hook), waiting {@link RetrySettings#delayAfter}
     *              between tries (from {@code firstBackoff}, doubling up to {@code maxBackoff}, less
     *              a random share of up to {@code jitter}); every failure of the handler is retried,
     *              the transport's rule of what is safe to send again does not apply (default
     *              {@link #DEFAULT_RETRY}: 5 tries, 1 s to 1 min, no jitter)
     * @return a copy
     */
    public ProcessorOptions retry(RetrySettings value) {
        return new ProcessorOptions(store, owner, leaseTtl, pollInterval, concurrency, Objects.requireNonNull(value, "retry"),
                deadLetter, startAfter, observationRegistry, scheduler);
    }

    /**
     * Where items go after the last of their {@link #retry(RetrySettings) tries} failed (default: a
     * WARNING log line with the id and the error). The handler's item type must be the feed's.
     *
     * @param value the hook
     * @param <T> the item type of the feed
     * @return a copy
     */
    public <T> ProcessorOptions deadLetter(DeadLetterHandler<T> value) {
        return new ProcessorOptions(store, owner, leaseTtl, pollInterval, concurrency, retry,
                Objects.requireNonNull(value, "deadLetter"), startAfter, observationRegistry, scheduler);
    }

    /**
     * @param value the cursor to start after when the store has no checkpoint yet (default 0: the
     *              whole feed); ignored once a checkpoint exists
     * @return a copy
     */
    public ProcessorOptions startAfter(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("startAfter must not be negative, was " + value);
        }
        return new ProcessorOptions(store, owner, leaseTtl, pollInterval, concurrency, retry,
                deadLetter, value, observationRegistry, scheduler);
    }

    /**
     * @param value where the {@code volga.feed.item} and {@code volga.feed.lease} observations go
     *              (default: the client's registry)
     * @return a copy
     */
    public ProcessorOptions observationRegistry(ObservationRegistry value) {
        return new ProcessorOptions(store, owner, leaseTtl, pollInterval, concurrency, retry,
                deadLetter, startAfter, Objects.requireNonNull(value, "observationRegistry"), scheduler);
    }

    /**
     * @param value the clock and timers of leases, polls and backoffs (default: the client's
     *              scheduler); a {@code VirtualTimeScheduler} in tests
     * @return a copy
     */
    public ProcessorOptions scheduler(Scheduler value) {
        return new ProcessorOptions(store, owner, leaseTtl, pollInterval, concurrency, retry,
                deadLetter, startAfter, observationRegistry, Objects.requireNonNull(value, "scheduler"));
    }

    /** @return the store, or empty for the client's */
    public Optional<CheckpointStore> store() {
        return Optional.ofNullable(store);
    }

    /** @return the owner, or empty for a generated one */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /** @return the lease TTL */
    public Duration leaseTtl() {
        return leaseTtl;
    }

    /** @return the wait after an empty poll */
    public Duration pollInterval() {
        return pollInterval;
    }

    /** @return how many items are handled at once */
    public int concurrency() {
        return concurrency;
    }

    /** @return how a failing item is retried */
    public RetrySettings retry() {
        return retry;
    }

    /** @return the dead-letter hook */
    public DeadLetterHandler<?> deadLetter() {
        return deadLetter;
    }

    /** @return the cursor without a checkpoint */
    public long startAfter() {
        return startAfter;
    }

    /** @return the observation registry, or empty for the client's */
    public Optional<ObservationRegistry> observationRegistry() {
        return Optional.ofNullable(observationRegistry);
    }

    /** @return the scheduler, or empty for the client's */
    public Optional<Scheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    @Override
    public String toString() {
        return "ProcessorOptions[leaseTtl=" + leaseTtl + ", pollInterval=" + pollInterval + ", concurrency="
                + concurrency + ", retry=" + retry + ", startAfter=" + startAfter + "]";
    }
}
