package dev.volga.transport.internal;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The single-flight token cache around a refusal (issue 21, item 11): a login that began before a
 * token was refused must not hand that token to the requests replayed after the refusal.
 */
class TokenManagerTest {

    /** Logins answered by hand: each call to the login function waits for the test to complete it. */
    private static final class Logins implements Function<String, Mono<String>> {
        final List<Sinks.One<String>> pending = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        @Override
        public synchronized Mono<String> apply(String reason) {
            reasons.add(reason);
            Sinks.One<String> sink = Sinks.one();
            pending.add(sink);
            return sink.asMono();
        }

        synchronized void answer(int index, String token) {
            pending.get(index).tryEmitValue(token);
        }
    }

    private static TokenManager<String> manager(Logins logins) {
        return new TokenManager<>("test", logins, token -> null, Duration.ZERO, Schedulers.immediate(), Function.identity());
    }

    @Test
    void aLoginThatBeganBeforeTheRefusalAndEndsWithTheRefusedTokenLogsInOnceMore() {
        Logins logins = new Logins();
        TokenManager<String> tokens = manager(logins);
        Mono<String> first = tokens.current().cache();
        first.subscribe();
        assertThat(logins.reasons).containsExactly("initial");
        // the token is refused (by another request that got it from a shared store) while the login
        // that will return it is still in flight
        tokens.invalidate("t1");
        Mono<String> replay = tokens.current().cache();
        replay.subscribe();
        logins.answer(0, "t1");
        assertThat(logins.reasons).as("a second login, not the refused token").containsExactly("initial", "rejected");
        logins.answer(1, "t2");
        assertThat(first.block(Duration.ofSeconds(1))).isEqualTo("t2");
        assertThat(replay.block(Duration.ofSeconds(1))).isEqualTo("t2");
        assertThat(tokens.current().block(Duration.ofSeconds(1))).isEqualTo("t2");
    }

    @Test
    void aLoginAfterTheRefusalIsTrustedEvenIfItReturnsTheSameToken() {
        Logins logins = new Logins();
        TokenManager<String> tokens = manager(logins);
        Mono<String> first = tokens.current();
        first.subscribe();
        logins.answer(0, "t1");
        tokens.invalidate("t1");
        Mono<String> again = tokens.current().cache();
        again.subscribe();
        assertThat(logins.reasons).containsExactly("initial", "rejected");
        logins.answer(1, "t1");
        assertThat(again.block(Duration.ofSeconds(1))).isEqualTo("t1");
        assertThat(logins.reasons).as("no loop of logins").hasSize(2);
    }
    @Test
    void waitersOfALoginGoOnOnTheClocksThreadsNotOnTheThreadTheLoginEndedOn() throws Exception {
        Logins logins = new Logins();
        reactor.core.scheduler.Scheduler clock = Schedulers.newParallel("clock", 4);
        try {
            TokenManager<String> tokens = new TokenManager<>("test", logins, token -> null, Duration.ZERO, clock,
                    Function.identity());
            List<Mono<String>> waiters = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Mono<String> waiter = tokens.current().map(t -> Thread.currentThread().getName()).cache();
                waiter.subscribe();
                waiters.add(waiter);
            }
            assertThat(logins.reasons).as("one login for all").containsExactly("initial");
            assertThat(tokens.fresh()).as("no token yet").isNull();
            // the login's response comes in on a thread of its own, as on an event loop
            Thread loop = new Thread(() -> logins.answer(0, "t1"), "login-loop");
            loop.start();
            loop.join();
            List<String> threads = new ArrayList<>();
            for (Mono<String> waiter : waiters) {
                threads.add(waiter.block(Duration.ofSeconds(5)));
            }
            assertThat(threads).allMatch(name -> name.startsWith("clock-"), "a clock thread");
            assertThat(new java.util.HashSet<>(threads)).as("spread over the clock's threads").hasSizeGreaterThan(1);
            assertThat(tokens.fresh()).isEqualTo("t1");
            tokens.invalidate("t1");
            assertThat(tokens.fresh()).as("a refused token is not at hand").isNull();
        } finally {
            clock.dispose();
        }
    }
}
