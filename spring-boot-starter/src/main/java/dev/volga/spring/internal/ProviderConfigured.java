package dev.volga.spring.internal;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the provider's group {@code volga.<provider>} has any property and
 * {@code volga.<provider>.enabled} is not {@code false}.
 */
public abstract class ProviderConfigured extends SpringBootCondition {

    private final String group;

    /** @param provider the provider, e.g. {@code nodul} */
    protected ProviderConfigured(String provider) {
        this.group = "volga." + provider;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        if ("false".equalsIgnoreCase(context.getEnvironment().getProperty(group + ".enabled", ""))) {
            return ConditionOutcome.noMatch(group + ".enabled is false");
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(group);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(context.getEnvironment())) {
            if (source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return ConditionOutcome.match(group + ".* is set");
            }
        }
        return ConditionOutcome.noMatch("no " + group + ".* property");
    }

    /** Nodul. */
    public static final class Nodul extends ProviderConfigured {
        /** Creates it. */
        public Nodul() {
            super("nodul");
        }
    }

    /** EnDocs. */
    public static final class Endocs extends ProviderConfigured {
        /** Creates it. */
        public Endocs() {
            super("endocs");
        }
    }

    /** Clodo. */
    public static final class Clodo extends ProviderConfigured {
        /** Creates it. */
        public Clodo() {
            super("clodo");
        }
    }
}
