package dev.volga.redis;

import dev.volga.api.Secret;
import dev.volga.testkit.RedisServer;
import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.SharedState;
import dev.volga.transport.spi.TokenStore;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21, item 11, the race itself, made deterministic: instance B finds no token and asks for the
 * login lock; before its request reaches Redis, instance A (holding the lock) stores its new token and
 * releases the lock. B then gets the lock, and must use A's token instead of logging in a second time.
 * A TCP proxy between B and Redis holds B's lock request until A is done.
 */
class LoginRaceTest {

    private static final SharedState.Scope SCOPE = SharedState.Scope.of("clodo", Secret.of("key", "login-race-key"));
    private static final Duration SKEW = Duration.ofSeconds(1);

    @Test
    void anInstanceThatGetsTheLockAfterAnotherLoggedInUsesThatToken() throws Exception {
        try (RedisServer redis = RedisServer.start();
             GatedProxy proxy = new GatedProxy(redis.port(), "login-lock");
             RedisSharedState direct = RedisSharedState.builder(redis.uri()).keyPrefix("race")
                     .commandTimeout(Duration.ofSeconds(30)).connectTimeout(Duration.ofSeconds(10)).build();
             RedisSharedState gated = RedisSharedState.builder("redis://127.0.0.1:" + proxy.port()).keyPrefix("race")
                     .commandTimeout(Duration.ofSeconds(30)).connectTimeout(Duration.ofSeconds(10)).build()) {
            TokenStore a = direct.tokenStore(SCOPE);
            TokenStore b = gated.tokenStore(SCOPE);
            AccessToken old = token("old");
            a.invalidate(old).block(Duration.ofSeconds(10)); // connections and scripts ready
            b.invalidate(old).block(Duration.ofSeconds(10));

            Sinks.One<AccessToken> aLogin = Sinks.one();
            CompletableFuture<AccessToken> aGot = a.token(SKEW, aLogin.asMono()).toFuture();
            awaitTrue(() -> redis.command("EXISTS", "race:{" + SCOPE.provider() + ":" + SCOPE.credential() + "}:login-lock").equals(":1"),
                    "A holds the login lock");

            AtomicInteger bLogins = new AtomicInteger();
            CompletableFuture<AccessToken> bGot = b.token(SKEW, Mono.fromCallable(() -> {
                bLogins.incrementAndGet();
                return token("b");
            })).toFuture();
            awaitTrue(() -> proxy.held.get() > 0, "B found no token and asked for the lock");

            AccessToken fresh = token("a");
            aLogin.tryEmitValue(fresh);
            assertThat(aGot.get(10, TimeUnit.SECONDS).value().reveal()).isEqualTo(fresh.value().reveal());
            awaitTrue(() -> redis.command("KEYS", "race:*:login-lock").equals("*0"), "A stored its token and released the lock");

            proxy.open();
            AccessToken got = bGot.get(10, TimeUnit.SECONDS);
            assertThat(bLogins).as("B logged in although A had just stored a token").hasValue(0);
            assertThat(got.value().reveal()).isEqualTo(fresh.value().reveal());
            assertThat(redis.command("KEYS", "race:*:login-lock")).as("B released the lock it took").isEqualTo("*0");
        }
    }

    private static AccessToken token(String name) {
        return new AccessToken(Secret.of("token", "race-token-" + name), Instant.now().plus(Duration.ofMinutes(10)), null);
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void awaitTrue(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    /**
     * A loopback TCP proxy to Redis that holds every client write containing {@code marker} until
     * {@link #open()}; everything else passes at once.
     */
    static final class GatedProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final byte[] marker;
        private final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger held = new AtomicInteger();
        private final List<Socket> sockets = new CopyOnWriteArrayList<>();

        GatedProxy(int target, String marker) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.target = target;
            this.marker = marker.getBytes(StandardCharsets.UTF_8);
            daemon(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        void open() {
            gate.countDown();
        }

        private void accept() {
            try {
                while (true) {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    sockets.add(client);
                    sockets.add(upstream);
                    daemon(() -> pump(client, upstream, true));
                    daemon(() -> pump(upstream, client, false));
                }
            } catch (IOException closed) {
                // the proxy is closed
            }
        }

        private void pump(Socket from, Socket to, boolean gated) {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (gated && gate.getCount() > 0 && contains(buffer, n)) {
                        held.incrementAndGet();
                        gate.await(30, TimeUnit.SECONDS);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException closed) {
                // one side closed
            } finally {
                close(from);
                close(to);
            }
        }

        private boolean contains(byte[] buffer, int n) {
            outer:
            for (int i = 0; i + marker.length <= n; i++) {
                for (int j = 0; j < marker.length; j++) {
                    if (buffer[i + j] != marker[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        private static void daemon(Runnable r) {
            Thread t = new Thread(r, "gated-proxy");
            t.setDaemon(true);
            t.start();
        }

        private static void close(Socket s) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing
            }
        }

        @Override
        public void close() throws IOException {
            gate.countDown();
            server.close();
            sockets.forEach(GatedProxy::close);
        }
    }
}
