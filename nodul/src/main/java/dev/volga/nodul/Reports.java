package dev.volga.nodul;

import dev.volga.nodul.internal.Calls;
import dev.volga.nodul.model.ConsumptionReport;
import reactor.core.publisher.Mono;

import java.util.Objects;

/** Reports. Get it from {@link NodulClient#reports()}. */
public final class Reports {

    private final Calls calls;

    Reports(Calls calls) {
        this.calls = calls;
    }

    /**
     * The organisation's consumption over a period ({@code POST /reports/consumption}).
     *
     * @param query the period, options and filters
     * @return the report
     * @throws NullPointerException if the query is null
     */
    public Mono<ConsumptionReport> consumption(ConsumptionQuery query) {
        Objects.requireNonNull(query, "query must not be null");
        return calls.post("/reports/consumption", "reports.consumption", query.toWire(), true, ConsumptionReport.class);
    }
}
