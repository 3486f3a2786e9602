package dev.volga.benchmarks;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.FeedProcessor;
import dev.volga.endocs.ProcessorOptions;
import dev.volga.redis.RedisSharedState;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * One replica of a service that processes EnDocs' new-contracts feed in fleet mode, in its own JVM,
 * for {@link FeedBench}'s SIGKILL rounds. Arguments: {@code <baseUrl> <token> <redisUri> <leaseTtlMs>
 * <pollMs>}. Prints {@code ready}, then {@code role <role> <nanoTime>} at each change of role and
 * {@code done <id> <nanoTime>} for each item; runs until killed.
 */
public final class FeedReplica {

    private FeedReplica() {
    }

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        RedisSharedState state = RedisSharedState.builder(args[2]).keyPrefix("bench-feed").build();
        EndocsClient client = EndocsClient.builder().baseUrl(args[0]).token(Secret.of("token", args[1]))
                .rateLimits(RateLimitSettings.unlimited()).sharedState(state).build();
        FeedProcessor processor = client.feeds().newContracts().process(
                d -> Mono.<Void>fromRunnable(() -> out("done " + d.id() + " " + System.nanoTime())),
                ProcessorOptions.defaults().owner("bench-" + ProcessHandle.current().pid())
                        .leaseTtl(Duration.ofMillis(Long.parseLong(args[3])))
                        .pollInterval(Duration.ofMillis(Long.parseLong(args[4]))));
        out("ready");
        FeedProcessor.Role last = null;
        while (true) {
            FeedProcessor.Role role = processor.status().role();
            if (role != last) {
                out("role " + role + " " + System.nanoTime());
                last = role;
            }
            Thread.sleep(5);
        }
    }

    private static synchronized void out(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
