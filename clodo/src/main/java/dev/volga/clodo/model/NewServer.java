package dev.volga.clodo.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The parameters of a new server ({@code POST /servers}). Built with {@link #builder()}, which
 * checks the documented rules before anything is sent.
 *
 * @param name the title
 * @param type {@link ServerType#VIRTUAL} or {@link ServerType#SCALE}
 * @param memory memory in MB (Scale: lower bound)
 * @param memoryMax Scale upper bound in MB, or null
 * @param hdd disk in GB
 * @param admin support level: 1 normal, 2 extended, 3 VIP
 * @param imageId the OS image, or null when a preset is used
 * @param presetId the install preset, or null
 * @param presetParams the preset's parameters
 * @param payPeriod {@code h} or {@code m} (VirtualServer), or null
 * @param abonement number of pay periods: 1, 3, 6 or 12, or null
 */
public record NewServer(String name, String type, int memory, Integer memoryMax, int hdd, int admin, Long imageId,
                        Long presetId, Map<String, String> presetParams, String payPeriod, Integer abonement) {

    private static final Set<Integer> ABONEMENTS = Set.of(1, 3, 6, 12);

    /**
     * Validates the parameters.
     *
     * @param name the title
     * @param type {@link ServerType#VIRTUAL} or {@link ServerType#SCALE}
     * @param memory memory in MB (Scale: lower bound)
     * @param memoryMax Scale upper bound in MB, or null
     * @param hdd disk in GB
     * @param admin support level: 1 normal, 2 extended, 3 VIP
     * @param imageId the OS image, or null when a preset is used
     * @param presetId the install preset, or null
     * @param presetParams the preset's parameters
     * @param payPeriod {@code h} or {@code m} (VirtualServer), or null
     * @param abonement number of pay periods: 1, 3, 6 or 12, or null
     */
    public NewServer {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a new server needs a name");
        }
        if (!ServerType.VIRTUAL.equals(type) && !ServerType.SCALE.equals(type)) {
            throw new IllegalArgumentException("type must be VirtualServer or ScaleServer, was " + type);
        }
        if (memory <= 0) {
            throw new IllegalArgumentException("memory must be positive (MB), was " + memory);
        }
        if (memoryMax != null && memoryMax < memory) {
            throw new IllegalArgumentException("memoryMax (" + memoryMax + ") must not be below memory (" + memory + ")");
        }
        if (hdd <= 0) {
            throw new IllegalArgumentException("hdd must be positive (GB), was " + hdd);
        }
        if (admin < 1 || admin > 3) {
            throw new IllegalArgumentException("admin must be 1, 2 or 3, was " + admin);
        }
        if ((imageId == null) == (presetId == null)) {
            throw new IllegalArgumentException("give exactly one of imageId and presetId");
        }
        if (payPeriod != null && !payPeriod.equals("h") && !payPeriod.equals("m")) {
            throw new IllegalArgumentException("payPeriod must be h or m, was " + payPeriod);
        }
        if (abonement != null && !ABONEMENTS.contains(abonement)) {
            throw new IllegalArgumentException("abonement must be 1, 3, 6 or 12, was " + abonement);
        }
        if ("h".equals(payPeriod) && abonement != null && abonement != 1) {
            throw new IllegalArgumentException("an hourly server takes abonement 1, was " + abonement);
        }
        presetParams = presetParams == null ? Map.of() : Map.copyOf(presetParams);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link NewServer}; defaults: VirtualServer, admin 1. */
    public static final class Builder {
        private String name;
        private String type = ServerType.VIRTUAL;
        private int memory;
        private Integer memoryMax;
        private int hdd;
        private int admin = 1;
        private Long imageId;
        private Long presetId;
        private final Map<String, String> presetParams = new LinkedHashMap<>();
        private String payPeriod;
        private Integer abonement;

        private Builder() {
        }

        /**
         * @param value the title
         * @return this
         */
        public Builder name(String value) { this.name = value; return this; }

        /**
         * @param value the server type
         * @return this
         */
        public Builder type(String value) { this.type = value; return this; }

        /**
         * @param mb memory in MB
         * @return this
         */
        public Builder memory(int mb) { this.memory = mb; return this; }

        /**
         * @param mb Scale upper bound in MB
         * @return this
         */
        public Builder memoryMax(int mb) { this.memoryMax = mb; return this; }

        /**
         * @param gb disk in GB
         * @return this
         */
        public Builder hdd(int gb) { this.hdd = gb; return this; }

        /**
         * @param level support level 1..3
         * @return this
         */
        public Builder admin(int level) { this.admin = level; return this; }

        /**
         * @param id the OS image
         * @return this
         */
        public Builder image(long id) { this.imageId = id; return this; }

        /**
         * @param id the install preset
         * @param params its parameters by name
         * @return this
         */
        public Builder preset(long id, Map<String, String> params) {
            this.presetId = id;
            this.presetParams.putAll(Objects.requireNonNull(params, "params"));
            return this;
        }

        /**
         * @param hourly true for {@code h}, false for {@code m}
         * @return this
         */
        public Builder payHourly(boolean hourly) { this.payPeriod = hourly ? "h" : "m"; return this; }

        /**
         * @param periods 1, 3, 6 or 12
         * @return this
         */
        public Builder abonement(int periods) { this.abonement = periods; return this; }

        /** @return the validated parameters */
        public NewServer build() {
            return new NewServer(name, type, memory, memoryMax, hdd, admin, imageId, presetId, presetParams, payPeriod, abonement);
        }
    }
}
