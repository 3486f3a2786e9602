package dev.volga.transport.internal;

import dev.volga.api.ApiError;
import dev.volga.api.ApiException;
import dev.volga.api.AuthenticationException;
import dev.volga.api.SharedStateException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Single-flight token cache: however many callers ask at once, at most one login is in flight;
 * a token within {@code skew} of its expiry counts as expired; a failed login fails every waiter
 * and leaves no state behind, so the next call logs in again; {@link #invalidate} drops only the
 * token that was actually rejected.
 *
 * @param <K> the token type
 */
public final class TokenManager<K> {

    private record State<K>(K token, Mono<K> inflight) { }

    private final AtomicReference<State<K>> state = new AtomicReference<>(new State<>(null, null));
    private final Function<String, Mono<K>> login;
    /** Set when {@link #invalidate} dropped the cached token: the next login is a re-login after a rejection. */
    private volatile boolean rejected;
    /** The last token a server refused, and how many refusals were seen: see {@link #startLogin}. */
    private volatile K refusedToken;
    private final java.util.concurrent.atomic.AtomicLong refusals = new java.util.concurrent.atomic.AtomicLong();
    private final Function<K, Instant> expiry;
    private final Duration skew;
    private final Scheduler clock;
    private final String provider;
    private final Function<String, String> scrub;

    /**
     * @param provider provider name for errors
     * @param login performs one login; given why: {@code initial}, {@code expiring} (the token is
     *              within the skew of its expiry), {@code expired} or {@code rejected} (after
     *              {@link #invalidate})
     * @param expiry a token's expiry, or null for never
     * @param skew how long before expiry a token is refreshed
     * @param clock time source ({@code now})
     * @param scrub masks secrets in error messages
     */
    public TokenManager(String provider, Function<String, Mono<K>> login, Function<K, Instant> expiry, Duration skew,
                        Scheduler clock, Function<String, String> scrub) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.login = Objects.requireNonNull(login, "login");
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.skew = Objects.requireNonNull(skew, "skew");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scrub = Objects.requireNonNull(scrub, "scrub");
    }

    /**
     * @return a fresh token: the cached one, the one being fetched, or a new login's
     */
    public Mono<K> current() {
        return Mono.defer(this::fetch);
    }

    /**
     * @return the cached token if it is fresh, else null ({@link #current} then logs in or joins
     *         the login under way); no {@code Mono} for the common case
     */
    public K fresh() {
        State<K> s = state.get();
        return s.token != null && isFresh(s.token) ? s.token : null;
    }

    private Mono<K> fetch() {
        while (true) {
            State<K> s = state.get();
            if (s.token != null && isFresh(s.token)) {
                return Mono.just(s.token);
            }
            if (s.inflight != null) {
                return s.inflight;
            }
            Sinks.One<K> sink = Sinks.one();
            // the waiters go on on the clock's threads, not on the event loop the login's response
            // came in on: with Reactor Netty's colocated loops, a burst of waiters resumed on one
            // loop would open all of its new connections on that loop, and the client would run on
            // one core from then on (issue 19's overhead profile: Clodo at 16 callers, 97% of the
            // client's CPU on one of four loops)
            Mono<K> shared = sink.asMono().publishOn(clock);
            if (state.compareAndSet(s, new State<>(null, shared))) {
                startLogin(sink, shared, reason(s.token));
                return shared;
            }
        }
    }

    private String reason(K stale) {
        if (stale != null) {
            Instant expiresAt = expiry.apply(stale);
            return expiresAt != null && Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS)).isBefore(expiresAt)
                    ? "expiring" : "expired";
        }
        if (rejected) {
            rejected = false;
            return "rejected";
        }
        return "initial";
    }

    /**
     * Runs one login for every waiter. A login that began before a refusal may end with the very
     * token that was refused (a shared store can hand it out until the refusal reaches it): such a
     * token is never handed to the waiters, who would be replayed with it and refused again; the
     * login is run once more instead (with the reason {@code rejected}). One more at most, so a
     * server that answers a login with the same token cannot loop it.
     */
    private void startLogin(Sinks.One<K> sink, Mono<K> shared, String reason) {
        long refusalsAtStart = refusals.get();
        Mono<K> attempt = attempt(reason).flatMap(token -> refusals.get() != refusalsAtStart && token.equals(refusedToken)
                ? attempt("rejected") : Mono.just(token));
        attempt.switchIfEmpty(Mono.error(() -> new IllegalStateException("login completed without a token")))
                .subscribe(token -> {
                    replace(shared, token);
                    sink.tryEmitValue(token);
                }, error -> {
                    replace(shared, null);
                    sink.tryEmitError(asAuthError(error));
                });
    }

    private Mono<K> attempt(String reason) {
        try {
            return Objects.requireNonNull(login.apply(reason), "login returned null");
        } catch (RuntimeException e) {
            return Mono.error(e);
        }
    }

    private void replace(Mono<K> shared, K token) {
        State<K> s;
        do {
            s = state.get();
            if (s.inflight != shared) {
                return;
            }
        } while (!state.compareAndSet(s, new State<>(token, null)));
    }

    private ApiException asAuthError(Throwable error) {
        if (error instanceof AuthenticationException || error instanceof SharedStateException) {
            return (ApiException) error;
        }
        ApiError.Builder b = ApiError.builder(provider).message("login failed: " + scrub.apply(String.valueOf(error.getMessage())));
        if (error instanceof ApiException api) {
            b.httpStatus(api.httpStatus()).code(api.error().code()).requestId(api.error().requestId());
        }
        return new AuthenticationException(b.build(), error);
    }

    /**
     * Drops {@code used} if it is still the cached token; a newer token fetched meanwhile by
     * another request is kept.
     *
     * @param used the token a rejected request carried
     */
    public void invalidate(K used) {
        refusedToken = Objects.requireNonNull(used, "used");
        refusals.incrementAndGet();
        State<K> s = state.get();
        if (s.token != null && s.token.equals(used) && state.compareAndSet(s, new State<>(null, null))) {
            rejected = true;
        }
    }

    private boolean isFresh(K token) {
        Instant expiresAt = expiry.apply(token);
        if (expiresAt == null) {
            return true;
        }
        Instant now = Instant.ofEpochMilli(clock.now(TimeUnit.MILLISECONDS));
        return now.isBefore(expiresAt.minus(skew));
    }
}
