package dev.volga.redis;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another replica, in its own JVM (started by {@link ChildJvm} on the module path). It prints one line
 * {@code done <ok> <failed>} and exits, or blocks until killed.
 *
 * <ul>
 *   <li>{@code endocs <baseUrl> <token> <redisUri> <requests> <perSecond>}: that many EnDocs calls
 *       through fleet mode at once, with the given quota;</li>
 *   <li>{@code clodo-login <authUrl> <user> <key> <redisUri> <lockTimeoutMs>}: one Clodo call, whose
 *       login takes the fleet's login lock; the test kills this JVM while it waits for the login.</li>
 *   <li>{@code clodo-fleet <authUrl> <user> <key> <redisUri> <replicas> <calls>}: that many Clodo
 *       replicas; prints {@code ready} after one call each, then for every {@code round} line on its
 *       standard input makes that many calls at once across them and prints {@code ok <ok> <failed>};
 *       exits on {@code exit}.</li>
 * </ul>
 */
public final class FleetWorker {

    private FleetWorker() {
    }

    /**
     * @param args see the class comment
     */
    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "endocs" -> endocs(args);
            case "clodo-login" -> clodoLogin(args);
            case "clodo-fleet" -> clodoFleet(args);
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    private static void endocs(String[] args) throws java.io.IOException {
        int requests = Integer.parseInt(args[4]);
        int perSecond = Integer.parseInt(args[5]);
        AtomicInteger failed = new AtomicInteger();
        try (RedisSharedState state = RedisSharedState.builder(args[3]).keyPrefix("two-jvm").commandTimeout(Fleet.TEST_TIMEOUT)
                .connectTimeout(Duration.ofSeconds(10)).build();
             EndocsClient client = EndocsClient.builder().baseUrl(args[1]).token(Secret.of("token", args[2]))
                     .rateLimits(RateLimitSettings.of(dev.volga.api.RateLimit.of(perSecond, Duration.ofSeconds(1))))
                     .retry(RetrySettings.none()).sharedState(state).build()) {
            client.account().info().block(Duration.ofSeconds(30)); // warm, as a long-running replica is
            System.out.println("ready");
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in)).readLine();
            long ok = Flux.range(0, requests)
                    .flatMap(i -> client.account().info().onErrorResume(e -> {
                        failed.incrementAndGet();
                        System.out.println("error " + e);
                        return reactor.core.publisher.Mono.empty();
                    }), requests)
                    .count().block(Duration.ofMinutes(2));
            System.out.println("done " + ok + " " + failed.get());
        }
    }

    private static void clodoLogin(String[] args) throws InterruptedException {
        RedisSharedState state = RedisSharedState.builder(args[4]).keyPrefix("lock-test").commandTimeout(Fleet.TEST_TIMEOUT).connectTimeout(Duration.ofSeconds(10))
                .lockTimeout(Duration.ofMillis(Long.parseLong(args[5]))).build();
        ClodoClient client = ClodoClient.builder().authUrl(args[1]).user(args[2]).key(Secret.of("key", args[3]))
                .rateLimits(RateLimitSettings.unlimited()).sharedState(state).build();
        System.out.println("ready");
        client.servers().list().subscribe(s -> { }, e -> System.out.println("error " + e));
        Thread.sleep(Long.MAX_VALUE);
    }

    private static void clodoFleet(String[] args) throws java.io.IOException {
        int replicas = Integer.parseInt(args[5]);
        int calls = Integer.parseInt(args[6]);
        java.util.List<RedisSharedState> states = new java.util.ArrayList<>();
        java.util.List<ClodoClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < replicas; i++) {
                states.add(RedisSharedState.builder(args[4]).keyPrefix(FleetLoginExpiryTest.PREFIX).commandTimeout(Fleet.TEST_TIMEOUT).pollInterval(Duration.ofMillis(50))
                        .connectTimeout(Duration.ofSeconds(10)).build());
                clients.add(FleetLoginExpiryTest.client(args[1], args[2], args[3], states.get(i)));
                clients.get(i).servers().list().collectList().block(Duration.ofSeconds(30));
            }
            System.out.println("ready");
            java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
            String line;
            while ((line = in.readLine()) != null && line.equals("round")) {
                System.out.println(FleetLoginExpiryTest.round(clients, calls));
            }
        } finally {
            clients.forEach(ClodoClient::close);
            states.forEach(RedisSharedState::close);
        }
    }
}
