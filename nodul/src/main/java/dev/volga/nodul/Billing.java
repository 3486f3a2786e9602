package dev.volga.nodul;

import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.internal.Checks;
import dev.volga.nodul.model.ResourceType;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Billing. Get it from {@link NodulClient#billing()}. */
public final class Billing {

    private final Calls calls;

    Billing(Calls calls) {
        this.calls = calls;
    }

    /**
     * Adds a quantity of a resource to a user ({@code POST /billing/resource}, documented as "credit
     * charge"; Latenode reads it as a top-up). Whether the quantity is in whole or micro units is not
     * documented: it is sent as given. Not retried on a lost response (it is not idempotent).
     *
     * @param userId the tenant's user id, not blank
     * @param resource the resource, not blank
     * @param quantity the quantity, positive
     * @return completes when done
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the id is blank, the resource blank or the quantity not positive
     */
    public Mono<Void> addResource(String userId, ResourceType resource, long quantity) {
        Checks.notBlank(userId, "userId");
        Objects.requireNonNull(resource, "resource must not be null");
        if (resource.value().isBlank()) {
            throw new IllegalArgumentException("resource must not be blank");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive, was " + quantity);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("user_id", userId);
        body.put("resource", resource.value());
        body.put("quantity", quantity);
        return calls.post("/billing/resource", "billing.addResource", body, false, Void.class);
    }
}
