package dev.volga.spring;

import dev.volga.clodo.ClodoClient;

/**
 * Has the last word over the auto-configured {@link ClodoClient}'s builder, after the
 * {@code volga.clodo.*} properties; beans of this type are applied in their {@code @Order}.
 */
@FunctionalInterface
public interface ClodoClientBuilderCustomizer {

    /** @param builder the builder, with the properties applied */
    void customize(ClodoClient.Builder builder);
}
