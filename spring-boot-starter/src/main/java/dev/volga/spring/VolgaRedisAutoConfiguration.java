package dev.volga.spring;

import dev.volga.redis.RedisSharedState;
import dev.volga.redis.UnavailablePolicy;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;


/**
 * Fleet mode: with {@code volga-redis} on the class path and {@code volga.redis.uri} set, one
 * {@link RedisSharedState} that every auto-configured client keeps its quota, server pause and token
 * in, shared with every instance of the service.
 */
@AutoConfiguration(before = VolgaAutoConfiguration.class)
@ConditionalOnClass(RedisSharedState.class)
@ConditionalOnProperty("volga.redis.uri")
public class VolgaRedisAutoConfiguration {

    /** Creates it; Spring calls this. */
    public VolgaRedisAutoConfiguration() {
    }

    /**
     * @param properties the properties
     * @return the shared state
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(dev.volga.transport.spi.SharedState.class)
    public RedisSharedState volgaSharedState(VolgaProperties properties) {
        VolgaProperties.Redis p = properties.getRedis();
        if (p.getUri() == null) {
            throw new IllegalStateException("Volga: the property volga.redis.uri must not be blank");
        }
        try {
            RedisSharedState.Builder b = RedisSharedState.builder(p.getUri().reveal())
                    .keyPrefix(required(p.getKeyPrefix(), "volga.redis.key-prefix"))
                    .whenUnavailable(UnavailablePolicy.valueOf(required(p.getWhenUnavailable(), "volga.redis.when-unavailable").name()))
                    .commandTimeout(required(p.getCommandTimeout(), "volga.redis.command-timeout"))
                    .connectTimeout(required(p.getConnectTimeout(), "volga.redis.connect-timeout"));
            if (p.getExpectedInstances() != null) {
                b.expectedInstances(p.getExpectedInstances());
            }
            return b.build();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("Volga: volga.redis.* is not valid: " + e.getMessage()
                    + (p.getExpectedInstances() == null ? " (set volga.redis.expected-instances)" : ""), e);
        } catch (IllegalArgumentException e) {
            // the builder's messages never quote the URI's password; the URI itself is not repeated here
            throw new IllegalStateException("Volga: volga.redis.* is not valid: " + e.getMessage(), e);
        }
    }

    private static <T> T required(T value, String property) {
        if (value == null) {
            throw new IllegalArgumentException(property + " must be set");
        }
        return value;
    }
}
