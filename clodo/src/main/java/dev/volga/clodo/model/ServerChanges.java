package dev.volga.clodo.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Changes to a server ({@code PUT /servers/{id}}): resource parameters, or exactly one of the
 * special settings ({@link #cancelScheduledChange}, {@link #delayNewConfig}, {@link #abonementDisabled}).
 * Values are checked against the documented ranges before anything is sent.
 */
public final class ServerChanges {

    private static final Set<String> SPECIAL = Set.of("modify_type", "newconfig_date", "vps_abonement_disabled");

    private final Map<String, Object> fields;

    private ServerChanges(Map<String, Object> fields) {
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("no change given");
        }
        long special = fields.keySet().stream().filter(SPECIAL::contains).count();
        if (special > 0 && fields.size() > 1) {
            throw new IllegalArgumentException("modify_type, newconfig_date and vps_abonement_disabled go alone, one per request");
        }
        this.fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** @return the wire fields, in order */
    public Map<String, Object> fields() {
        return fields;
    }

    /** @return a builder of resource changes */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param what {@code params} or {@code period}
     * @return a change that cancels a scheduled change
     */
    public static ServerChanges cancelScheduledChange(String what) {
        if (!"params".equals(what) && !"period".equals(what)) {
            throw new IllegalArgumentException("what (modify_type) must be params or period, was " + what);
        }
        return new ServerChanges(Map.of("modify_type", what));
    }

    /**
     * @param days 0..23
     * @return a change that delays applying new parameters
     */
    public static ServerChanges delayNewConfig(int days) {
        Builder.range("days (newconfig_date)", days, 0, 23);
        return new ServerChanges(Map.of("newconfig_date", days));
    }

    /**
     * @param disabled true: disable auto-renewal; false: cancel a scheduled deletion
     * @return the change
     */
    public static ServerChanges abonementDisabled(boolean disabled) {
        return new ServerChanges(Map.of("vps_abonement_disabled", disabled ? 1 : 0));
    }

    @Override
    public String toString() {
        return "ServerChanges" + fields;
    }

    /** Builds resource changes. */
    public static final class Builder {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Builder() {
        }

        static void range(String name, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", was " + value);
            }
        }

        /**
         * @param mb memory, MB
         * @return this
         */
        public Builder memory(int mb) { range("memory (vps_memory)", mb, 1, Integer.MAX_VALUE); fields.put("vps_memory", mb); return this; }

        /**
         * @param mb Scale upper bound, MB
         * @return this
         */
        public Builder memoryMax(int mb) { range("memoryMax (vps_memory_max)", mb, 1, Integer.MAX_VALUE); fields.put("vps_memory_max", mb); return this; }

        /**
         * @param gb disk, GB
         * @return this
         */
        public Builder hdd(int gb) { range("hdd (vps_hdd)", gb, 1, Integer.MAX_VALUE); fields.put("vps_hdd", gb); return this; }

        /**
         * @param level support level 1..3
         * @return this
         */
        public Builder admin(int level) { range("admin (vps_admin)", level, 1, 3); fields.put("vps_admin", level); return this; }

        /**
         * @param roubles Scale daily spend cap
         * @return this
         */
        public Builder dayLimit(int roubles) { range("dayLimit (vps_daylimit)", roubles, 0, Integer.MAX_VALUE); fields.put("vps_daylimit", roubles); return this; }

        /**
         * @param mb swap 128..6144 MB
         * @return this
         */
        public Builder swapSize(int mb) { range("swapSize (vps_swapsize)", mb, 128, 6144); fields.put("vps_swapsize", mb); return this; }

        /**
         * @param on disk I/O shaper
         * @return this
         */
        public Builder hddShaper(boolean on) { fields.put("vps_hddshaper", on ? 1 : 0); return this; }

        /**
         * @param gb traffic package to buy, GB
         * @return this
         */
        public Builder buyTraffic(int gb) { range("buyTraffic (vps_traff)", gb, 1, Integer.MAX_VALUE); fields.put("vps_traff", gb); return this; }

        /**
         * @param mb Scale memory step 1..2048 MB
         * @return this
         */
        public Builder memBlockSize(int mb) { range("memBlockSize (vps_memblocksize)", mb, 1, 2048); fields.put("vps_memblocksize", mb); return this; }

        /**
         * @param mb minimum free memory gap 1..1024 MB
         * @return this
         */
        public Builder minFreeBytes(int mb) { range("minFreeBytes (vps_minfreebytes)", mb, 1, 1024); fields.put("vps_minfreebytes", mb); return this; }

        /**
         * @param seconds memory poll interval
         * @return this
         */
        public Builder memInterval(int seconds) { range("memInterval (vps_meminterval)", seconds, 1, Integer.MAX_VALUE); fields.put("vps_meminterval", seconds); return this; }

        /**
         * @param hourly true for {@code h}, false for {@code m}
         * @return this
         */
        public Builder payHourly(boolean hourly) { fields.put("vps_pay_period", hourly ? "h" : "m"); return this; }

        /**
         * @param periods 1, 3, 6 or 12
         * @return this
         */
        public Builder abonement(int periods) {
            if (!Set.of(1, 3, 6, 12).contains(periods)) {
                throw new IllegalArgumentException("abonement (vps_abonement) must be 1, 3, 6 or 12, was " + periods);
            }
            fields.put("vps_abonement", periods);
            return this;
        }

        /** @return the changes */
        public ServerChanges build() {
            return new ServerChanges(fields);
        }
    }
}
