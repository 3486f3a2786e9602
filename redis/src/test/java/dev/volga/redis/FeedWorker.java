package dev.volga.redis;

import dev.volga.api.LeaseLostException;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.FeedProcessor;
import dev.volga.endocs.ProcessorOptions;
import dev.volga.transport.spi.CheckpointStore;
import dev.volga.transport.spi.Lease;
import reactor.core.publisher.Mono;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.time.Duration;

/**
 * A replica of a service that processes EnDocs' new-contracts feed through fleet mode, in its own JVM
 * (started by {@link ChildJvm}): the parent kills, freezes or stops it and reads what it printed.
 *
 * <p>Arguments: {@code <baseUrl> <token> <redisUri> <keyPrefix> <FAIL|LOCAL_FALLBACK> <leaseTtlMs>
 * <pollMs> <handleMs>}. Lines (times are {@link System#nanoTime()}, one monotonic clock for every
 * process of the machine on Linux):
 * <ul>
 *   <li>{@code ready <pid>} once the processor runs;</li>
 *   <li>{@code start <id> <pid> <nanos> <deliveryCount>} and {@code done <id> <pid> <nanos>} around
 *       each delivery (the handler waits {@code handleMs} in between), {@code cancel <id> <pid> <nanos>}
 *       when the processor cancels one (its lease was lost);</li>
 *   <li>{@code role <role> <fence> <pid> <nanos>} at each change of the processor's role;</li>
 *   <li>{@code write <fence> <id> ok|refused|failed <pid> <nanos>} for each checkpoint write;</li>
 *   <li>{@code terminated ok <pid>} or {@code terminated <exception class> <pid> <message>} when the
 *       processor ends.</li>
 * </ul>
 * A line {@code stop} on standard input stops the processor and exits.
 */
public final class FeedWorker {

    private FeedWorker() {
    }

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        long pid = ProcessHandle.current().pid();
        UnavailablePolicy policy = UnavailablePolicy.valueOf(args[4]);
        RedisSharedState.Builder fleet = RedisSharedState.builder(args[2]).keyPrefix(args[3]).whenUnavailable(policy)
                .commandTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(5)).probeInterval(Duration.ofMillis(100));
        if (policy == UnavailablePolicy.LOCAL_FALLBACK) {
            fleet.expectedInstances(2);
        }
        Duration handle = Duration.ofMillis(Long.parseLong(args[7]));
        try (RedisSharedState state = fleet.build();
             EndocsClient client = EndocsClient.builder().baseUrl(args[0]).token(Secret.of("token", args[1]))
                     .rateLimits(RateLimitSettings.unlimited()).retry(RetrySettings.none()).sharedState(state).build()) {
            FeedProcessor processor = client.feeds().newContracts().process(
                    d -> Mono.<Void>fromRunnable(() -> print("start " + d.id() + " " + pid + " " + System.nanoTime() + " " + d.deliveryCount()))
                            .then(Mono.delay(handle))
                            .then(Mono.<Void>fromRunnable(() -> print("done " + d.id() + " " + pid + " " + System.nanoTime())))
                            .doOnCancel(() -> print("cancel " + d.id() + " " + pid + " " + System.nanoTime())),
                    ProcessorOptions.defaults()
                            .store(new Recording(state.checkpointStore(), pid))
                            .owner("replica-" + pid)
                            .leaseTtl(Duration.ofMillis(Long.parseLong(args[5])))
                            .pollInterval(Duration.ofMillis(Long.parseLong(args[6]))));
            processor.terminated().subscribe(x -> { }, e -> print("terminated " + e.getClass().getSimpleName() + " " + pid + " " + e.getMessage()
                    + (e.getCause() == null ? "" : " (cause " + e.getCause() + ")")),
                    () -> print("terminated ok " + pid));
            Thread roles = new Thread(() -> watchRole(processor, pid), "role-watch");
            roles.setDaemon(true);
            roles.start();
            print("ready " + pid);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            String line;
            while ((line = in.readLine()) != null && !line.equals("stop")) {
                // wait for "stop"
            }
            processor.stop().block(Duration.ofSeconds(20));
            print("stopped " + pid);
        }
        System.exit(0);
    }

    private static void watchRole(FeedProcessor processor, long pid) {
        String last = "";
        while (true) {
            var status = processor.status();
            String now = status.role() + " " + status.fence();
            if (!now.equals(last)) {
                print("role " + now + " " + pid + " " + System.nanoTime());
                last = now;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    static synchronized void print(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The fleet's store, printing the outcome of every checkpoint write. */
    private record Recording(CheckpointStore store, long pid) implements CheckpointStore {

        @Override
        public Mono<Lease> claim(String name, String owner, Duration ttl) {
            return store.claim(name, owner, ttl);
        }

        @Override
        public Mono<Void> release(Lease lease) {
            return store.release(lease);
        }

        @Override
        public Mono<Long> read(String name) {
            return store.read(name);
        }

        @Override
        public Mono<Void> write(Lease lease, long id) {
            return store.write(lease, id)
                    .doOnSuccess(x -> print("write " + lease.fence() + " " + id + " ok " + pid + " " + System.nanoTime()))
                    .doOnError(e -> print("write " + lease.fence() + " " + id + " " + (e instanceof LeaseLostException ? "refused" : "failed")
                            + " " + pid + " " + System.nanoTime()));
        }
    }
}
