package dev.volga.benchmarks;

import dev.volga.transport.internal.Deadlines;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Issue 19 §5, {@code run.sh} part 8: what it costs to put the transport's two deadlines on a call
 * that a Netty event loop completes, by each way of timing it. The "response" is a {@code Mono}
 * completed by a task on a Netty event loop (one thread, as a response's last read is), and each
 * call is timed twice as the transport times it: the exchange's response timeout (30 s) inside the
 * whole call's deadline (3 min); neither ever fires. Closed loops of 1, 16 and 256 callers (the
 * next call is subscribed when the last one completes, so on the event loop, as in the transport),
 * the same loop driver as {@link Overhead}. Contenders:
 * <ul>
 *   <li><b>none</b> — the echo untimed (the floor)</li>
 *   <li><b>deadlines</b> — the transport's {@link Deadlines#timeoutFirst} on {@code Schedulers.parallel()}</li>
 *   <li><b>reactor-first</b> — Reactor's {@code Flux.timeout(Mono.delay(d, parallel), first -> Mono.never())},
 *       the operator with the same first-element semantics (a drop-in replacement)</li>
 *   <li><b>reactor-mono</b> — Reactor's {@code Mono.timeout(Duration, Schedulers.parallel())}</li>
 *   <li><b>netty-loop</b> — {@code reactor-first} on {@code Schedulers.fromExecutorService(loop)} of
 *       the completing event loop: Netty's own timer queue, scheduled and cancelled on the loop's
 *       own thread, as Reactor Netty's {@code HttpClient.responseTimeout} does (best case: the timer
 *       is on the loop the response arrives on)</li>
 * </ul>
 * Each contender warms up at 16 callers, then contenders alternate order between rounds. The
 * table gives ops/s and the <b>process</b> CPU time per op (all threads: the timer threads a timer
 * task wakes are where the cost lands). Arguments: {@code warmup=10 seconds=2 rounds=2
 * callers=1,16,256 timers=none,deadlines,reactor-first,reactor-mono,netty-loop}.
 */
public final class TimeoutBench {

    /** The exchange's response timeout (the transport's default). */
    static final Duration RESPONSE = Duration.ofSeconds(30);
    /** The whole call's deadline (the builders' default {@code callTimeout}). */
    static final Duration CALL = Duration.ofMinutes(3);

    private TimeoutBench() {
    }

    /** One way of timing: what it does to a call, given the timeout. */
    private interface Timing {
        <T> Flux<T> time(Flux<T> call, Duration timeout);
    }

    /** A timing under measurement, as {@link Overhead}'s driver runs it. */
    private record Timed(String name, Supplier<Mono<?>> calls) implements Overhead.Contender {
        @Override
        public Mono<?> call() {
            return calls.get();
        }

        @Override
        public void close() {
        }
    }

    /**
     * @param args {@code key=value} options: warmup, seconds, rounds, callers, timers
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = Options.parse(args);
        Options.Loop settings = Options.loop(opts, 10, 2);
        List<String> only = List.of(opts.getOrDefault("timers", "none,deadlines,reactor-first,reactor-mono,netty-loop").split(","));

        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoop loop = group.next();
        Scheduler onLoop = Schedulers.fromExecutorService(loop, "echo-loop");
        Scheduler parallel = Schedulers.parallel();
        // a response: completed from the event loop's thread, not the subscriber's
        Mono<Integer> response = Mono.create(sink -> loop.execute(() -> sink.success(1)));
        try {
            Map<String, Timing> timings = new LinkedHashMap<>();
            timings.put("none", new Timing() {
                @Override
                public <T> Flux<T> time(Flux<T> call, Duration timeout) {
                    return call;
                }
            });
            timings.put("deadlines", new Timing() {
                @Override
                public <T> Flux<T> time(Flux<T> call, Duration timeout) {
                    return Deadlines.timeoutFirst(call, timeout, parallel);
                }
            });
            timings.put("reactor-first", first(parallel));
            timings.put("netty-loop", first(onLoop));
            List<Timed> contenders = new ArrayList<>();
            for (Map.Entry<String, Timing> t : timings.entrySet()) {
                Timing timing = t.getValue();
                if (!t.getKey().equals("none")) {
                    check(t.getKey(), d -> Mono.from(timing.time(Mono.never().flux(), d)));
                }
                contenders.add(new Timed(t.getKey(), () -> Mono.from(timing.time(timing.time(response.flux(), RESPONSE), CALL))));
            }
            check("reactor-mono", d -> Mono.never().timeout(d, parallel));
            contenders.add(new Timed("reactor-mono", () -> response.timeout(RESPONSE, parallel).timeout(CALL, parallel)));
            contenders.removeIf(c -> !only.contains(c.name()));
            contenders.sort(java.util.Comparator.comparingInt(c -> only.indexOf(c.name())));
            measure(contenders, settings);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            group.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** Reactor's first-element timeout on {@code clock}: what {@link Deadlines#timeoutFirst} mimics. */
    private static Timing first(Scheduler clock) {
        return new Timing() {
            @Override
            public <T> Flux<T> time(Flux<T> call, Duration timeout) {
                return call.timeout(Mono.delay(timeout, clock), first -> Mono.never());
            }
        };
    }

    /** Each contender must really time: a call that never answers ends with a TimeoutException. */
    private static void check(String name, java.util.function.Function<Duration, Mono<?>> timed) {
        Throwable e = timed.apply(Duration.ofMillis(20)).then(Mono.<Throwable>empty())
                .onErrorResume(Mono::just).block(Duration.ofSeconds(10));
        if (!(e instanceof TimeoutException)) {
            throw new IllegalStateException(name + " does not time out: " + e);
        }
    }

    private static void measure(List<Timed> contenders, Options.Loop loop) {
        System.out.println("## 8. Timing a call: the transport's `Deadlines` vs Reactor's and Netty's timers (issue 19 §5)");
        System.out.println();
        System.out.printf(Locale.ROOT, "A Mono completed from a Netty event loop, timed twice per call (%d s inside %d s, as the "
                + "transport's response timeout inside callTimeout; neither fires); closed loops; warm-up %.0f s per timer, "
                + "then %.1f s × %d rounds per cell. CPU = the whole process's (timer threads included).%n%n",
                RESPONSE.toSeconds(), CALL.toSeconds(), loop.warmup(), loop.seconds(), loop.rounds());
        for (Timed c : contenders) {
            Overhead.run(c, 16, loop.warmup(), false);
        }
        System.out.println("| callers | timer | ops/s | CPU µs/op | CPU µs/op above none | ops/s ÷ deadlines' | CPU/op ÷ deadlines' |");
        System.out.println("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        for (int n : loop.callers()) {
            Map<String, Overhead.Result> results = Overhead.cell(contenders, n, loop.seconds(), loop.rounds(), false);
            Overhead.Result none = results.get("none");
            Overhead.Result deadlines = results.get("deadlines");
            for (Map.Entry<String, Overhead.Result> e : results.entrySet()) {
                Overhead.Result res = e.getValue();
                double cpu = res.cpuMicrosPerRequest();
                System.out.printf(Locale.ROOT, "| %d | %s | %,.0f | %.2f | %s | %s | %s |%n", n, e.getKey(), res.throughput(), cpu,
                        none == null || e.getKey().equals("none") ? "" : String.format(Locale.ROOT, "%.2f", cpu - none.cpuMicrosPerRequest()),
                        deadlines == null || res == deadlines ? "" : String.format(Locale.ROOT, "%.2f×", res.throughput() / deadlines.throughput()),
                        deadlines == null || res == deadlines ? "" : String.format(Locale.ROOT, "%.2f×", cpu / deadlines.cpuMicrosPerRequest()));
            }
        }
        System.out.println();
    }
}
