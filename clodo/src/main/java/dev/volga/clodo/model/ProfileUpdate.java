package dev.volga.clodo.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Changes to the account profile ({@code POST /user/update}): any {@code users_profile_…} field
 * of the profile, by its wire name.
 */
public final class ProfileUpdate {

    private final Map<String, String> fields;

    private ProfileUpdate(Map<String, String> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no profile field given");
        }
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** @return the wire fields */
    public Map<String, String> fields() {
        return fields;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "ProfileUpdate" + fields.keySet();
    }

    /** Builds a profile update. */
    public static final class Builder {
        private final Map<String, String> fields = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * @param wireName a profile field, e.g. {@code users_profile_jabber}
         * @param value its new value
         * @return this
         */
        public Builder set(String wireName, String value) {
            Objects.requireNonNull(wireName, "wireName");
            Objects.requireNonNull(value, "value");
            if (!wireName.matches("users_[a-z_]+")) {
                throw new IllegalArgumentException("wireName is not a profile field: " + wireName);
            }
            fields.put(wireName, value);
            return this;
        }

        /**
         * @param value Jabber
         * @return this
         */
        public Builder jabber(String value) { return set("users_profile_jabber", value); }

        /**
         * @param value e-mail
         * @return this
         */
        public Builder email(String value) { return set("users_profile_email", value); }

        /**
         * @param value phone
         * @return this
         */
        public Builder phone(String value) { return set("users_profile_phone", value); }

        /**
         * @param value ICQ
         * @return this
         */
        public Builder icq(String value) { return set("users_profile_icq", value); }

        /**
         * @param value Skype
         * @return this
         */
        public Builder skype(String value) { return set("users_profile_skype", value); }

        /** @return the update */
        public ProfileUpdate build() {
            return new ProfileUpdate(fields);
        }
    }
}
