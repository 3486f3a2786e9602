package dev.volga.spring.internal;

import dev.volga.api.RateLimit;
import dev.volga.api.RateLimitSettings;
import dev.volga.api.RetrySettings;
import dev.volga.api.Secret;
import dev.volga.clodo.ClodoClient;
import dev.volga.endocs.EndocsClient;
import dev.volga.nodul.NodulClient;
import dev.volga.spring.VolgaProperties;
import dev.volga.transport.ClientBuilder;
import dev.volga.transport.spi.SharedState;
import dev.volga.transport.Transport;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

/** Turns {@code volga.*} properties into transports and client builders. */
public final class ClientFactory {

    private ClientFactory() {
    }

    /**
     * @param properties the transport's properties
     * @param beans where to find Spring's Reactor Netty resources
     * @return the shared transport
     */
    public static Transport transport(VolgaProperties.Transport properties, BeanFactory beans) {
        Transport.Builder b = Transport.builder()
                .connectTimeout(required(properties.getConnectTimeout(), "volga.transport.connect-timeout"))
                .responseTimeout(required(properties.getResponseTimeout(), "volga.transport.response-timeout"))
                .maxResponseSize(properties.getMaxResponseSize());
        if (properties.isUseSpringResources()
                && ClassUtils.isPresent("org.springframework.http.client.ReactorResourceFactory", ClientFactory.class.getClassLoader())) {
            SpringReactorResources.apply(b, beans);
        }
        return b.build();
    }

    /**
     * @param p the properties
     * @param transport the shared transport
     * @param observations the registry
     * @param shared the shared state (fleet mode), or null
     * @return the builder with the properties applied
     */
    public static NodulClient.Builder nodul(VolgaProperties.Nodul p, Transport transport, ObservationRegistry observations,
                                            SharedState shared) {
        NodulClient.Builder b = NodulClient.builder().token(secret(p.getToken(), "volga.nodul.token"));
        if (p.getBaseUrl() != null) {
            b.baseUrl(p.getBaseUrl());
        }
        return common(b, p, "nodul", transport, observations, shared);
    }

    /**
     * @param p the properties
     * @param transport the shared transport
     * @param observations the registry
     * @param shared the shared state (fleet mode), or null
     * @return the builder with the properties applied
     */
    public static EndocsClient.Builder endocs(VolgaProperties.Endocs p, Transport transport, ObservationRegistry observations,
                                              SharedState shared) {
        EndocsClient.Builder b = EndocsClient.builder().token(secret(p.getToken(), "volga.endocs.token"));
        if (p.getBaseUrl() != null) {
            b.baseUrl(p.getBaseUrl());
        }
        VolgaProperties.RateLimit q = p.getRateLimit();
        RateLimit limit;
        try {
            limit = RateLimit.of(q.getPermits(), required(q.getPeriod(), "volga.endocs.rate-limit.period")).burst(q.getBurst());
            b.rateLimits(RateLimitSettings.of(limit).maxQueue(q.getMaxQueue()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("volga.endocs.rate-limit.* is not valid: " + e.getMessage(), e);
        }
        return common(b, p, "endocs", transport, observations, shared);
    }

    /**
     * @param p the properties
     * @param transport the shared transport
     * @param observations the registry
     * @param shared the shared state (fleet mode), or null
     * @return the builder with the properties applied
     */
    public static ClodoClient.Builder clodo(VolgaProperties.Clodo p, Transport transport, ObservationRegistry observations,
                                            SharedState shared) {
        if (p.getUser() == null || p.getUser().isBlank()) {
            throw missing("volga.clodo.user");
        }
        ClodoClient.Builder b = ClodoClient.builder().user(p.getUser().strip()).key(secret(p.getKey(), "volga.clodo.key"))
                .format(required(p.getFormat(), "volga.clodo.format"))
                .refreshSkew(required(p.getRefreshSkew(), "volga.clodo.refresh-skew"));
        if (p.getBaseUrl() != null) {
            b.authUrl(p.getBaseUrl());
        }
        return common(b, p, "clodo", transport, observations, shared);
    }

    private static <B extends ClientBuilder<B>> B common(B b, VolgaProperties.Client p, String provider, Transport transport,
                                                         ObservationRegistry observations, SharedState shared) {
        b.transport(transport).observationRegistry(observations);
        if (p.getResponseTimeout() != null) {
            b.responseTimeout(p.getResponseTimeout());
        }
        VolgaProperties.Retry r = p.getRetry();
        try {
            b.retry(new RetrySettings(r.getMaxAttempts(), required(r.getFirstBackoff(), "volga." + provider + ".retry.first-backoff"),
                    required(r.getMaxBackoff(), "volga." + provider + ".retry.max-backoff"), r.getJitter()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("volga." + provider + ".retry.* is not valid: " + e.getMessage(), e);
        }
        if (shared != null) {
            b.sharedState(shared);
        }
        return b;
    }

    private static Secret secret(Secret value, String property) {
        if (value == null || value.reveal().isBlank()) {
            throw missing(property);
        }
        return value;
    }

    private static <T> T required(T value, String property) {
        if (value == null) {
            throw missing(property);
        }
        return value;
    }

    private static IllegalStateException missing(String property) {
        return new IllegalStateException("Volga: the property " + property + " is required and must not be blank "
                + "(set it, or remove the other " + property.substring(0, property.indexOf('.', 6)) + ".* properties)");
    }
}
