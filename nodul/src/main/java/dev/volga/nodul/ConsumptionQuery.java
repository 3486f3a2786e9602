package dev.volga.nodul;

import dev.volga.nodul.internal.Checks;
import dev.volga.nodul.model.ResourceType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The period, options and filters of {@link Reports#consumption(ConsumptionQuery)}. Immutable; build
 * with {@link #builder()}. By default the report has the total and the per-user lines, for all
 * resources, from the first usage until now.
 */
public final class ConsumptionQuery {

    private final Instant start;
    private final Instant end;
    private final boolean includeTotal;
    private final boolean includePerUser;
    private final List<ResourceType> resources;

    private ConsumptionQuery(Builder b) {
        this.start = b.start;
        this.end = b.end;
        this.includeTotal = b.includeTotal;
        this.includePerUser = b.includePerUser;
        this.resources = List.copyOf(b.resources);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    Map<String, Object> toWire() {
        Map<String, Object> body = new LinkedHashMap<>();
        if (start != null) {
            body.put("start", Checks.time(start));
        }
        if (end != null) {
            body.put("end", Checks.time(end));
        }
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("include_total", includeTotal);
        options.put("include_per_user", includePerUser);
        body.put("options", options);
        Map<String, Object> filters = new LinkedHashMap<>();
        if (!resources.isEmpty()) {
            filters.put("resources", ConsumptionWindow.wire(resources));
        }
        body.put("filters", filters);
        return body;
    }

    @Override
    public String toString() {
        return "ConsumptionQuery" + toWire();
    }

    /** Builds a {@link ConsumptionQuery}; not thread-safe. */
    public static final class Builder {
        private Instant start;
        private Instant end;
        private boolean includeTotal = true;
        private boolean includePerUser = true;
        private final List<ResourceType> resources = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param value the start (default: the first usage), or null
         * @return this
         */
        public Builder start(Instant value) {
            this.start = value;
            return this;
        }

        /**
         * @param value the end (default: now), or null
         * @return this
         */
        public Builder end(Instant value) {
            this.end = value;
            return this;
        }

        /**
         * @param value whether the report has the organisation's total (default true)
         * @return this
         */
        public Builder includeTotal(boolean value) {
            this.includeTotal = value;
            return this;
        }

        /**
         * @param value whether the report has one line per user (default true)
         * @return this
         */
        public Builder includePerUser(boolean value) {
            this.includePerUser = value;
            return this;
        }

        /**
         * @param values the resources reported (replaces earlier ones); none for all
         * @return this
         */
        public Builder resources(ResourceType... values) {
            ConsumptionWindow.resources(resources, values, "resources");
            return this;
        }

        /**
         * @return the query
         * @throws IllegalArgumentException if the start is after the end
         */
        public ConsumptionQuery build() {
            Checks.period(start, end, "start", "end");
            return new ConsumptionQuery(this);
        }
    }
}
