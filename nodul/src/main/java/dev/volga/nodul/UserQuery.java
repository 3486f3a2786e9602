package dev.volga.nodul;

import dev.volga.nodul.internal.Checks;
import dev.volga.nodul.model.ResourceType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options and filters of {@link Users#list(UserQuery)}. Immutable; build with {@link #builder()}.
 * Nodul has no filter by user and no pagination.
 */
public final class UserQuery {

    private final boolean includeSubscriptions;
    private final boolean includeConsumption;
    private final ConsumptionWindow window;

    private UserQuery(Builder b) {
        this.includeSubscriptions = b.includeSubscriptions;
        this.includeConsumption = b.includeConsumption;
        this.window = new ConsumptionWindow(b.resources, b.start, b.end);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a query without options or filters */
    public static UserQuery all() {
        return builder().build();
    }

    Map<String, Object> toWire() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("include_subscriptions", includeSubscriptions);
        options.put("include_consumption", includeConsumption);
        Map<String, Object> filters = new LinkedHashMap<>();
        window.putInto(filters);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("options", options);
        body.put("filters", filters);
        return body;
    }

    @Override
    public String toString() {
        return "UserQuery" + toWire();
    }

    /** Builds a {@link UserQuery}; not thread-safe. */
    public static final class Builder {
        private boolean includeSubscriptions;
        private boolean includeConsumption;
        private final List<ResourceType> resources = new ArrayList<>();
        private Instant start;
        private Instant end;

        private Builder() {
        }

        /**
         * @param value whether each user carries their subscriptions
         * @return this
         */
        public Builder includeSubscriptions(boolean value) {
            this.includeSubscriptions = value;
            return this;
        }

        /**
         * @param value whether the subscriptions carry their consumption
         * @return this
         */
        public Builder includeConsumption(boolean value) {
            this.includeConsumption = value;
            return this;
        }

        /**
         * @param values the resources whose consumption is reported (replaces earlier ones); none for all
         * @return this
         */
        public Builder consumptionResources(ResourceType... values) {
            ConsumptionWindow.resources(resources, values, "consumptionResources");
            return this;
        }

        /**
         * @param value the start of the consumption period (default: the first usage), or null
         * @return this
         */
        public Builder consumptionStart(Instant value) {
            this.start = value;
            return this;
        }

        /**
         * @param value the end of the consumption period (default: now), or null
         * @return this
         */
        public Builder consumptionEnd(Instant value) {
            this.end = value;
            return this;
        }

        /**
         * @return the query
         * @throws IllegalArgumentException if the start is after the end
         */
        public UserQuery build() {
            Checks.period(start, end, "consumptionStart", "consumptionEnd");
            return new UserQuery(this);
        }
    }
}
