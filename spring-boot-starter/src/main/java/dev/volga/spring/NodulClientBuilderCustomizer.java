package dev.volga.spring;

import dev.volga.nodul.NodulClient;

/**
 * Has the last word over the auto-configured {@link NodulClient}'s builder, after the
 * {@code volga.nodul.*} properties; beans of this type are applied in their {@code @Order}.
 */
@FunctionalInterface
public interface NodulClientBuilderCustomizer {

    /** @param builder the builder, with the properties applied */
    void customize(NodulClient.Builder builder);
}
