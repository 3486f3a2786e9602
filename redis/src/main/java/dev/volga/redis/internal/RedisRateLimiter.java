package dev.volga.redis.internal;

import dev.volga.api.ApiError;
import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RateLimitedException;
import dev.volga.api.SharedStateException;
import dev.volga.redis.UnavailablePolicy;
import dev.volga.transport.spi.RateLimiter;
import dev.volga.transport.spi.SharedState;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A credential's limiter whose buckets live in Redis: each request reserves one slot in every limit
 * it matches, all or none, in one atomic script ({@code reserve.lua}, GCRA on the Redis server's
 * clock), gets a delay and waits for it here without blocking a thread. A 429 seen by any instance
 * pauses them all.
 *
 * <p>A reservation that is never used (its waiter was cancelled, or woke too late to use it) gives its
 * slots back, in any order ({@code refund.lua}): the last one in a limit sets the limit's arrival time
 * back, together with every earlier one already given back; any other leaves a <em>hole</em>, a sorted
 * set entry beside the limit's key, which the next request due exactly at that time takes instead of a
 * new slot. So after any number of cancelled waiters, on any instance, Redis holds only the slots of
 * live waiters, and the quota is never exceeded: a hole is used only at its own time.
 *
 * <p>Besides GCRA, every limit keeps its {@link RateLimit#window() window} across the fleet, as the
 * in-memory limiter does: a sorted set beside the limit's key holds the reserved slots of the last
 * window, and a new slot is at least the {@code permits}-th latest one plus {@code period + margin}.
 * So at most {@code permits} slots fall in any span shorter than the window, and a server counting
 * sliding or clock-aligned windows of {@code period} sees no more than {@code permits} (a hole keeps
 * its entry, being reused at its slot; a refunded last reservation removes its entry).
 *
 * <p>While Redis is down the {@link UnavailablePolicy} decides: fail, or limit this instance to its
 * share of the quota in memory (and keep doing so, together with Redis, for one period of the longest
 * limit after Redis is back).
 */
public final class RedisRateLimiter implements RateLimiter {

    private final RedisLink link;
    private final String provider;
    private final RateLimitSettings settings;
    private final Scheduler scheduler;
    private final PauseBoard.Pause pause;
    private final String pauseKey;
    private final List<Limit> limits = new ArrayList<>();
    private final RateLimiter fallback;
    private final long graceMillis;
    private final AtomicInteger waiting = new AtomicInteger();
    /** How far ahead a request of several limits reserves (µs). */
    static final long HORIZON_MICROS = 1_000_000;
    /** How late an answer may come after its slot and still be used, whatever the margin (ns). */
    private static final long ANSWER_LATE_FLOOR_NANOS = 100_000_000;
    /**
     * How often one request gives its slot back for lateness and reserves anew before it goes late
     * all the same: a Redis whose round trip always exceeds the bound, or a machine whose timers
     * always fire late, must cost a request a retry or two, never an endless loop.
     */
    private static final int LATE_RETRIES = 2;

    private record Limit(RateLimit limit, String key, String holesKey, String slotsKey, long intervalMicros,
                         long toleranceMicros, long windowMicros) { }

    /**
     * @param link the Redis link
     * @param pauses the instance's view of every credential's pause
     * @param scope the credential
     * @param settings the limits
     * @param scheduler clock and timers for the local waits
     * @param expectedInstances how many instances share the quota (for the local fallback)
     * @param probeInterval how often a down Redis is probed (part of the grace after recovery)
     */
    public RedisRateLimiter(RedisLink link, PauseBoard pauses, SharedState.Scope scope, RateLimitSettings settings,
                            Scheduler scheduler, int expectedInstances, Duration probeInterval) {
        this.link = Objects.requireNonNull(link, "link");
        this.provider = scope.provider();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.pause = pauses.of(scope);
        String base = Keys.base(link.prefix(), scope);
        this.pauseKey = base + ":pause";
        long longest = 0;
        for (RateLimit l : settings.limits()) {
            long periodMicros = l.period().toNanos() / 1000;
            long interval = (periodMicros + l.permits() - 1) / l.permits();
            String key = base + ":limit:" + id(l);
            limits.add(new Limit(l, key, key + ":holes", key + ":slots", interval, interval * (l.burst() - 1),
                    l.window().toNanos() / 1000));
            longest = Math.max(longest, l.period().toMillis());
        }
        this.graceMillis = longest + probeInterval.toMillis();
        this.fallback = RateLimiter.create(provider, share(settings, expectedInstances), scheduler);
    }

    /**
     * The limits one of {@code instances} may use alone: permits divided (or, below one permit, the
     * period multiplied), burst divided, at least 1.
     *
     * @param settings the fleet's limits
     * @param instances how many instances share them
     * @return this instance's share
     */
    static RateLimitSettings share(RateLimitSettings settings, int instances) {
        List<RateLimit> shares = new ArrayList<>();
        for (RateLimit l : settings.limits()) {
            RateLimit s = l.permits() >= instances
                    ? new RateLimit(l.name(), l.permits() / instances, l.period(), Math.max(1, l.burst() / instances), l.methods(), l.pathPattern())
                    : new RateLimit(l.name(), l.permits(), l.period().multipliedBy(instances), 1, l.methods(), l.pathPattern());
            shares.add(s);
        }
        return new RateLimitSettings(shares, settings.maxQueue(), settings.defaultPause());
    }

    private static String id(RateLimit l) {
        return Keys.digest(l.permits() + "/" + l.period().toNanos() + "/" + l.burst() + "/" + new TreeSet<>(l.methods())
                + "/" + l.pathPattern(), 8);
    }

    @Override
    public Mono<Void> acquire(String method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        return Mono.defer(() -> {
            if (inGrace() && !link.isDown()) {
                // Just after an outage the local share still counts (a restarted Redis forgot what was
                // sent meanwhile). It goes first: the shared slot must be the last wait before sending,
                // or a slot taken early and used late would add up with the slots of others.
                return fallback.acquire(method, path).then(acquireShared(method, path));
            }
            return acquireShared(method, path);
        });
    }

    private boolean inGrace() {
        return System.currentTimeMillis() - link.upSinceMillis() < graceMillis;
    }

    /** A permit of the shared quota, or of this instance's share while Redis is down. */
    private Mono<Void> acquireShared(String method, String path) {
        return acquireShared(method, path, 0);
    }

    /** As {@link #acquireShared(String, String)}, after {@code lateTries} slots given back for lateness. */
    private Mono<Void> acquireShared(String method, String path, int lateTries) {
        return Mono.defer(() -> {
            if (link.isDown()) {
                return whenDown(method, path);
            }
            long paused = pause.remainingMillis();
            if (paused > 0) {
                return Mono.delay(Duration.ofMillis(paused), scheduler).then(acquireShared(method, path));
            }
            List<Limit> matching = new ArrayList<>();
            for (Limit l : limits) {
                if (l.limit().matches(method, path)) {
                    matching.add(l);
                }
            }
            return matching.isEmpty() ? Mono.empty() : reserve(method, path, matching, lateTries);
        });
    }

    private Mono<Void> whenDown(String method, String path) {
        if (link.policy() == UnavailablePolicy.FAIL) {
            return Mono.error(link.failure(provider, "rate limit", "it is unavailable", null));
        }
        // Released by the local share; if Redis came back meanwhile, the shared quota must count it
        // too, or the fleet's new requests and this instance's backlog would add up.
        return fallback.acquire(method, path)
                .then(Mono.defer(() -> link.isDown() ? Mono.empty() : acquireShared(method, path)));
    }

    private Mono<Void> reserve(String method, String path, List<Limit> matching, int lateTries) {
        String[] keys = new String[3 * matching.size() + 1];
        String[] args = new String[1 + 4 * matching.size()];
        keys[0] = pauseKey;
        boolean full = waiting.get() >= settings.maxQueue();
        // A request of several limits reserves a slot in each at the time the strictest allows; in
        // GCRA that holds the others until then. So it reserves only within a short horizon: one
        // waiting a day for a daily limit must not hold every other POST for that day. Beyond the
        // horizon it waits here, holding nothing, and asks again.
        args[0] = full ? "0" : matching.size() > 1 ? Long.toString(HORIZON_MICROS) : "-1";
        for (int i = 0; i < matching.size(); i++) {
            Limit l = matching.get(i);
            keys[1 + 3 * i] = l.key();
            keys[2 + 3 * i] = l.holesKey();
            keys[3 + 3 * i] = l.slotsKey();
            args[1 + 4 * i] = Long.toString(l.intervalMicros());
            args[2 + 4 * i] = Long.toString(l.toleranceMicros());
            args[3 + 4 * i] = Long.toString(l.limit().permits());
            args[4 + 4 * i] = Long.toString(l.windowMicros());
        }
        long epoch = pause.epoch();
        long outages = link.outages();
        return link.script(provider, RedisLink.Script.RESERVE, keys, args)
                .onErrorResume(SharedStateException.class, e ->
                        link.policy() == UnavailablePolicy.LOCAL_FALLBACK ? Mono.just("fallback") : Mono.error(e))
                .flatMap(answer -> {
                    if (answer.equals("fallback")) {
                        return whenDown(method, path);
                    }
                    String[] reply = answer.split(" ");
                    if (!reply[0].equals("-1")) {
                        link.clock().observe(System.nanoTime(), Long.parseLong(reply[1]));
                    }
                    if (reply[0].equals("-1")) {
                        return full ? Mono.error(queueFull()) : beyondHorizon(method, path, Long.parseLong(reply[1]));
                    }
                    return await(method, path, keys, reply, epoch, outages, lateness(matching), lateTries);
                });
    }

    private Mono<Void> beyondHorizon(String method, String path, long delayMicros) {
        waiting.incrementAndGet();
        return Mono.delay(Duration.ofNanos((delayMicros - HORIZON_MICROS / 2) * 1000), scheduler)
                .doFinally(signal -> waiting.decrementAndGet())
                .then(acquireShared(method, path));
    }

    /**
     * How late a woken waiter may be and still use its slot: the margin of its limits (at most the
     * burst they tolerate; the burst alone for a margin of zero). Going later is a delay the margin
     * does not cover: overdue waiters (a stalled or cold JVM fires them together) would go at once
     * with the punctual ones of the next window, and a server counting windows, or a token bucket
     * already full, refuses the excess. Later than that, the waiter gives its slot back and reserves
     * anew.
     */
    private static long lateness(List<Limit> matching) {
        long least = Long.MAX_VALUE;
        for (Limit l : matching) {
            long burst = l.intervalMicros() + l.toleranceMicros();
            long margin = l.windowMicros() - l.limit().period().toNanos() / 1000;
            least = Math.min(least, margin > 0 ? Math.min(margin, burst) : burst);
        }
        return Math.max(1_000, least) * 1000;
    }

    private Mono<Void> await(String method, String path, String[] keys, String[] reply, long epoch, long outages,
                             long maxLateNanos, int lateTries) {
        // the slot is a time on the Redis server's clock: mapped onto this instance's clock, so that
        // neither a late answer (a busy client) nor a queued command moves it onto another's slot
        long redisNow = Long.parseLong(reply[1]);
        long slot = link.clock().toLocalNanos(redisNow + Long.parseLong(reply[0]));
        long waitNanos = slot - System.nanoTime();
        if (waitNanos <= 0 && pause.epoch() == epoch) {
            // the answer came after the slot (a stalled or cold JVM): go only if not too late; a
            // slow answer alone must not make it reserve forever, hence the floor
            if (-waitNanos > Math.max(maxLateNanos, ANSWER_LATE_FLOOR_NANOS) && lateTries < LATE_RETRIES) {
                refund(keys, reply);
                return acquireShared(method, path, lateTries + 1);
            }
            return Mono.empty();
        }
        waiting.incrementAndGet();
        return Mono.delay(Duration.ofNanos(Math.max(0, waitNanos)), scheduler)
                .doOnCancel(() -> refund(keys, reply))
                .doFinally(signal -> waiting.decrementAndGet())
                // A 429 somewhere in the fleet while this request waited: its slot went with the pause;
                // it waits for the end and reserves anew. Woken too late (a stalled JVM fires its
                // overdue timers together): going now would add a burst to the slots of others, so it
                // leaves its slot unused and reserves anew.
                // Redis was unavailable meanwhile: it may have restarted without this reservation, so
                // going on it could double-book a slot; it asks again (the fallback while Redis is down).
                .then(Mono.defer(() -> {
                    if (link.outages() != outages) {
                        // not given back: a Redis that restarted meanwhile may hand the slot out anew
                        return acquireShared(method, path);
                    }
                    if (pause.epoch() != epoch) {
                        refund(keys, reply);
                        return acquireShared(method, path);
                    }
                    if (System.nanoTime() - slot > maxLateNanos && lateTries < LATE_RETRIES) {
                        refund(keys, reply);
                        return acquireShared(method, path, lateTries + 1);
                    }
                    return Mono.empty();
                }));
    }

    /**
     * Gives an unused reservation back (see the class comment); best effort: if Redis does not answer,
     * the slot stays taken, as before.
     *
     * @param keys the reservation's keys (the pause key, then each limit's key, holes key and slots key)
     * @param reply reserve.lua's answer: delay, now, then each limit's old and new arrival time
     */
    private void refund(String[] keys, String[] reply) {
        String[] limitKeys = new String[keys.length - 1];
        System.arraycopy(keys, 1, limitKeys, 0, limitKeys.length);
        String[] args = new String[reply.length - 1];
        args[0] = Long.toString(Long.parseLong(reply[0]) + Long.parseLong(reply[1]));
        System.arraycopy(reply, 2, args, 1, reply.length - 2);
        link.script(provider, RedisLink.Script.REFUND, limitKeys, args).subscribe(given -> { }, error -> { });
    }

    private RateLimitedException queueFull() {
        ApiError error = ApiError.builder(provider)
                .message("client-side rate limit queue is full: " + settings.maxQueue()
                        + " requests of this instance already wait for a permit of the shared quota (maxQueue="
                        + settings.maxQueue() + "); request refused before sending")
                .build();
        return new RateLimitedException(error, RateLimitedException.Source.CLIENT_QUEUE_FULL, null);
    }

    @Override
    public void pause(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        if (duration.isZero()) {
            return;
        }
        pause.extend(duration.toMillis());
        fallback.pause(duration);
        if (!link.isDown()) {
            long micros = duration.toNanos() / 1000;
            link.script(provider, RedisLink.Script.PAUSE, new String[] {pauseKey},
                    Long.toString(micros), link.channel(), pause.tag() + " pause").subscribe(r -> { }, e -> { });
        }
    }

    @Override
    public int queued() {
        return waiting.get() + fallback.queued();
    }

    @Override
    public String toString() {
        return "RedisRateLimiter[" + pause.tag() + ", " + link.endpoint() + "]";
    }
}
