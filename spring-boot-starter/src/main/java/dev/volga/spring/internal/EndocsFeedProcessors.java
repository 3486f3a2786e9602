package dev.volga.spring.internal;

import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.FeedProcessor;
import dev.volga.spring.EndocsFeedProcessing;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Flux;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the application's {@link EndocsFeedProcessing} beans as one {@link SmartLifecycle}: starts a
 * processor per bean with the context, stops them all (asynchronously, in-flight items finishing) on
 * shutdown.
 */
public final class EndocsFeedProcessors implements SmartLifecycle {

    private final EndocsClient client;
    private final List<EndocsFeedProcessing> declared;
    private final Map<String, FeedProcessor> running = Collections.synchronizedMap(new LinkedHashMap<>());
    private volatile boolean started;

    /**
     * @param client the client
     * @param declared the processings to run
     */
    public EndocsFeedProcessors(EndocsClient client, List<EndocsFeedProcessing> declared) {
        this.client = client;
        this.declared = List.copyOf(declared);
    }

    /** @return the feed names, in declaration order (a feed declared twice gets {@code #2}, …) */
    public List<String> feeds() {
        List<String> names = new java.util.ArrayList<>();
        for (EndocsFeedProcessing p : declared) {
            names.add(unique(names, p.feedName(client)));
        }
        return names;
    }

    private static String unique(List<String> taken, String name) {
        String candidate = name;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = name + "#" + i;
        }
        return candidate;
    }

    /**
     * @param feed a name from {@link #feeds()}
     * @return its processor's status; empty before start
     */
    public Optional<FeedProcessor.Status> status(String feed) {
        return Optional.ofNullable(running.get(feed)).map(FeedProcessor::status);
    }

    @Override
    public void start() {
        List<String> names = feeds();
        for (int i = 0; i < declared.size(); i++) {
            running.put(names.get(i), declared.get(i).start(client));
        }
        started = true;
    }

    @Override
    public void stop() {
        stopAll().block();
    }

    @Override
    public void stop(Runnable callback) {
        stopAll().subscribe(null, e -> callback.run(), callback);
    }

    private reactor.core.publisher.Mono<Void> stopAll() {
        started = false;
        List<FeedProcessor> all;
        synchronized (running) {
            all = List.copyOf(running.values());
        }
        return Flux.fromIterable(all).flatMap(FeedProcessor::stop).then();
    }

    @Override
    public boolean isRunning() {
        return started;
    }
}
