package dev.volga.spring.internal;

import dev.volga.endocs.FeedProcessor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The feed processors' health from their status (nothing sent): DOWN when one failed, UNKNOWN before
 * start, UP otherwise. Details per feed: role (holder or standby), lag, last checkpoint, fence,
 * handled, retries and dead letters.
 */
public final class FeedsHealthIndicator implements ReactiveHealthIndicator {

    private final EndocsFeedProcessors processors;

    /** @param processors the processors */
    public FeedsHealthIndicator(EndocsFeedProcessors processors) {
        this.processors = processors;
    }

    @Override
    public Mono<Health> health() {
        return Mono.fromSupplier(this::read);
    }

    private Health read() {
        boolean failed = false;
        boolean unknown = false;
        Map<String, Object> feeds = new LinkedHashMap<>();
        for (String feed : processors.feeds()) {
            FeedProcessor.Status s = processors.status(feed).orElse(null);
            if (s == null) {
                unknown = true;
                continue;
            }
            failed |= s.role() == FeedProcessor.Role.FAILED;
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("role", s.role().name().toLowerCase(java.util.Locale.ROOT));
            d.put("lag", s.lag());
            s.lastCheckpoint().ifPresent(c -> d.put("lastCheckpoint", c));
            d.put("fence", s.fence());
            d.put("handled", s.handled());
            d.put("retries", s.retries());
            d.put("deadLetters", s.deadLetters());
            feeds.put(feed, d);
        }
        Health.Builder b = failed ? Health.down() : unknown ? Health.status(Status.UNKNOWN) : Health.up();
        return b.withDetails(feeds).build();
    }
}
