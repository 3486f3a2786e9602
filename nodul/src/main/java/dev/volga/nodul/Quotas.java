package dev.volga.nodul;

import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.model.Feature;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;

import java.util.List;

/** The organisation's quota limits: {@code GET /quotas}. Get it from {@link NodulClient#quotas()}. */
public final class Quotas {

    /** Built once: it has no parameters. */
    private static final ApiRequest<List<Feature>> LIST = Calls.listing("/quotas", "quotas.list", "quotas", Feature.class);

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
        return calls.getList(LIST);
    }
}
