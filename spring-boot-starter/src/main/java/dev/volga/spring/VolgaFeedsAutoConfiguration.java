package dev.volga.spring;

import dev.volga.endocs.EndocsClient;
import dev.volga.spring.internal.EndocsFeedProcessors;
import dev.volga.spring.internal.FeedsHealthIndicator;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs the application's {@link EndocsFeedProcessing} beans on the {@link EndocsClient} bean as a
 * {@code SmartLifecycle} (started with the context, stopped on shutdown), with a health indicator
 * {@code endocsFeeds} when Actuator's health is there and a gauge {@value #LAG} per feed (tag
 * {@code feed}) when Micrometer is.
 */
@AutoConfiguration(after = VolgaAutoConfiguration.class)
@ConditionalOnBean({EndocsClient.class, EndocsFeedProcessing.class})
public class VolgaFeedsAutoConfiguration {

    /** Gauge name: items pulled from a feed but not yet checkpointed. */
    public static final String LAG = "volga.feed.lag";

    /** Creates it; Spring calls this. */
    public VolgaFeedsAutoConfiguration() {
    }

    /**
     * @param client the client
     * @param processings the feeds to process
     * @return the lifecycle that runs them
     */
    @Bean
    @ConditionalOnMissingBean
    public EndocsFeedProcessors endocsFeedProcessors(EndocsClient client, ObjectProvider<EndocsFeedProcessing> processings) {
        return new EndocsFeedProcessors(client, processings.orderedStream().toList());
    }

    /** The health indicator, with Actuator's health. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(ReactiveHealthIndicator.class)
    public static class FeedsHealth {

        /** Creates it; Spring calls this. */
        public FeedsHealth() {
        }

        /**
         * @param processors the processors
         * @return their health: role, lag and last checkpoint per feed
         */
        @Bean
        @ConditionalOnMissingBean(name = "endocsFeedsHealthIndicator")
        public ReactiveHealthIndicator endocsFeedsHealthIndicator(EndocsFeedProcessors processors) {
            return new FeedsHealthIndicator(processors);
        }
    }

    /** The lag gauges, with Micrometer. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterBinder.class)
    public static class FeedsMetrics {

        /** Creates it; Spring calls this. */
        public FeedsMetrics() {
        }

        /**
         * @param processors the processors
         * @return binds a lag gauge per feed (NaN before start)
         */
        @Bean
        public MeterBinder volgaFeedMeters(EndocsFeedProcessors processors) {
            return registry -> processors.feeds().forEach(feed -> Gauge.builder(LAG, processors,
                            p -> p.status(feed).map(s -> (double) s.lag()).orElse(Double.NaN))
                    .tag("feed", feed).description("items pulled from the feed but not yet checkpointed")
                    .register(registry));
        }
    }
}
