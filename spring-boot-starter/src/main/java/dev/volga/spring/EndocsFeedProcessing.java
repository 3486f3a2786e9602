package dev.volga.spring;

import dev.volga.endocs.EndocsClient;
import dev.volga.endocs.Feed;
import dev.volga.endocs.FeedHandler;
import dev.volga.endocs.FeedItem;
import dev.volga.endocs.FeedProcessor;
import dev.volga.endocs.ProcessorOptions;

import java.util.Objects;
import java.util.function.Function;

/**
 * An EnDocs feed to process once across the application's replicas: declare it as a bean and the
 * starter runs it on the {@link EndocsClient} bean with {@link Feed#process}, from the application
 * context's start to its shutdown (stop lets in-flight items finish and releases the lease), shows it
 * in the health endpoint ({@code endocsFeeds}: role, lag, last checkpoint per feed) and, with
 * Micrometer, as a gauge {@code volga.feed.lag} (tag {@code feed}).
 *
 * <pre>{@code
 * @Bean
 * EndocsFeedProcessing newContracts(OneC oneC) {
 *     return EndocsFeedProcessing.of(c -> c.feeds().newContracts(),
 *             d -> oneC.createContract(d.item()).then(),
 *             ProcessorOptions.defaults().store(CheckpointStore.file(Path.of("/var/lib/app/feeds"))));
 * }
 * }</pre>
 * Delivery is at least once: the handler must be idempotent with the item id as key.
 */
public final class EndocsFeedProcessing {

    private final Function<EndocsClient, FeedProcessor> start;
    private final Function<EndocsClient, String> feedName;

    private EndocsFeedProcessing(Function<EndocsClient, FeedProcessor> start, Function<EndocsClient, String> feedName) {
        this.start = start;
        this.feedName = feedName;
    }

    /**
     * @param feed picks the feed, e.g. {@code c -> c.feeds().newInvoices()}
     * @param handler what to do with each item
     * @param options how (store, lease, polls, retries, dead letters)
     * @param <T> the item type
     * @return the declaration
     */
    public static <T extends FeedItem> EndocsFeedProcessing of(Function<EndocsClient, Feed<T>> feed,
                                                               FeedHandler<? super T> handler,
                                                               ProcessorOptions options) {
        Objects.requireNonNull(feed, "feed");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(options, "options");
        return new EndocsFeedProcessing(c -> feed.apply(c).process(handler, options), c -> feed.apply(c).name());
    }

    /**
     * With {@link ProcessorOptions#defaults()}: the client's checkpoint store (in memory unless fleet
     * mode is configured).
     *
     * @param feed picks the feed
     * @param handler what to do with each item
     * @param <T> the item type
     * @return the declaration
     */
    public static <T extends FeedItem> EndocsFeedProcessing of(Function<EndocsClient, Feed<T>> feed,
                                                               FeedHandler<? super T> handler) {
        return of(feed, handler, ProcessorOptions.defaults());
    }

    /**
     * Starts the processor; the starter calls this once, at context start.
     *
     * @param client the client
     * @return the running processor
     */
    public FeedProcessor start(EndocsClient client) {
        return start.apply(client);
    }

    /**
     * @param client the client
     * @return the feed's name, e.g. {@code newInvoices}
     */
    public String feedName(EndocsClient client) {
        return feedName.apply(client);
    }
}
