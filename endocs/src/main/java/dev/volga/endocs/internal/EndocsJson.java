package dev.volga.endocs.internal;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.function.UnaryOperator;

/**
 * The Jackson set-up for EnDocs' wire format: property names case-insensitive (the server writes
 * camelCase, PascalCase or, for .NET Core 3.x key/value pairs, {@code Key}/{@code Value}), unknown
 * properties ignored, nulls for primitives tolerated, floats as {@code BigDecimal}, and lenient
 * dates: with or without zone and fractions, {@code 0001-01-01T00:00:00Z} meaning absent.
 */
public final class EndocsJson {

    private EndocsJson() {
    }

    /** @return a mapper configured for EnDocs */
    public static JsonMapper mapper() {
        return mapper(UnaryOperator.identity());
    }

    /**
     * @param customizer applied to the builder after EnDocs' settings
     * @return a mapper configured for EnDocs, then customised
     */
    public static JsonMapper mapper(UnaryOperator<JsonMapper.Builder> customizer) {
        SimpleModule module = new SimpleModule("endocs-lenient-dates");
        module.addDeserializer(LocalDate.class, new LenientDate());
        module.addDeserializer(Instant.class, new LenientInstant());
        JsonMapper.Builder builder = JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .addModule(module);
        return java.util.Objects.requireNonNull(customizer.apply(builder), "json customizer returned null").build();
    }

    /** Whether a timestamp text is .NET's {@code DateTime.MinValue}, i.e. unset. */
    static boolean isUnset(String text) {
        return text.startsWith("0001-01-01");
    }

    /**
     * Reads a timestamp leniently.
     *
     * @param raw the text
     * @return the instant (a value without zone is taken as UTC), or null when blank or unset
     * @throws DateTimeParseException if unreadable
     */
    static Instant parseInstant(String raw) {
        String text = raw.trim();
        if (text.isEmpty() || isUnset(text)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException notLocal) {
                return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
        }
    }

    /**
     * Reads a date leniently: the date part of a timestamp as written (no zone conversion, so the
     * server's noon-shifted dates stay on their day).
     *
     * @param raw the text
     * @return the date, or null when blank or unset
     * @throws DateTimeParseException if unreadable
     */
    static LocalDate parseDate(String raw) {
        String text = raw.trim();
        if (text.isEmpty() || isUnset(text)) {
            return null;
        }
        if (text.length() >= 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
            return LocalDate.parse(text.substring(0, 10));
        }
        return OffsetDateTime.parse(text).toLocalDate();
    }

    private static final class LenientDate extends ValueDeserializer<LocalDate> {
        @Override
        public LocalDate deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (LocalDate) ctxt.handleUnexpectedToken(LocalDate.class, p);
            }
            String text = p.getString();
            try {
                return parseDate(text);
            } catch (DateTimeParseException e) {
                return (LocalDate) ctxt.handleWeirdStringValue(LocalDate.class, text, "not a date");
            }
        }
    }

    private static final class LenientInstant extends ValueDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getString();
            try {
                return parseInstant(text);
            } catch (DateTimeParseException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not a timestamp");
            }
        }
    }
}
