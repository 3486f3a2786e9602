package dev.volga.nodul;

import dev.volga.nodul.internal.Checks;
import dev.volga.nodul.model.ResourceType;
import dev.volga.nodul.model.SubscriptionStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Options and filters of {@link Subscriptions#list(SubscriptionQuery)}. Immutable; build with
 * {@link #builder()}.
 *
 * <pre>{@code
 * SubscriptionQuery q = SubscriptionQuery.builder()
 *     .userId("my_test_user_1").statuses(SubscriptionStatus.ACTIVE)
 *     .includeConsumption(true).consumptionResources(ResourceType.EXECUTION_CREDITS)
 *     .build();
 * }</pre>
 */
public final class SubscriptionQuery {

    private final boolean includeConsumption;
    private final String userId;
    private final List<SubscriptionStatus> statuses;
    private final ConsumptionWindow window;

    private SubscriptionQuery(Builder b) {
        this.includeConsumption = b.includeConsumption;
        this.userId = b.userId;
        this.statuses = List.copyOf(b.statuses);
        this.window = new ConsumptionWindow(b.resources, b.start, b.end);
    }

    /** @return a builder; without settings it lists every subscription */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a query without options or filters */
    public static SubscriptionQuery all() {
        return builder().build();
    }

    Map<String, Object> toWire() {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("include_consumption", includeConsumption);
        Map<String, Object> filters = new LinkedHashMap<>();
        if (userId != null) {
            filters.put("user_id", userId);
        }
        if (!statuses.isEmpty()) {
            filters.put("statuses", statuses.stream().map(SubscriptionStatus::value).toList());
        }
        window.putInto(filters);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("options", options);
        body.put("filters", filters);
        return body;
    }

    @Override
    public String toString() {
        return "SubscriptionQuery" + toWire();
    }

    /** Builds a {@link SubscriptionQuery}; not thread-safe. */
    public static final class Builder {
        private boolean includeConsumption;
        private String userId;
        private final List<SubscriptionStatus> statuses = new ArrayList<>();
        private final List<ResourceType> resources = new ArrayList<>();
        private Instant start;
        private Instant end;

        private Builder() {
        }

        /**
         * @param value whether each subscription carries its consumption
         * @return this
         */
        public Builder includeConsumption(boolean value) {
            this.includeConsumption = value;
            return this;
        }

        /**
         * @param value only this user's subscriptions, not blank
         * @return this
         */
        public Builder userId(String value) {
            this.userId = Checks.notBlank(value, "userId");
            return this;
        }

        /**
         * @param values only subscriptions in one of these statuses (replaces earlier ones); none blank
         * @return this
         */
        public Builder statuses(SubscriptionStatus... values) {
            Objects.requireNonNull(values, "statuses must not be null");
            statuses.clear();
            for (SubscriptionStatus s : values) {
                Objects.requireNonNull(s, "statuses must not contain null");
                if (s.value().isBlank()) {
                    throw new IllegalArgumentException("statuses must not contain a blank status");
                }
                statuses.add(s);
            }
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
        public SubscriptionQuery build() {
            Checks.period(start, end, "consumptionStart", "consumptionEnd");
            return new SubscriptionQuery(this);
        }
    }
}
