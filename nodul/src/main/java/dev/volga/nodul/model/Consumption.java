package dev.volga.nodul.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Resource consumption; each part is null when Nodul did not report it (e.g. filtered out).
 *
 * @param executionCredits execution microcredits used, or null
 * @param plugAndPlayCredits Plug&amp;Play microtokens used, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Consumption(@JsonProperty("execution_credits") CreditTotal executionCredits,
                          @JsonProperty("plug_and_play_credits") CreditTotal plugAndPlayCredits) {

    /**
     * The used amount of one resource.
     *
     * @param resource the resource
     * @return the amount, empty when not reported
     */
    public OptionalLong total(ResourceType resource) {
        CreditTotal t = ResourceType.EXECUTION_CREDITS.equals(resource) ? executionCredits
                : ResourceType.PLUG_AND_PLAY_CREDITS.equals(resource) ? plugAndPlayCredits : null;
        return t == null ? OptionalLong.empty() : OptionalLong.of(t.total());
    }

    /** @return execution credits used, if reported */
    public Optional<CreditTotal> executionCreditsOptional() {
        return Optional.ofNullable(executionCredits);
    }

    /** @return Plug&amp;Play credits used, if reported */
    public Optional<CreditTotal> plugAndPlayCreditsOptional() {
        return Optional.ofNullable(plugAndPlayCredits);
    }
}
