package dev.volga.clodo.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Settings of a Cloud Storage store, for creating ({@code PUT /storage/}) or changing one. */
public final class StorageSettings {

    private final Map<String, Object> fields;

    private StorageSettings(Map<String, Object> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no storage setting given");
        }
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** @return the wire fields */
    public Map<String, Object> fields() {
        return fields;
    }

    /** @return whether a title is set (a new store needs one) */
    public boolean hasTitle() {
        return fields.containsKey("title");
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "StorageSettings" + fields;
    }

    /** Builds store settings. */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param value the title, not blank
         * @return this
         */
        public Builder title(String value) {
            if (Objects.requireNonNull(value, "title").isBlank()) {
                throw new IllegalArgumentException("title must not be blank");
            }
            fields.put("title", value);
            return this;
        }

        /**
         * @param value X-Object-Meta-Cache-Control
         * @return this
         */
        public Builder cacheControl(String value) { fields.put("cache_xomcc", Objects.requireNonNull(value, "cacheControl")); return this; }

        /**
         * @param value the expires directive, e.g. {@code off}
         * @return this
         */
        public Builder cacheExpires(String value) { fields.put("cache_expires", Objects.requireNonNull(value, "cacheExpires")); return this; }

        /**
         * @param value the cache refresh header name
         * @return this
         */
        public Builder cacheBypass(String value) { fields.put("cache_bypass", Objects.requireNonNull(value, "cacheBypass")); return this; }

        /**
         * @param value the referrer filter
         * @return this
         */
        public Builder refererFilter(String value) { fields.put("cache_refererfilter", Objects.requireNonNull(value, "refererFilter")); return this; }

        /**
         * @param on whether lookups start in {@code public}
         * @return this
         */
        public Builder publicSearch(boolean on) { fields.put("cache_publicsearch", on ? 1 : 0); return this; }

        /** @return the settings */
        public StorageSettings build() {
            return new StorageSettings(fields);
        }
    }
}
