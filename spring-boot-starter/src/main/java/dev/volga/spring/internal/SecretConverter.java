package dev.volga.spring.internal;

import dev.volga.api.Secret;
import org.springframework.core.convert.converter.Converter;

/**
 * Binds a property into a {@link Secret}. Never fails (a failed conversion would print the value in
 * Spring Boot's start-up report): a blank value binds to nothing, so the start-up check reports the
 * property as missing, by name.
 */
public final class SecretConverter implements Converter<String, Secret> {

    @Override
    public Secret convert(String source) {
        return source == null || source.isBlank() ? null : Secret.of(source.strip());
    }
}
