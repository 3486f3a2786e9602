package dev.volga.spring;

import dev.volga.endocs.EndocsClient;

/**
 * Has the last word over the auto-configured {@link EndocsClient}'s builder, after the
 * {@code volga.endocs.*} properties; beans of this type are applied in their {@code @Order}.
 */
@FunctionalInterface
public interface EndocsClientBuilderCustomizer {

    /** @param builder the builder, with the properties applied */
    void customize(EndocsClient.Builder builder);
}
