package dev.volga.transport.internal.limit;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RateLimitedException;
import dev.volga.transport.spi.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * The in-memory {@link RateLimiter}: one {@link TokenBucket} per limit, one bounded FIFO queue of
 * waiters, one timer.
 *
 * <h2>Algorithm</h2>
 * <ul>
 *   <li><b>Fast path.</b> A request goes at once, without touching the queue or the timer, when no
 *       pause is in force and every bucket it needs has a token now and no queued waiter needs that
 *       bucket (so it never overtakes a waiter of the same limit).</li>
 *   <li><b>Queue.</b> Otherwise it joins the tail of one intrusive doubly linked FIFO list (O(1)
 *       removal on cancel), unless {@code maxQueue} waiters are already there: then it fails at once
 *       with {@link RateLimitedException.Source#CLIENT_QUEUE_FULL}.</li>
 *   <li><b>Drain walk.</b> Under the lock the queue is walked in order (after every enqueue, timer and
 *       cancellation). A waiter none of whose buckets is blocked in this walk and all of whose
 *       buckets have a token takes one from each and is released. Any other waiter blocks, for the
 *       rest of the walk, the buckets it is short of: no later waiter takes a token it is waiting for
 *       (FIFO per bucket), while tokens it is not waiting for still serve later waiters (a GET is not
 *       held back by POSTs waiting for a POST-only limit, nor a POST to another path by a POST waiting
 *       for a per-path daily limit). A waiter that was not skipped offers its earliest possible time
 *       (the latest {@link TokenBucket#nextTokenAt()} of its buckets) as the next wake-up, and so does
 *       every bucket that becomes blocked (its next token), for the waiters skipped behind it. The walk
 *       stops as soon as every bucket is blocked. Released sinks are completed after the lock is let
 *       go.</li>
 *   <li><b>Timer.</b> At most one wake-up is pending: {@code scheduler.schedule(task, delay,
 *       NANOSECONDS)}. It is replaced only when an earlier one is needed; a wake-up that finds nothing
 *       to do simply plans the next one. Scheduling happens outside the lock (a virtual-time scheduler
 *       runs due tasks on the caller's thread), guarded by a sequence number so that a stale timer
 *       does nothing. No thread ever sleeps or spins.</li>
 *   <li><b>Pause.</b> While {@code now < pausedUntil} nobody is released and the wake-up is
 *       {@code pausedUntil}.</li>
 * </ul>
 *
 * <p>Invariant behind "no lost wake-up": whenever the queue is not empty, a timer is pending at or
 * before the earliest time any waiter could be released. Tokens of a bucket with queued waiters are
 * only ever taken by a drain walk (the fast path needs a bucket without waiters), so that time never
 * moves earlier behind the timer's back; every enqueue, timer and cancellation runs a walk, and every
 * walk re-plans the timer. A walk is cheap: it stops once every bucket is blocked, which for a single
 * limit is at the first waiter.
 *
 * <p>Time is {@code scheduler.now(NANOSECONDS)} minus the value at creation, so any clock origin
 * works.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    private static final TokenBucket[] NO_BUCKETS = new TokenBucket[0];
    /** No wake-up needed. */
    private static final long NONE = Long.MAX_VALUE;
    /** Longest timer delay asked of the scheduler (~73 years); a later wake-up is re-planned then. */
    private static final long MAX_TIMER_DELAY = Long.MAX_VALUE >> 2;

    private final String provider;
    private final int maxQueue;
    private final Scheduler scheduler;
    private final long origin;
    private final TokenBucket[] buckets;
    private final Object lock = new Object();
    /** The permit of a request that no limit matches; see {@link Free}. */
    private final Mono<Void> free = new Free();

    // All below guarded by lock.
    private Waiter head;
    private Waiter tail;
    /** Queued waiters; written under the lock, read by {@link #queued()} without it. */
    private volatile int size;
    /** Queued waiters that need no bucket (they only wait while a pause is in force). */
    private int bucketless;
    /**
     * Until when a server pause holds everyone back; written under the lock, read without it by
     * {@link #free} (volatile for that).
     */
    private volatile long pausedUntil = Long.MIN_VALUE;
    private long walks;
    private boolean timerArmed;
    private long timerAt;
    private long timerSeq;
    private Disposable timer;

    /**
     * @param provider the provider name used in errors
     * @param settings the limits and the queue bound
     * @param scheduler the clock and the timers
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if a limit's period does not fit in a {@code long} of nanoseconds
     */
    public InMemoryRateLimiter(String provider, RateLimitSettings settings, Scheduler scheduler) {
        this.provider = Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(settings, "settings");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.maxQueue = settings.maxQueue();
        this.origin = scheduler.now(TimeUnit.NANOSECONDS);
        List<RateLimit> limits = settings.limits();
        this.buckets = new TokenBucket[limits.size()];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new TokenBucket(limits.get(i), 0L);
        }
    }

    @Override
    public Mono<Void> acquire(String method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        TokenBucket[] needed = match(method, path);
        if (needed.length == 0) {
            return free;
        }
        return Mono.create(sink -> subscribe(sink, needed));
    }

    @Override
    public boolean tryAcquire(String method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        TokenBucket[] needed = match(method, path);
        if (needed.length == 0) {
            return unpaused();
        }
        synchronized (lock) {
            return takeNow(needed, now());
        }
    }

    /** Whether no server pause is in force (read without the lock). */
    private boolean unpaused() {
        long until = pausedUntil;
        return until == Long.MIN_VALUE || now() >= until;
    }

    /**
     * The fast path, under the lock: takes {@code needed}'s tokens if the request may go at once (no
     * pause, no waiter ahead that needs one of its limits, every bucket has a token).
     */
    private boolean takeNow(TokenBucket[] needed, long now) {
        if (now >= pausedUntil && noWaiters(needed) && latestNextToken(needed) <= now) {
            for (TokenBucket b : needed) {
                b.take(now);
            }
            return true;
        }
        return false;
    }

    /**
     * The permit of a request that no limit matches (every request of an unlimited client): granted
     * on subscription without the lock, the queue or a sink when no pause is in force, which is
     * exactly the fast path's condition for such a request (it needs no token and no queued waiter
     * can hold a bucket it needs). Under a pause it takes the usual way and waits in the queue.
     * Measured by benchmarks/ Overhead (issue #7): the lock, the {@code MonoCreate} and its sink
     * were a per-request cost of every unlimited client.
     */
    private final class Free extends Mono<Void> {
        @Override
        public void subscribe(reactor.core.CoreSubscriber<? super Void> actual) {
            if (unpaused()) {
                reactor.core.publisher.Operators.complete(actual);
                return;
            }
            Mono.<Void>create(sink -> InMemoryRateLimiter.this.subscribe(sink, NO_BUCKETS)).subscribe(actual);
        }
    }

    @Override
    public void pause(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative, was " + duration);
        }
        long nanos = saturatedNanos(duration);
        synchronized (lock) {
            long now = now();
            long until = now > Long.MAX_VALUE - nanos ? Long.MAX_VALUE : now + nanos;
            if (until > pausedUntil) {
                pausedUntil = until;
            }
            // Nothing to re-plan: a pending timer fires at or before the old wake-up, its walk sees
            // the pause and plans the next wake-up at pausedUntil; with an empty queue, the next
            // request sees the pause itself.
        }
    }

    @Override
    public int queued() {
        return size;
    }

    @Override
    public String toString() {
        return "InMemoryRateLimiter[" + provider + ", limits=" + buckets.length + ", queued=" + size
                + "/" + maxQueue + "]";
    }

    // ---------------------------------------------------------------- acquire

    /** The buckets of the limits matching a request; shares an array when none or all match. */
    private TokenBucket[] match(String method, String path) {
        if (buckets.length == 0) {
            return NO_BUCKETS;
        }
        int count = 0;
        for (TokenBucket b : buckets) {
            if (b.limit.matches(method, path)) {
                count++;
            }
        }
        if (count == 0) {
            return NO_BUCKETS;
        }
        if (count == buckets.length) {
            return buckets; // never modified
        }
        TokenBucket[] needed = new TokenBucket[count];
        int i = 0;
        for (TokenBucket b : buckets) {
            if (b.limit.matches(method, path)) {
                needed[i++] = b;
            }
        }
        return needed;
    }

    private void subscribe(MonoSink<Void> sink, TokenBucket[] needed) {
        Waiter waiter = null;
        boolean granted = false;
        synchronized (lock) {
            long now = now();
            if (takeNow(needed, now)) {
                granted = true;
            } else if (size < maxQueue) {
                waiter = new Waiter(sink, needed, now);
                enqueue(waiter);
            }
        }
        if (granted) {
            sink.success();
            return;
        }
        if (waiter == null) {
            sink.error(queueFull());
            return;
        }
        // Registered after the waiter is queued: if the subscriber has cancelled already, the sink
        // disposes it at once; if it has been released already, this does nothing.
        sink.onCancel(waiter);
        // The walk decides whether it goes now (the waiters ahead of it may only be short of other
        // limits) and plans the wake-up it needs.
        drain();
    }

    private RateLimitedException queueFull() {
        ApiError error = ApiError.builder(provider)
                .message("client-side rate limit queue is full: " + maxQueue
                        + " requests already wait for a permit (maxQueue=" + maxQueue
                        + "); request refused before sending")
                .build();
        return new RateLimitedException(error, RateLimitedException.Source.CLIENT_QUEUE_FULL, null);
    }

    // ---------------------------------------------------------------- drain

    /** Releases every waiter that may go now, re-plans the timer, completes the released outside the lock. */
    private void drain() {
        Waiter released = null;
        long seq = 0;
        long wakeAt = NONE;
        synchronized (lock) {
            long now = now();
            if (now < pausedUntil) {
                if (head != null) {
                    wakeAt = pausedUntil;
                }
            } else {
                Waiter releasedTail = null;
                long walk = ++walks;
                int blocked = 0;
                Waiter w = head;
                while (w != null && (blocked < buckets.length || bucketless > 0)) {
                    Waiter next = w.next;
                    TokenBucket[] needed = w.buckets;
                    boolean skipped = false;
                    long readyAt = Long.MIN_VALUE;
                    for (TokenBucket b : needed) {
                        skipped |= b.blockedInWalk == walk;
                        readyAt = Math.max(readyAt, b.nextTokenAt());
                    }
                    if (!skipped && readyAt <= now) {
                        for (TokenBucket b : needed) {
                            // A bucket this waiter queued on has been short ever since: its token is
                            // taken when it became due (not before a pause ended, and at most one
                            // interval back), so a timer that fires late does not shift every later
                            // permit (issue #7: a burst-1 limit reached 0.89 of its rate on a loaded
                            // machine), and a long stall is not made up in a burst.
                            long due = b.nextTokenAt();
                            // The window counts the real release (now), never the back-dated instant.
                            b.take(due > w.queuedAt ? Math.max(Math.max(due, pausedUntil), now - b.interval()) : now, now);
                        }
                        unlink(w);
                        if (releasedTail == null) {
                            released = w;
                        } else {
                            releasedTail.next = w;
                        }
                        releasedTail = w;
                    } else {
                        if (!skipped) {
                            wakeAt = Math.min(wakeAt, readyAt);
                        }
                        // It holds back later waiters only on the limits it is short of: a POST
                        // waiting a day for a per-path limit does not stop other POSTs that the
                        // per-minute POST limit alone allows.
                        for (TokenBucket b : needed) {
                            if (b.blockedInWalk != walk && b.nextTokenAt() > now) {
                                b.blockedInWalk = walk;
                                blocked++;
                                // Waiters skipped behind it (the walk may stop before them) can go
                                // no earlier than its next token; the waiter blocking it may itself
                                // be due much later for another limit, so wake up then too. Always
                                // in the future: the bucket is short.
                                wakeAt = Math.min(wakeAt, b.nextTokenAt());
                            }
                        }
                    }
                    w = next;
                }
            }
            if (wakeAt != NONE) {
                seq = planTimer(wakeAt);
            } else if (head == null) {
                cancelTimer();
            }
        }
        if (seq != 0) {
            armTimer(seq, wakeAt);
        }
        complete(released);
    }

    private static void complete(Waiter released) {
        Throwable failure = null;
        Waiter w = released;
        while (w != null) {
            Waiter next = w.next;
            w.next = null;
            try {
                w.sink.success();
            } catch (Throwable t) { // keep releasing the others, rethrow below
                if (failure == null) {
                    failure = t;
                } else {
                    failure.addSuppressed(t);
                }
            }
            w = next;
        }
        if (failure != null) {
            throw Exceptions.propagate(failure);
        }
    }

    // ---------------------------------------------------------------- timer

    /**
     * Under the lock: makes sure a wake-up is pending at or before {@code at}.
     *
     * @return the sequence number of a new timer the caller must arm after the lock, or 0
     */
    private long planTimer(long at) {
        if (timerArmed && timerAt <= at) {
            return 0;
        }
        cancelTimer();
        timerArmed = true;
        timerAt = at;
        return ++timerSeq;
    }

    /** Under the lock: forgets the pending timer. Disposing a scheduled task calls none of our code. */
    private void cancelTimer() {
        timerArmed = false;
        Disposable old = timer;
        timer = null;
        if (old != null) {
            old.dispose();
        }
    }

    /** Outside the lock: schedules the timer planned under number {@code seq}. */
    private void armTimer(long seq, long at) {
        long delay = Math.min(Math.max(at - now(), 0L), MAX_TIMER_DELAY);
        Disposable task;
        try {
            task = scheduler.schedule(() -> onTimer(seq), delay, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            rejected(seq, e);
            return;
        }
        boolean stale;
        synchronized (lock) {
            // Stale if a newer timer was planned, or this one already fired or was cancelled.
            stale = !timerArmed || timerSeq != seq;
            if (!stale) {
                timer = task;
            }
        }
        if (stale) {
            task.dispose();
        }
    }

    private void onTimer(long seq) {
        synchronized (lock) {
            if (!timerArmed || timerSeq != seq) {
                return; // replaced by an earlier timer, which does the work
            }
            timerArmed = false;
            timer = null;
        }
        drain();
    }

    /** The scheduler refused the timer (it was disposed): fail the waiters rather than strand them. */
    private void rejected(long seq, RejectedExecutionException e) {
        Waiter all;
        synchronized (lock) {
            if (timerSeq == seq) {
                timerArmed = false;
                timer = null;
            }
            all = head;
            Waiter w = head;
            while (w != null) {
                Waiter next = w.next;
                unlink(w);
                w.next = next; // keep the chain for failing them below
                w = next;
            }
        }
        ApiError error = ApiError.builder(provider)
                .message("client-side rate limiter cannot schedule its wake-up: the scheduler rejected it"
                        + " (disposed?)")
                .build();
        for (Waiter w = all; w != null; ) {
            Waiter next = w.next;
            w.next = null;
            w.sink.error(new ApiException(error, e));
            w = next;
        }
    }

    // ---------------------------------------------------------------- queue

    private void enqueue(Waiter w) {
        w.prev = tail;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        w.queued = true;
        for (TokenBucket b : w.buckets) {
            b.waiters++;
        }
        if (w.buckets.length == 0) {
            bucketless++;
        }
        size++;
    }

    private void unlink(Waiter w) {
        Waiter prev = w.prev;
        Waiter next = w.next;
        if (prev == null) {
            head = next;
        } else {
            prev.next = next;
        }
        if (next == null) {
            tail = prev;
        } else {
            next.prev = prev;
        }
        w.prev = null;
        w.next = null;
        w.queued = false;
        for (TokenBucket b : w.buckets) {
            b.waiters--;
        }
        if (w.buckets.length == 0) {
            bucketless--;
        }
        size--;
    }

    private void cancel(Waiter w) {
        synchronized (lock) {
            if (!w.queued) {
                return; // released (or failed) already: its permit stays taken
            }
            unlink(w);
        }
        // Buckets it blocked may now serve the waiters behind it.
        drain();
    }

    // ---------------------------------------------------------------- helpers

    private long now() {
        return scheduler.now(TimeUnit.NANOSECONDS) - origin;
    }

    private static boolean noWaiters(TokenBucket[] needed) {
        for (TokenBucket b : needed) {
            if (b.waiters != 0) {
                return false;
            }
        }
        return true;
    }

    private static long latestNextToken(TokenBucket[] needed) {
        long at = Long.MIN_VALUE;
        for (TokenBucket b : needed) {
            at = Math.max(at, b.nextTokenAt());
        }
        return at;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    /** One queued request. Its links and flag are guarded by the limiter's lock. */
    private final class Waiter implements Disposable {
        final MonoSink<Void> sink;
        final TokenBucket[] buckets;
        Waiter prev;
        Waiter next;
        boolean queued;

        /** When it joined the queue. */
        final long queuedAt;

        Waiter(MonoSink<Void> sink, TokenBucket[] buckets, long queuedAt) {
            this.sink = sink;
            this.buckets = buckets;
            this.queuedAt = queuedAt;
        }

        /** The subscriber cancelled. */
        @Override
        public void dispose() {
            cancel(this);
        }
    }
}
