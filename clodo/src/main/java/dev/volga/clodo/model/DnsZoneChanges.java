package dev.volga.clodo.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Edits of a DNS zone ({@code POST /dns/{id}}): record fields are sent as Clodo's flat
 * {@code <field>_<recordId>} keys; new records get ids starting with {@code 0}.
 */
public final class DnsZoneChanges {

    private final Map<String, Object> fields;

    private DnsZoneChanges(Map<String, Object> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no zone change given");
        }
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** @return the flat wire fields */
    public Map<String, Object> fields() {
        return fields;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "DnsZoneChanges" + fields;
    }

    /** Builds zone edits. */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();
        private int added;

        private Builder() {
        }

        /**
         * @param address the master server of a SLAVE zone
         * @return this
         */
        public Builder master(String address) {
            fields.put("domain_master", requireText(address, "address"));
            return this;
        }

        /**
         * Changes an existing record.
         *
         * @param recordId the record
         * @param name its name
         * @param type its type
         * @param content its value
         * @param ttl TTL seconds, positive
         * @param prio priority, or null
         * @return this
         */
        public Builder record(long recordId, String name, String type, String content, int ttl, Integer prio) {
            if (recordId <= 0) {
                throw new IllegalArgumentException("recordId must be positive, was " + recordId);
            }
            put(Long.toString(recordId), name, type, content, ttl, prio);
            return this;
        }

        /**
         * Adds a record.
         *
         * @param name its name
         * @param type its type
         * @param content its value
         * @param ttl TTL seconds, positive
         * @param prio priority, or null
         * @return this
         */
        public Builder add(String name, String type, String content, int ttl, Integer prio) {
            put("0" + (added++ == 0 ? "" : Integer.toString(added - 1)), name, type, content, ttl, prio);
            return this;
        }

        private void put(String id, String name, String type, String content, int ttl, Integer prio) {
            if (ttl <= 0) {
                throw new IllegalArgumentException("ttl must be positive, was " + ttl);
            }
            fields.put("name_" + id, requireText(name, "name"));
            fields.put("type_" + id, requireText(type, "type"));
            fields.put("content_" + id, requireText(content, "content"));
            fields.put("ttl_" + id, ttl);
            if (prio != null) {
                fields.put("prio_" + id, prio);
            }
        }

        private static String requireText(String value, String what) {
            Objects.requireNonNull(value, what);
            if (value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return value;
        }

        /** @return the edits */
        public DnsZoneChanges build() {
            return new DnsZoneChanges(fields);
        }
    }
}
