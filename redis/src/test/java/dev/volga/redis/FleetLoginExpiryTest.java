package dev.volga.redis;

import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RedisServer;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, item 11: four Clodo replicas in two JVMs share one login through Redis; the stub's clock
 * is moved past the tokens' life 50 times, each time with calls in flight on every replica, and each
 * expiry costs exactly one login across the fleet.
 *
 * <p>Every call succeeds (a 401, a login, a replay): a round where one did not is printed with the
 * stub's journal and fails the test. About one call in 1,200 used to be replayed with the refused
 * token, read back from Redis by a login that raced the refusal (see TokenManager).
 */
@ExtendWith(NoLeaks.class)
class FleetLoginExpiryTest {

    static final String PREFIX = "login-expiry";
    private static final String USER = "fleet";
    private static final String KEY = "fleet-api-key-0123456789";
    private static final int EXPIRIES = 50;
    private static final int CALLS = 12;

    static ClodoClient client(String authUrl, String user, String key, RedisSharedState state) {
        return ClodoClient.builder().authUrl(authUrl).user(user).key(Secret.of("key", key))
                .rateLimits(RateLimitSettings.unlimited()).refreshSkew(Duration.ofSeconds(1)).sharedState(state).build();
    }

    /** {@code calls} calls at once across the clients; returns "ok &lt;ok&gt; &lt;failed&gt;" and the first error. */
    static String round(List<ClodoClient> clients, int calls) {
        AtomicLong failed = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> first = new java.util.concurrent.atomic.AtomicReference<>("");
        long ok = Flux.range(0, calls)
                .flatMap(i -> clients.get(i % clients.size()).servers().list().collectList()
                        .onErrorResume(e -> {
                            failed.incrementAndGet();
                            first.compareAndSet("", " " + e);
                            return Mono.empty();
                        }), calls)
                .count().block(Duration.ofSeconds(30));
        return "ok " + ok + " " + failed.get() + first.get();
    }

    @Test
    void everyExpiryCostsExactlyOneLoginAcrossFourReplicasInTwoJvms() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ClodoStub stub = ClodoStub.builder().user(USER, KEY).start()) {
            List<RedisSharedState> states = new ArrayList<>();
            List<ClodoClient> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    states.add(RedisSharedState.builder(redis.uri()).keyPrefix(PREFIX).commandTimeout(Fleet.TEST_TIMEOUT).pollInterval(Duration.ofMillis(50))
                            .connectTimeout(Duration.ofSeconds(10)).build());
                    clients.add(client(stub.authUrl(), USER, KEY, states.get(i)));
                    clients.get(i).servers().list().collectList().block(Duration.ofSeconds(10));
                }
                try (ChildJvm other = ChildJvm.start("clodo-fleet", stub.authUrl(), USER, KEY, redis.uri(), "2", Integer.toString(CALLS))) {
                    other.await("ready", 60);
                    assertThat(stub.logins()).as("the other three used the first one's token").isEqualTo(1);

                    List<Integer> loginsPerExpiry = new ArrayList<>();
                    List<String> failures = new ArrayList<>();
                    for (int expiry = 1; expiry <= EXPIRIES; expiry++) {
                        int before = stub.logins();
                        List<dev.volga.testkit.RecordedRequest> sofar = stub.journal();
                        long lastSeq = sofar.isEmpty() ? 0 : sofar.get(sofar.size() - 1).sequence();
                        // every token handed out so far is now past its 20 minutes at the stub
                        stub.advanceClock(Duration.ofMinutes(21));
                        other.send("round");
                        CompletableFuture<String> mine = CompletableFuture.supplyAsync(() -> round(clients, CALLS));
                        String theirs = other.await("ok", 30);
                        String here = mine.get();
                        if (!here.equals("ok " + CALLS + " 0") || !theirs.equals("ok " + CALLS + " 0")) {
                            failures.add("expiry " + expiry + ": here " + here + "; there " + theirs);
                            System.out.println("FleetLoginExpiryTest: expiry " + expiry + " journal: " + journal(stub, lastSeq));
                        }
                        loginsPerExpiry.add(stub.logins() - before);
                    }
                    System.out.println("FleetLoginExpiryTest: logins per expiry " + loginsPerExpiry + "; rounds with a failed call: " + failures);
                    assertThat(loginsPerExpiry).as("logins per expiry, across the four replicas").hasSize(EXPIRIES).containsOnly(1);
                    assertThat(failures).as("rounds with a failed call").isEmpty();
                    other.send("exit");
                }
            } finally {
                clients.forEach(ClodoClient::close);
                states.forEach(RedisSharedState::close);
            }
        }
    }

    /** The stub's journal, tokens shown as ordinals of first appearance (never their value). */
    private static String journal(ClodoStub stub, long after) {
        java.util.Map<String, Integer> ids = new java.util.HashMap<>();
        StringBuilder sb = new StringBuilder();
        for (dev.volga.testkit.RecordedRequest r : stub.journal()) {
            String t = r.header("X-Auth-Token").orElse("");
            if (r.sequence() <= after) {
                ids.computeIfAbsent(t, k -> ids.size());
                continue;
            }
            sb.append(r.sequence()).append(':').append(r.path().equals("/") ? "LOGIN" : "t" + ids.computeIfAbsent(t, k -> ids.size()))
                    .append(' ');
        }
        return sb.toString();
    }
}
