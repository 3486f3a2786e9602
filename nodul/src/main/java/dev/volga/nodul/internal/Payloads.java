package dev.volga.nodul.internal;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.volga.nodul.model.Execution;
import dev.volga.nodul.model.Feature;
import dev.volga.nodul.model.Plan;
import dev.volga.nodul.model.Space;
import dev.volga.nodul.model.Subscription;
import dev.volga.nodul.model.User;

import java.util.List;
import java.util.Objects;

/** The {@code data} objects that only wrap a model: {@code {plans:[…]}}, {@code {plan:{…}}}, … */
public final class Payloads {

    private Payloads() {
    }

    private static <T> List<T> list(List<T> l) {
        if (l == null) {
            return List.of();
        }
        for (T t : l) {
            if (t == null) {
                return l.stream().filter(Objects::nonNull).toList();
            }
        }
        return List.copyOf(l); // no nulls: no stream per response
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException("data." + name + " is missing");
        }
        return value;
    }

    /** @param quotas the organisation's quotas */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Quotas(@JsonProperty("quotas") List<Feature> quotas) {
        /**
         * Missing list → empty.
         *
         * @param quotas the quotas
         */
        public Quotas {
            quotas = list(quotas);
        }
    }

    /** @param plans the plans */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Plans(@JsonProperty("plans") List<Plan> plans) {
        /**
         * Missing list → empty.
         *
         * @param plans the plans
         */
        public Plans {
            plans = list(plans);
        }
    }

    /** @param plan the plan */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlanData(@JsonProperty("plan") Plan plan) {
        /**
         * Requires the plan.
         *
         * @param plan the plan
         */
        public PlanData {
            required(plan, "plan");
        }
    }

    /** @param subscriptions the subscriptions */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Subscriptions(@JsonProperty("subscriptions") List<Subscription> subscriptions) {
        /**
         * Missing list → empty.
         *
         * @param subscriptions the subscriptions
         */
        public Subscriptions {
            subscriptions = list(subscriptions);
        }
    }

    /** @param subscription the subscription */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SubscriptionData(@JsonProperty("subscription") Subscription subscription) {
        /**
         * Requires the subscription.
         *
         * @param subscription the subscription
         */
        public SubscriptionData {
            required(subscription, "subscription");
        }
    }

    /** @param users the users */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Users(@JsonProperty("users") List<User> users) {
        /**
         * Missing list → empty.
         *
         * @param users the users
         */
        public Users {
            users = list(users);
        }
    }

    /** @param space the space */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SpaceData(@JsonProperty("space") Space space) {
        /**
         * Requires the space.
         *
         * @param space the space
         */
        public SpaceData {
            required(space, "space");
        }
    }

    /** @param execution the execution */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ExecutionData(@JsonProperty("execution") Execution execution) {
        /**
         * Requires the execution.
         *
         * @param execution the execution
         */
        public ExecutionData {
            required(execution, "execution");
        }
    }
}
