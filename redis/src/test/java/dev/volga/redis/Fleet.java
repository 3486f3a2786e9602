package dev.volga.redis;

import dev.volga.testkit.RedisServer;
import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.endocs.EndocsClient;
import dev.volga.testkit.RecordedRequest;
import dev.volga.testkit.endocs.EndocsStub;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several "replicas" in one JVM: each has its own {@link RedisSharedState} (own Redis connections)
 * and its own client with its own transport, as separate processes would.
 */
final class Fleet implements AutoCloseable {

    /** The scaled EnDocs quota of the tests: 50 requests per second on the key. */
    static final int PER_SECOND = 50;
    /**
     * Back-to-back requests the stub tolerates (380 ms at 50/s): a request delayed on its way (GC, a
     * busy shared CPU) followed by punctual ones looks like a burst to a strict token bucket.
     */
    static final int STUB_BURST = 20;
    /**
     * The Redis command timeout of the tests: generous, so that a starved CI machine (a pause of the
     * JVM, two cores shared) does not pass for a Redis outage; outages are tested explicitly.
     */
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(5);

    final List<RedisSharedState> states = new ArrayList<>();
    final List<EndocsClient> clients = new ArrayList<>();

    static RateLimitSettings scaledQuota() {
        return RateLimitSettings.of(RateLimit.of(PER_SECOND, Duration.ofSeconds(1)));
    }

    static Fleet endocs(EndocsStub stub, int instances, java.util.function.Supplier<RedisSharedState> state) {
        return endocs(stub, instances, PER_SECOND, i -> state.get());
    }

    /**
     * @param stub the stub
     * @param instances how many
     * @param perSecond the key's quota per second
     * @param state the shared state of the i-th instance
     * @return the fleet
     */
    static Fleet endocs(EndocsStub stub, int instances, int perSecond, java.util.function.IntFunction<RedisSharedState> state) {
        Fleet f = new Fleet();
        for (int i = 0; i < instances; i++) {
            RedisSharedState s = state.apply(i);
            f.states.add(s);
            f.clients.add(EndocsClient.builder().baseUrl(stub.baseUrl()).token(Secret.of("token", stub.token()))
                    .rateLimits(RateLimitSettings.of(RateLimit.of(perSecond, Duration.ofSeconds(1))))
                    .retry(RetrySettings.none()).sharedState(s).build());
        }
        return f;
    }

    EndocsClient client(int i) {
        return clients.get(i % clients.size());
    }

    @Override
    public void close() {
        clients.forEach(EndocsClient::close);
        states.forEach(RedisSharedState::close);
    }

    /**
     * @param redis the server
     * @return how many reservation scripts it ran ({@code EVALSHA} and the first {@code EVAL})
     */
    static long reservations(RedisServer redis) throws java.io.IOException {
        String stats = redis.command("INFO", "commandstats");
        long calls = 0;
        for (String line : stats.split("\\r?\\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                calls += Long.parseLong(line.replaceAll("^cmdstat_\\w+:calls=(\\d+),.*", "$1"));
            }
        }
        return calls;
    }

    /**
     * @param journal arrivals
     * @return arrivals per 100 ms from the first, for failure messages
     */
    static String histogram(List<RecordedRequest> journal) {
        List<Instant> arrivals = journal.stream().map(RecordedRequest::receivedAt).sorted().toList();
        java.util.Map<Long, Long> h = new java.util.TreeMap<>();
        for (Instant a : arrivals) {
            h.merge(Duration.between(arrivals.get(0), a).toMillis() / 100, 1L, Long::sum);
        }
        return "arrivals per 100 ms: " + h;
    }
}
