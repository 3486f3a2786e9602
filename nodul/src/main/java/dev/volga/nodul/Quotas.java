package dev.volga.nodul;

import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.model.Feature;
import reactor.core.publisher.Flux;


/** The organisation's quota limits: {@code GET /quotas}. Get it from {@link NodulClient#quotas()}. */
public final class Quotas {

    private final Calls calls;

    Quotas(Calls calls) {
        this.calls = calls;
    }

    /**
     * Lists the organisation's limits, one feature per alias ({@code GET /quotas}).
     *
     * @return the quotas, element by element
     */
    public Flux<Feature> list() {
        return calls.getList("/quotas", "quotas.list", "quotas", Feature.class);
    }
}
