package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * One rate limit as {@code GET /limits} reports it.
 *
 * @param verb the HTTP method it applies to, e.g. {@code POST}
 * @param uri the URI mask, e.g. {@code *} or {@code *&#47;servers}
 * @param regex the path regular expression (trimmed)
 * @param value requests allowed per unit
 * @param remaining requests left in the current unit
 * @param unit {@code MINUTE}, {@code HOUR} or {@code DAY}
 * @param resetTime when the counter resets
 */
public record RateLimitInfo(
        String verb,
        @JsonProperty("URI") String uri,
        String regex,
        Integer value,
        Integer remaining,
        String unit,
        @JsonProperty("resetTime") Instant resetTime) {

    /**
     * Trims the regex (D1's XML example has a stray leading space: {@code " ^/servers"}).
     *
     * @param verb the HTTP method it applies to, e.g. {@code POST}
     * @param uri the URI mask, e.g. {@code *} or {@code *&#47;servers}
     * @param regex the path regular expression (trimmed)
     * @param value requests allowed per unit
     * @param remaining requests left in the current unit
     * @param unit {@code MINUTE}, {@code HOUR} or {@code DAY}
     * @param resetTime when the counter resets
     */
    public RateLimitInfo {
        regex = regex == null ? null : regex.trim();
    }
}
