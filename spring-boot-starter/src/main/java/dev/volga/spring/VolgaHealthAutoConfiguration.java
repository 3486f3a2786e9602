package dev.volga.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.spring.internal.ClientHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * An Actuator health indicator per Volga client bean (the auto-configured ones and the user's own):
 * {@code nodulClient}, {@code endocsClient}, {@code clodoClient} under {@code /actuator/health}. They
 * read what the client remembers of its traffic and send nothing themselves.
 */
@AutoConfiguration(after = VolgaAutoConfiguration.class)
@ConditionalOnClass(ReactiveHealthIndicator.class)
public class VolgaHealthAutoConfiguration {

    /** Creates it; Spring calls this. */
    public VolgaHealthAutoConfiguration() {
    }

    /**
     * @param client the client
     * @return its health indicator
     */
    @Bean
    @ConditionalOnBean(NodulClient.class)
    @ConditionalOnMissingBean(name = "nodulClientHealthIndicator")
    public ReactiveHealthIndicator nodulClientHealthIndicator(NodulClient client) {
        return new ClientHealthIndicator(client::status);
    }

    /**
     * @param client the client
     * @return its health indicator
     */
    @Bean
    @ConditionalOnBean(EndocsClient.class)
    @ConditionalOnMissingBean(name = "endocsClientHealthIndicator")
    public ReactiveHealthIndicator endocsClientHealthIndicator(EndocsClient client) {
        return new ClientHealthIndicator(client::status);
    }

    /**
     * @param client the client
     * @return its health indicator
     */
    @Bean
    @ConditionalOnBean(ClodoClient.class)
    @ConditionalOnMissingBean(name = "clodoClientHealthIndicator")
    public ReactiveHealthIndicator clodoClientHealthIndicator(ClodoClient client) {
        return new ClientHealthIndicator(client::status);
    }
}
