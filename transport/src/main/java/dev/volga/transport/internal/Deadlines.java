package dev.volga.transport.internal;

import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * The response deadlines of the exchanges timed by one clock, with <b>one</b> scheduled wake-up at
 * a time instead of one timer task per request.
 *
 * <p>Why (issue #7; kept by issue 19 §5 on the figures of {@code benchmarks/run.sh} part 8,
 * {@code TimeoutBench}): {@code Mono.timeout(d, clock)} schedules a task on the clock's executor for
 * every request and cancels it when the response arrives; with few requests in flight that wakes a
 * {@code parallel} thread per request. Part 8 times a call completed from a Netty event loop twice
 * (30 s inside 3 min, as the transport does) and counts the whole process's CPU: above the untimed
 * floor, this class costs 0.26–0.30 µs per call at 1, 16 and 256 callers, Reactor's
 * {@code Mono.timeout}/{@code Flux.timeout} on {@code Schedulers.parallel()} 1.9–5.5 µs, and Reactor's
 * operator on the completing Netty loop's own timer queue (the mechanism of Reactor Netty's
 * {@code responseTimeout}) 2.1–2.9 µs: the alternatives use 3.4–9.9× this class's CPU per call and
 * reach 0.12–0.28× its calls per second (2026-12-05, 2 shared cores, load average 2.5–3.0; see
 * {@code benchmarks/BENCHMARKS.md}, issue 19 §5). Each assembly of Reactor's operator also computes
 * its name by walking the chain (~1 µs, ~900 bytes).
 *
 * <p>Here a request only links itself, under a lock, at the tail of the lane of its duration (one
 * lane per distinct timeout, so each lane is in deadline order) and unlinks itself when it ends. A
 * single task is scheduled on the clock for the earliest deadline; when it fires it times out what
 * is due and plans the next earliest. A request that ends early leaves the planned wake-up in
 * place: it finds nothing to do, or a later request's deadline. The observable behaviour is that of
 * {@code Mono.timeout(d, clock)}: the timer starts on subscription, a {@link TimeoutException}
 * with Reactor's message is signalled on the clock's thread when no value or terminal signal came
 * within {@code d}, the source is cancelled then, and a clock that rejects the task times the
 * request out at once (as {@code Mono.delay(..).onErrorReturn(0L)} in {@code Mono.timeout} does).
 */
public final class Deadlines {

    private static final long NONE = Long.MAX_VALUE;
    /** Clocks seen so far; values weak so that a clock nobody uses any more can go. */
    private static final Map<Scheduler, WeakReference<Deadlines>> BY_CLOCK = new WeakHashMap<>();
    /** The last one used: the common case is one clock for the whole process. */
    private static volatile Deadlines last;

    private final Scheduler clock;
    private final Object lock = new Object();

    // guarded by lock
    private final List<Lane> lanes = new ArrayList<>(2);
    private long armedAt = NONE;
    private long timerSeq;
    private Disposable timer;

    private Deadlines(Scheduler clock) {
        this.clock = clock;
    }

    /**
     * {@code source.timeout(firstTimeout, first -> Mono.never())} on the clock: the first element
     * or the terminal signal must come within {@code timeout}, later elements may take any time.
     *
     * @param source what to time
     * @param timeout how long to wait for its first element or terminal signal
     * @param clock the time source and timer
     * @param <T> the element type
     * @return the timed {@code Flux}
     */
    public static <T> Flux<T> timeoutFirst(Flux<T> source, Duration timeout, Scheduler clock) {
        return timeoutFirst(source, timeout, clock, null);
    }

    /**
     * As {@link #timeoutFirst(Flux, Duration, Scheduler)}, the deadline's error made by
     * {@code error} (a call's own {@code TIMEOUT}) instead of Reactor's {@link TimeoutException}.
     *
     * @param source what to time
     * @param timeout how long to wait for its first element or terminal signal
     * @param clock the time source and timer
     * @param error makes the error signalled at the deadline; null for Reactor's
     * @param <T> the element type
     * @return the timed {@code Flux}
     */
    public static <T> Flux<T> timeoutFirst(Flux<T> source, Duration timeout, Scheduler clock,
                                           java.util.function.Supplier<? extends Throwable> error) {
        return timed(source, timeout, clock, error, false);
    }

    /**
     * The whole of {@code source} (every element and its terminal signal) must come within
     * {@code timeout}, on the same shared lanes as {@link #timeoutFirst}: a streamed listing's call
     * deadline without a timer task per call. Past it the source is cancelled and {@code error}'s
     * error is signalled; whichever of the source's end and the deadline comes first decides, and
     * the signals reach the subscriber serialized.
     *
     * @param source what to time
     * @param timeout how long the whole source may take
     * @param clock the time source and timer
     * @param error makes the error signalled at the deadline
     * @param <T> the element type
     * @return the timed {@code Flux}
     */
    public static <T> Flux<T> timeoutWhole(Flux<T> source, Duration timeout, Scheduler clock,
                                           java.util.function.Supplier<? extends Throwable> error) {
        return timed(source, timeout, clock, Objects.requireNonNull(error, "error"), true);
    }

    private static <T> Flux<T> timed(Flux<T> source, Duration timeout, Scheduler clock,
                                     java.util.function.Supplier<? extends Throwable> error, boolean whole) {
        long nanos = saturatedNanos(Objects.requireNonNull(timeout, "timeout"));
        Deadlines deadlines = of(Objects.requireNonNull(clock, "clock"));
        Objects.requireNonNull(source, "source");
        return new Flux<T>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                source.subscribe(new Timed.Sub<>(whole ? Operators.serialize(actual) : actual, nanos, timeout.toMillis(),
                        deadlines, error, whole));
            }
        };
    }

    static Deadlines of(Scheduler clock) {
        Deadlines d = last;
        if (d != null && d.clock == clock) {
            return d;
        }
        synchronized (BY_CLOCK) {
            WeakReference<Deadlines> ref = BY_CLOCK.get(clock);
            d = ref == null ? null : ref.get();
            if (d == null) {
                d = new Deadlines(clock);
                BY_CLOCK.put(clock, new WeakReference<>(d));
            }
        }
        last = d;
        return d;
    }

    private long now() {
        return clock.now(TimeUnit.NANOSECONDS);
    }

    /** Links a request whose source has been subscribed; nothing if it has ended already. */
    void add(Timed.Sub<?> s) {
        long seq = 0;
        long at = 0;
        synchronized (lock) {
            if (s.state != Timed.ACTIVE) {
                return;
            }
            long now = now();
            s.deadline = now > NONE - s.nanos ? NONE - 1 : now + s.nanos;
            Lane lane = null;
            for (Lane l : lanes) {
                if (l.nanos == s.nanos) {
                    lane = l;
                    break;
                }
            }
            if (lane == null) {
                lane = new Lane(s.nanos);
                lanes.add(lane);
            }
            lane.append(s);
            if (s.deadline < armedAt) {
                seq = plan(s.deadline);
                at = s.deadline;
            }
        }
        if (seq != 0) {
            arm(seq, at);
        }
    }

    /** Unlinks a request that ended or was cancelled; the planned wake-up stays. */
    void remove(Timed.Sub<?> s) {
        synchronized (lock) {
            if (s.lane != null) {
                s.lane.unlink(s);
            }
        }
    }

    /** Under the lock: a new wake-up at {@code at}, replacing the planned one. */
    private long plan(long at) {
        Disposable old = timer;
        timer = null;
        if (old != null) {
            old.dispose(); // calls none of our code
        }
        armedAt = at;
        return ++timerSeq;
    }

    /** Outside the lock: schedules the wake-up planned under {@code seq}. */
    private void arm(long seq, long at) {
        Disposable task;
        try {
            task = clock.schedule(() -> onTimer(seq), Math.max(0L, at - now()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Mono.timeout's timer is Mono.delay(..).onErrorReturn(0L): a rejected timer times out at once
            Timed.Sub<?> all;
            synchronized (lock) {
                if (seq != timerSeq) {
                    return;
                }
                armedAt = NONE;
                all = takeDue(NONE);
            }
            fire(all);
            return;
        }
        synchronized (lock) {
            if (seq == timerSeq && timer == null) {
                timer = task;
                return;
            }
        }
        task.dispose(); // replaced meanwhile
    }

    private void onTimer(long seq) {
        Timed.Sub<?> due;
        long next;
        long nextSeq = 0;
        synchronized (lock) {
            if (seq != timerSeq) {
                return; // replaced by an earlier one
            }
            timer = null;
            armedAt = NONE;
            due = takeDue(now());
            next = NONE;
            for (int i = lanes.size() - 1; i >= 0; i--) {
                Lane l = lanes.get(i);
                if (l.head == null) {
                    lanes.remove(i);
                } else {
                    next = Math.min(next, l.head.deadline);
                }
            }
            if (next != NONE) {
                nextSeq = plan(next);
            }
        }
        if (nextSeq != 0) {
            arm(nextSeq, next);
        }
        fire(due);
    }

    /** Under the lock: unlinks every request due at {@code now}, chained through {@code next}. */
    private Timed.Sub<?> takeDue(long now) {
        Timed.Sub<?> first = null;
        Timed.Sub<?> lastDue = null;
        for (Lane l : lanes) {
            while (l.head != null && l.head.deadline <= now) {
                Timed.Sub<?> s = l.head;
                l.unlink(s);
                if (lastDue == null) {
                    first = s;
                } else {
                    lastDue.next = s;
                }
                lastDue = s;
            }
        }
        return first;
    }

    private static void fire(Timed.Sub<?> due) {
        Timed.Sub<?> s = due;
        while (s != null) {
            Timed.Sub<?> next = s.next;
            s.next = null;
            s.timeout();
            s = next;
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return Math.max(0L, d.toNanos());
        } catch (ArithmeticException e) {
            return NONE - 1;
        }
    }

    /** The requests of one timeout duration, in deadline order; an intrusive doubly linked list. */
    private static final class Lane {
        final long nanos;
        Timed.Sub<?> head;
        Timed.Sub<?> tail;

        Lane(long nanos) {
            this.nanos = nanos;
        }

        void append(Timed.Sub<?> s) {
            s.lane = this;
            s.prev = tail;
            if (tail == null) {
                head = s;
            } else {
                tail.next = s;
            }
            tail = s;
        }

        void unlink(Timed.Sub<?> s) {
            if (s.prev == null) {
                head = s.next;
            } else {
                s.prev.next = s.next;
            }
            if (s.next == null) {
                tail = s.prev;
            } else {
                s.next.prev = s.prev;
            }
            s.prev = null;
            s.next = null;
            s.lane = null;
        }
    }

    /** The signal states of one timed subscription, and the subscription itself ({@link #timeoutFirst}). */
    private static final class Timed {
        static final int ACTIVE = 0;
        static final int DONE = 1;
        static final int TIMED_OUT = 2;
        static final int CANCELLED = 3;

        private Timed() {
        }

        /**
         * One subscription: passes the source's signals on; a timeout when neither a first element
         * nor a terminal signal came by the deadline (after the first element, everything passes).
         */
        static final class Sub<T> implements CoreSubscriber<T>, Subscription {
            @SuppressWarnings("rawtypes")
            private static final AtomicIntegerFieldUpdater<Sub> STATE = AtomicIntegerFieldUpdater.newUpdater(Sub.class, "state");

            final CoreSubscriber<? super T> actual;
            final long nanos;
            final long millis;
            final Deadlines deadlines;
            /** Makes the error at the deadline; null for Reactor's TimeoutException. */
            final java.util.function.Supplier<? extends Throwable> error;
            /** Whether the deadline bounds the whole source ({@link #timeoutWhole}), not only its first signal. */
            final boolean whole;
            Subscription s;
            volatile int state;

            // guarded by the Deadlines lock (next also chains the due ones outside it)
            Lane lane;
            Sub<?> prev;
            Sub<?> next;
            long deadline;

            Sub(CoreSubscriber<? super T> actual, long nanos, long millis, Deadlines deadlines,
                java.util.function.Supplier<? extends Throwable> error, boolean whole) {
                this.actual = actual;
                this.whole = whole;
                this.nanos = nanos;
                this.millis = millis;
                this.deadlines = deadlines;
                this.error = error;
            }

            @Override
            public Context currentContext() {
                return actual.currentContext();
            }

            @Override
            public void onSubscribe(Subscription s) {
                if (Operators.validate(this.s, s)) {
                    this.s = s;
                    actual.onSubscribe(this);
                    // as Mono.timeout: the timer starts once the source is subscribed
                    deadlines.add(this);
                }
            }

            @Override
            public void onNext(T t) {
                if (whole) {
                    if (state == ACTIVE) {
                        actual.onNext(t); // serialized with a concurrent timeout's onError
                    } else {
                        Operators.onNextDropped(t, actual.currentContext());
                    }
                    return;
                }
                if (STATE.compareAndSet(this, ACTIVE, DONE)) {
                    deadlines.remove(this);
                } else if (state != DONE) {
                    Operators.onNextDropped(t, actual.currentContext());
                    return;
                }
                actual.onNext(t);
            }

            @Override
            public void onError(Throwable t) {
                if (STATE.compareAndSet(this, ACTIVE, DONE)) {
                    deadlines.remove(this);
                } else if (state != DONE) {
                    Operators.onErrorDropped(t, actual.currentContext());
                    return;
                }
                actual.onError(t);
            }

            @Override
            public void onComplete() {
                if (STATE.compareAndSet(this, ACTIVE, DONE)) {
                    deadlines.remove(this);
                } else if (state != DONE) {
                    return;
                }
                actual.onComplete();
            }

            @Override
            public void request(long n) {
                s.request(n);
            }

            @Override
            public void cancel() {
                if (STATE.compareAndSet(this, ACTIVE, CANCELLED)) {
                    deadlines.remove(this);
                }
                s.cancel();
            }

            /** The deadline passed (already unlinked). */
            void timeout() {
                if (STATE.compareAndSet(this, ACTIVE, TIMED_OUT)) {
                    s.cancel();
                    if (error != null) {
                        actual.onError(error.get());
                        return;
                    }
                    // Reactor's own wording (Mono.timeout of the exchange's MonoNext)
                    actual.onError(new TimeoutException("Did not observe any item or terminal signal within "
                            + millis + "ms in 'next' (and no fallback has been configured)"));
                }
            }
        }
    }
}
