package dev.volga.redis;

import dev.volga.testkit.RedisServer;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.testkit.FaultRule;
import dev.volga.testkit.NoLeaks;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.clodo.ClodoStub;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** One Clodo login for the whole fleet: at expiry, and when the instance holding the lock dies. */
@ExtendWith(NoLeaks.class)
class FleetLoginTest {

    private static final String USER = "fleet";
    private static final String KEY = "fleet-api-key-0123456789";

    private static ClodoClient client(ClodoStub stub, RedisSharedState state) {
        return ClodoClient.builder().authUrl(stub.authUrl()).user(USER).key(Secret.of("key", KEY))
                .rateLimits(RateLimitSettings.unlimited()).refreshSkew(Duration.ofSeconds(1)).sharedState(state).build();
    }

    @Test
    void fourInstancesAtTokenExpiryLogInOnceAndNoneSeesA401() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ClodoStub stub = ClodoStub.builder().user(USER, KEY).tokenLifetime(Duration.ofSeconds(4)).start()) {
            List<RedisSharedState> states = new ArrayList<>();
            List<ClodoClient> clients = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                states.add(RedisSharedState.builder(redis.uri()).keyPrefix("login-test").commandTimeout(Fleet.TEST_TIMEOUT).build());
                clients.add(client(stub, states.get(i)));
            }
            try {
                clients.get(0).servers().list().collectList().block(Duration.ofSeconds(10));
                for (int i = 1; i < 4; i++) {
                    clients.get(i).servers().list().collectList().block(Duration.ofSeconds(10));
                }
                assertThat(stub.logins()).as("the other three used the first one's token").isEqualTo(1);

                // the token (4 s) is now within the refresh skew (1 s) of its expiry for every instance;
                // the next token lives 20 min, so that a slow run sees no second refresh
                stub.tokenLifetime(Duration.ofMinutes(20));
                Thread.sleep(3_200);
                List<?> answers = Flux.range(0, 1000)
                        .flatMap(i -> clients.get(i % 4).servers().list().collectList(), 1000)
                        .collectList().block(Duration.ofSeconds(30));

                assertThat(answers).hasSize(1000);
                assertThat(stub.logins()).as("logins across the fleet: the first, and one at expiry").isEqualTo(2);
                stub.verify().noStaleToken();

                Set<String> tokens = stub.journal().stream().map(r -> r.header("X-Auth-Token").orElse(""))
                        .filter(t -> !t.isEmpty()).collect(Collectors.toSet());
                String stored = redis.command("KEYS", "login-test:*");
                assertThat(stored).contains(":token");
                String tokenKey = stored.lines().filter(l -> l.endsWith(":token")).findFirst().orElseThrow();
                String value = redis.command("GET", tokenKey);
                assertThat(value).as("a token is stored sealed").isNotBlank();
                for (String token : tokens) {
                    assertThat(value).doesNotContain(token);
                }
            } finally {
                clients.forEach(ClodoClient::close);
                states.forEach(RedisSharedState::close);
            }
        }
    }

    @Test
    void whenTheLockHolderDiesMidLoginAnotherInstanceLogsInAfterTheLockExpires() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ClodoStub stub = ClodoStub.builder().user(USER, KEY).start()) {
            // the first login hangs: the other JVM takes the lock, sends its login and is killed
            stub.faults().inject(FaultRule.latency(Duration.ofSeconds(60)).on("GET", "/").times(1));
            // long enough for a cold child JVM on a loaded machine to get from its lock to its login
            long lockMillis = 8_000;
            Instant killedAt;
            try (ChildJvm holder = ChildJvm.start("clodo-login", stub.authUrl(), USER, KEY, redis.uri(), Long.toString(lockMillis))) {
                holder.await("ready", 30);
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (stub.requests("GET", "/").isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                assertThat(stub.requests("GET", "/")).as("the holder's login reached the stub").hasSize(1);
                holder.kill();
                killedAt = Instant.now();
            }
            String lockKey = redis.command("KEYS", "lock-test:*:login-lock");
            assertThat(lockKey).as("the dead holder's lock is still there").contains(":login-lock");
            long lockLeft = Long.parseLong(redis.command("PTTL", lockKey.lines().skip(1).findFirst().orElseThrow()).substring(1));
            assertThat(lockLeft).isPositive();

            // the survivors poll only every 30 s: what brings them in is the end of the dead holder's lock
            try (RedisSharedState a = RedisSharedState.builder(redis.uri()).keyPrefix("lock-test").lockTimeout(Duration.ofMillis(lockMillis))
                         .pollInterval(Duration.ofSeconds(30)).commandTimeout(Fleet.TEST_TIMEOUT).build();
                 RedisSharedState b = RedisSharedState.builder(redis.uri()).keyPrefix("lock-test").lockTimeout(Duration.ofMillis(lockMillis))
                         .pollInterval(Duration.ofSeconds(30)).commandTimeout(Fleet.TEST_TIMEOUT).build();
                 ClodoClient first = client(stub, a);
                 ClodoClient second = client(stub, b)) {
                List<?> answers = Flux.range(0, 100)
                        .flatMap(i -> (i % 2 == 0 ? first : second).servers().list().collectList(), 100)
                        .collectList().block(Duration.ofSeconds(30));

                assertThat(answers).as("no request hangs").hasSize(100);
                List<RecordedRequest> logins = stub.requests("GET", "/");
                assertThat(logins).as("the dead holder's login, then exactly one by a survivor").hasSize(2);
                assertThat(logins.get(1).receivedAt())
                        .as("the survivors waited for the dead holder's lock to expire (it had " + lockLeft + " ms left)")
                        .isAfterOrEqualTo(killedAt.plusMillis(lockLeft - 50));
                // the dead holder costs at most its lock's life: a survivor logs in when it ends (the bound
                // is generous, one more lock timeout, for a loaded machine; the poll alone would take 30 s)
                long late = Duration.between(killedAt.plusMillis(lockLeft), logins.get(1).receivedAt()).toMillis();
                System.out.println("FleetLoginTest: a survivor logged in " + late + " ms after the dead holder's lock expired");
                assertThat(logins.get(1).receivedAt()).as("a survivor logged in once the dead holder's lock expired")
                        .isBefore(killedAt.plusMillis(lockLeft + lockMillis));
            }
        }
    }
}
