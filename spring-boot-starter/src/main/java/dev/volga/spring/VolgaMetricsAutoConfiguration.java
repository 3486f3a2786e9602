package dev.volga.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.transport.ClientObservations;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * The one meter observations cannot express: a gauge {@value #QUEUED} per client, the requests
 * waiting for a rate-limit permit now (tag {@code provider}). Everything else (requests, permit
 * waits, denied permits, retries, 429s, logins) comes from the clients' observations through the
 * application's {@code ObservationRegistry}.
 */
@AutoConfiguration(after = VolgaAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
public class VolgaMetricsAutoConfiguration {

    /** Gauge name: requests waiting for a permit. */
    public static final String QUEUED = "volga.client.limiter.queued";

    /** Creates it; Spring calls this. */
    public VolgaMetricsAutoConfiguration() {
    }

    /**
     * @param nodul the Nodul client, if any
     * @param endocs the EnDocs client, if any
     * @param clodo the Clodo client, if any
     * @return binds the queue gauges to the application's meter registry
     */
    @Bean
    public MeterBinder volgaLimiterMeters(ObjectProvider<NodulClient> nodul, ObjectProvider<EndocsClient> endocs,
                                          ObjectProvider<ClodoClient> clodo) {
        return registry -> {
            nodul.orderedStream().forEach(c -> Gauge.builder(QUEUED, c, x -> x.status().queued())
                    .tag(ClientObservations.PROVIDER, "nodul").description("requests waiting for a rate-limit permit")
                    .register(registry));
            endocs.orderedStream().forEach(c -> Gauge.builder(QUEUED, c, x -> x.status().queued())
                    .tag(ClientObservations.PROVIDER, "endocs").description("requests waiting for a rate-limit permit")
                    .register(registry));
            clodo.orderedStream().forEach(c -> Gauge.builder(QUEUED, c, x -> x.status().queued())
                    .tag(ClientObservations.PROVIDER, "clodo").description("requests waiting for a rate-limit permit")
                    .register(registry));
        };
    }
}
