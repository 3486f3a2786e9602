package dev.volga.nodul;

import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.internal.Checks;
import dev.volga.nodul.internal.Payloads;
import dev.volga.nodul.model.Subscription;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Plans assigned to users: list, assign, cancel. Get it from {@link NodulClient#subscriptions()}. */
public final class Subscriptions {

    private final Calls calls;

    Subscriptions(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists every subscription, without consumption ({@code POST /subscriptions/list}).
     *
     * @return the subscriptions, element by element
     */
    public Flux<Subscription> list() {
        return list(SubscriptionQuery.all());
    }

    /**
     * Lists subscriptions with options and filters ({@code POST /subscriptions/list}).
     *
     * @param query the options and filters
     * @return the subscriptions, element by element
     * @throws NullPointerException if the query is null
     */
    public Flux<Subscription> list(SubscriptionQuery query) {
        Objects.requireNonNull(query, "query must not be null");
        return calls.postList("/subscriptions/list", "subscriptions.list", query.toWire(), "subscriptions", Subscription.class);
    }

    /**
     * Assigns a plan to a user ({@code POST /subscriptions}). A user may hold several subscriptions;
     * the best quotas among them apply.
     *
     * @param userId the tenant's user id, not blank
     * @param planId the plan id, not blank
     * @return the new subscription (without consumption)
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if an argument is blank
     */
    public Mono<Subscription> assign(String userId, String planId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", Checks.notBlank(userId, "userId"));
        body.put("plan_id", Checks.notBlank(planId, "planId"));
        return calls.post("/subscriptions", "subscriptions.assign", body, false, Payloads.SubscriptionData.class)
                .map(Payloads.SubscriptionData::subscription);
    }

    /**
     * Cancels a subscription ({@code POST /subscriptions/cancel}); the id is sent as a string.
     *
     * @param subscriptionId the subscription id, not blank
     * @return completes when done
     * @throws NullPointerException if the id is null
     * @throws IllegalArgumentException if the id is blank
     */
    public Mono<Void> cancel(String subscriptionId) {
        Map<String, Object> body = Map.of("subscription_id", Checks.notBlank(subscriptionId, "subscriptionId"));
        return calls.post("/subscriptions/cancel", "subscriptions.cancel", body, false, Void.class);
    }
}
