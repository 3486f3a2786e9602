package dev.volga.spring;

import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.spring.internal.ClientFactory;
import dev.volga.spring.internal.ProviderConfigured;
import dev.volga.spring.internal.SecretConverter;
import dev.volga.transport.spi.SharedState;
import dev.volga.transport.Transport;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * The Volga clients as beans: one shared {@link Transport} (on Spring's Reactor Netty resources when
 * the application has a {@code ReactorResourceFactory}), and a {@link NodulClient},
 * {@link EndocsClient} or {@link ClodoClient} for each provider whose {@code volga.<provider>.*}
 * properties are set, each reporting to the application's {@link ObservationRegistry}, with
 * {@code …ClientBuilderCustomizer} beans applied in order. A client bean of the user's own wins.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
        "org.springframework.boot.reactor.netty.autoconfigure.ReactorNettyAutoConfiguration"})
@EnableConfigurationProperties(VolgaProperties.class)
public class VolgaAutoConfiguration {

    /** Creates it; Spring calls this. */
    public VolgaAutoConfiguration() {
    }

    /** @return binds {@code volga.*.token} and {@code .key} into {@link dev.volga.api.Secret} */
    @Bean
    @ConfigurationPropertiesBinding
    static SecretConverter volgaSecretConverter() {
        return new SecretConverter();
    }

    /**
     * @param properties the properties
     * @param beans where Spring's Reactor Netty resources are looked up
     * @return the transport every auto-configured client shares
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Transport volgaTransport(VolgaProperties properties, BeanFactory beans) {
        return ClientFactory.transport(properties.getTransport(), beans);
    }

    /**
     * @param properties the properties
     * @param transport the shared transport
     * @param observations the application's registry, if any
     * @param shared fleet mode's state, if configured
     * @param customizers customisers, in order
     * @return the Nodul client
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(ProviderConfigured.Nodul.class)
    public NodulClient nodulClient(VolgaProperties properties, Transport transport, ObjectProvider<ObservationRegistry> observations,
                                   ObjectProvider<SharedState> shared, ObjectProvider<NodulClientBuilderCustomizer> customizers) {
        NodulClient.Builder b = ClientFactory.nodul(properties.getNodul(), transport,
                observations.getIfUnique(() -> ObservationRegistry.NOOP), shared.getIfUnique());
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    /**
     * @param properties the properties
     * @param transport the shared transport
     * @param observations the application's registry, if any
     * @param shared fleet mode's state, if configured
     * @param customizers customisers, in order
     * @return the EnDocs client
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(ProviderConfigured.Endocs.class)
    public EndocsClient endocsClient(VolgaProperties properties, Transport transport, ObjectProvider<ObservationRegistry> observations,
                                     ObjectProvider<SharedState> shared, ObjectProvider<EndocsClientBuilderCustomizer> customizers) {
        EndocsClient.Builder b = ClientFactory.endocs(properties.getEndocs(), transport,
                observations.getIfUnique(() -> ObservationRegistry.NOOP), shared.getIfUnique());
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }

    /**
     * @param properties the properties
     * @param transport the shared transport
     * @param observations the application's registry, if any
     * @param shared fleet mode's state, if configured
     * @param customizers customisers, in order
     * @return the Clodo client
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    @Conditional(ProviderConfigured.Clodo.class)
    public ClodoClient clodoClient(VolgaProperties properties, Transport transport, ObjectProvider<ObservationRegistry> observations,
                                   ObjectProvider<SharedState> shared, ObjectProvider<ClodoClientBuilderCustomizer> customizers) {
        ClodoClient.Builder b = ClientFactory.clodo(properties.getClodo(), transport,
                observations.getIfUnique(() -> ObservationRegistry.NOOP), shared.getIfUnique());
        customizers.orderedStream().forEach(c -> c.customize(b));
        return b.build();
    }
}
