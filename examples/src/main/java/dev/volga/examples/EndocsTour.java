package dev.volga.examples;

import dev.volga.api.ApiException;
import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.Secret;
import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.model.AccountUser;
import dev.volga.endocs.model.ClientInfo;
import dev.volga.testkit.endocs.EndocsStub;
import dev.volga.transport.Transport;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

/** EnDocs Cloud: the account, its users, a burst under the quota with no 429, a typed error. */
final class EndocsTour {

    private static final String P = "endocs";
    private static final Duration T = Duration.ofSeconds(30);
    /** Against the real API: a small read-only burst under the real 300/minute quota. */
    private static final int REAL_BURST = 10;

    private EndocsTour() {
    }

    static void run(Console c, DemoConfig.Target target, DemoConfig config, Transport transport) {
        if (target.real()) {
            EndocsClient.Builder b = EndocsClient.builder().transport(transport).token(target.secret());
            if (target.url() != null) {
                b.baseUrl(target.url());
            }
            try (EndocsClient client = b.build()) {
                walk(c, client, null);
                burst(c, client, null, REAL_BURST, "the real quota, 300/minute");
            }
            return;
        }
        int perSecond = config.burstPerSecond();
        // the stub tolerates a little jitter (half a second's worth back to back), as a real bucket would
        try (EndocsStub stub = EndocsStub.start().quota(perSecond, Duration.ofSeconds(1), Math.max(2, perSecond / 2));
             EndocsClient client = EndocsClient.builder().transport(transport)
                     .baseUrl(stub.baseUrl()).token(Secret.of("token", stub.token()))
                     .rateLimits(RateLimitSettings.of(RateLimit.of(perSecond, Duration.ofSeconds(1)).named("demo " + perSecond + "/s")))
                     .build()) {
            stub.addUser("buh@example.ru", "Бухгалтерия", false);
            stub.addUser("sklad@example.ru", "Склад", false);
            c.line(P, "stub at " + stub.baseUrl() + " enforcing " + perSecond + " requests/second per token"
                    + " (the real API: 300/minute); the client is told the same quota");
            walk(c, client, stub);
            burst(c, client, stub, config.burstRequests(), perSecond + "/second");

            stub.blocked(true);
            c.line(P, "the stub now blocks the account; listing users:");
            try {
                client.account().users().collectList().block(T);
                throw new IllegalStateException("a blocked account should refuse to list users");
            } catch (ApiException e) {
                c.line(P, "  typed error " + e.getClass().getSimpleName() + ": HTTP " + e.httpStatus()
                        + ", code=" + e.errorCode().orElse("?") + ", \"" + e.error().message() + "\"");
            } finally {
                stub.blocked(false);
            }
        }
    }

    private static void walk(Console c, EndocsClient client, EndocsStub stub) {
        ClientInfo info = client.account().info().block(T);
        c.line(P, "account " + info.id() + ": users " + info.usersUsed() + "/" + info.usersQuota()
                + ", storage " + info.storageUsed() + " MB of " + info.storageQuota() + " GB"
                + (Boolean.TRUE.equals(info.blocked()) ? ", BLOCKED" : ""));
        List<AccountUser> users = client.account().users().collectList().block(T);
        c.line(P, "users: " + users.stream().map(AccountUser::email).toList());
    }

    private static void burst(Console c, EndocsClient client, EndocsStub stub, int n, String quota) {
        c.line(P, "burst: " + n + " GetClientInfo calls at once, under " + quota + "; the client's rate limiter paces them");
        Console.Progress progress = c.progress(P, "answered", n);
        long start = System.nanoTime();
        List<ClientInfo> all = Flux.range(0, n).flatMap(i -> client.account().info().doOnNext(x -> progress.step()), n)
                .collectList().block(Duration.ofSeconds(30L + n));
        double seconds = (System.nanoTime() - start) / 1e9;
        if (all.size() != n) {
            throw new IllegalStateException("the burst answered " + all.size() + " of " + n);
        }
        String rate = String.format("%.1f requests/second", n / seconds);
        if (stub == null) {
            c.line(P, "burst done: " + n + " answers in " + String.format("%.1f s", seconds) + ", achieved " + rate);
            return;
        }
        int refused = stub.tooManyRequestsSent();
        c.line(P, "burst done: " + n + " answers in " + String.format("%.1f s", seconds) + ", achieved " + rate
                + ", " + refused + " × 429 from the stub");
        if (refused != 0) {
            throw new IllegalStateException("the stub refused " + refused + " request(s) with 429: the client outran the quota");
        }
    }
}
