package dev.volga.redis.internal;

import dev.volga.api.SharedStateException;
import dev.volga.redis.UnavailablePolicy;
import dev.volga.transport.spi.AccessToken;
import dev.volga.transport.spi.SharedState;
import dev.volga.transport.spi.TokenStore;
import io.lettuce.core.SetArgs;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A credential's token shared by the fleet: the sealed token under one key with its expiry as TTL,
 * and one login at a time across every instance through a lock with expiry ({@code SET NX PX}).
 *
 * <p>One login per expiry: an instance that takes the lock looks for the token once more before it
 * logs in, because the token it found missing may have been stored, and the lock released, by another
 * instance between its look and its lock (this race made two logins for one expiry). The holder stores
 * the token before it releases the lock, so the second look always sees it.
 *
 * <p>The instances that do not hold the lock wait for the token event, for the poll interval, or for
 * the lock's remaining life, whichever ends first: if the holder dies mid-login, another instance logs
 * in as soon as its lock expires, at most one lock timeout after it was taken.
 *
 * <p>A token this instance saw refused ({@link #invalidate}) is never taken from Redis again, even
 * before the delete reaches Redis: otherwise a login started meanwhile (by another request of this
 * instance) could read the refused token back, and a replay sent with it would fail.
 */
public final class RedisTokenStore implements TokenStore {

    private final RedisLink link;
    private final String provider;
    private final String tag;
    private final String tokenKey;
    private final String lockKey;
    private final TokenSeal seal;
    private final Duration lockTimeout;
    private final Duration pollInterval;
    /** Ids of the last tokens this instance saw refused (a few: one per expiry is the usual). */
    private final java.util.Map<String, Boolean> refused = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > 8;
                }
            });

    /**
     * @param link the Redis link
     * @param scope the credential
     * @param lockTimeout how long a login lock lives (the longest a login may take before another
     *                    instance tries)
     * @param pollInterval how often a waiting instance looks for the token if no event comes
     */
    public RedisTokenStore(RedisLink link, SharedState.Scope scope, Duration lockTimeout, Duration pollInterval) {
        this.link = Objects.requireNonNull(link, "link");
        this.provider = scope.provider();
        this.tag = Keys.tag(scope);
        String base = Keys.base(link.prefix(), scope);
        this.tokenKey = base + ":token";
        this.lockKey = base + ":login-lock";
        this.seal = new TokenSeal(scope.sealingKey(), tokenKey);
        this.lockTimeout = lockTimeout;
        this.pollInterval = pollInterval;
    }

    @Override
    public Mono<AccessToken> token(Duration minValidity, Mono<AccessToken> login) {
        Objects.requireNonNull(minValidity, "minValidity");
        Objects.requireNonNull(login, "login");
        // waiting for other instances is bounded: the lock expires, then this instance tries itself
        Duration bound = lockTimeout.multipliedBy(3).plus(pollInterval);
        return Mono.defer(() -> {
            if (link.isDown()) {
                return whenDown(login);
            }
            return lookup(minValidity, login)
                    .timeout(bound, Mono.error(() -> link.failure(provider, "token",
                            "no instance obtained a token within " + bound.toMillis() + " ms", null)), Schedulers.parallel())
                    .onErrorResume(SharedStateException.class, e -> link.policy() == UnavailablePolicy.LOCAL_FALLBACK && link.isDown()
                            ? login : Mono.error(e));
        });
    }

    private Mono<AccessToken> whenDown(Mono<AccessToken> login) {
        return link.policy() == UnavailablePolicy.LOCAL_FALLBACK ? login
                : Mono.error(link.failure(provider, "token", "it is unavailable", null));
    }

    private Mono<AccessToken> lookup(Duration minValidity, Mono<AccessToken> login) {
        return stored(minValidity)
                .switchIfEmpty(Mono.defer(() -> {
                    String holder = UUID.randomUUID().toString();
                    return link.call(provider, "login lock", c -> Mono.fromCompletionStage(() ->
                                    c.set(lockKey, holder, SetArgs.Builder.nx().px(lockTimeout.toMillis()))))
                            .map(ok -> true)
                            .defaultIfEmpty(false)
                            .flatMap(locked -> locked
                                    // another instance may have stored a token and released the lock
                                    // since this one looked: then it uses that token, no second login
                                    ? stored(minValidity)
                                            .flatMap(token -> release(holder).onErrorResume(e -> Mono.empty()).thenReturn(token))
                                            .switchIfEmpty(Mono.defer(() -> loginAndStore(login, holder)))
                                    : lockLeft().flatMap(this::awaitOther).then(Mono.defer(() -> lookup(minValidity, login))));
                }));
    }

    /** @return how long the login lock still lives (ms), 0 if it is gone, -1 if it has no expiry */
    private Mono<Long> lockLeft() {
        return link.call(provider, "login lock", c -> Mono.fromCompletionStage(() -> c.pttl(lockKey)))
                .map(left -> left == -2 ? 0L : left);
    }

    private Mono<Void> release(String holder) {
        return link.script(provider, RedisLink.Script.RELEASE, new String[] {lockKey}, holder).then();
    }

    private Mono<AccessToken> stored(Duration minValidity) {
        return link.call(provider, "token lookup", c -> Mono.fromCompletionStage(() -> c.get(tokenKey)))
                .filter(value -> {
                    int bar = value.indexOf('|');
                    return bar < 0 || !refused.containsKey(value.substring(0, bar));
                })
                .flatMap(value -> Mono.justOrEmpty(seal.open(value)))
                .filter(t -> t.expiresAt() == null || Instant.now().plus(minValidity).isBefore(t.expiresAt()));
    }

    private Mono<AccessToken> loginAndStore(Mono<AccessToken> login, String holder) {
        return login
                .flatMap(token -> store(token).onErrorResume(e -> Mono.empty()).thenReturn(token))
                .doFinally(signal -> release(holder).subscribe(r -> { }, e -> { }));
    }

    private Mono<Void> store(AccessToken token) {
        String value = seal.seal(token);
        Mono<String> set;
        if (token.expiresAt() == null) {
            set = link.call(provider, "token store", c -> Mono.fromCompletionStage(() -> c.set(tokenKey, value)));
        } else {
            long ttl = Duration.between(Instant.now(), token.expiresAt()).toMillis();
            if (ttl <= 0) {
                return Mono.empty();
            }
            set = link.call(provider, "token store", c -> Mono.fromCompletionStage(() -> c.set(tokenKey, value, SetArgs.Builder.px(ttl))));
        }
        return set.then(link.publish(provider, tag + " token"));
    }

    /**
     * Waits for the holder: its token event, the poll interval, or the end of its lock's life (plus a
     * millisecond), whichever comes first.
     *
     * @param lockLeftMillis how long the lock still lives, 0 if gone, negative if unknown
     */
    private Mono<Void> awaitOther(long lockLeftMillis) {
        long waitMillis = lockLeftMillis < 0 ? pollInterval.toMillis() : Math.min(pollInterval.toMillis(), lockLeftMillis + 1);
        Mono<String> event = link.events().filter(e -> e.equals(tag + " token")).next();
        return Mono.firstWithSignal(event.then(), Mono.delay(Duration.ofMillis(waitMillis), Schedulers.parallel()).then());
    }

    @Override
    public Mono<Void> invalidate(AccessToken used) {
        Objects.requireNonNull(used, "used");
        String id = TokenSeal.id(used);
        // at once, not when the delete is subscribed or done: a lookup in between must not use it
        refused.put(id, Boolean.TRUE);
        return Mono.defer(() -> link.isDown() ? Mono.<Void>empty()
                : link.script(provider, RedisLink.Script.RELEASE, new String[] {tokenKey}, id)
                        .onErrorResume(SharedStateException.class, e -> link.policy() == UnavailablePolicy.LOCAL_FALLBACK
                                ? Mono.empty() : Mono.error(e))
                        .then());
    }

    @Override
    public String toString() {
        return "RedisTokenStore[" + tag + ", " + link.endpoint() + "]";
    }
}
