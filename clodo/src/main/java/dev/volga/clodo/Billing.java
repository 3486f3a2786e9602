package dev.volga.clodo;

import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.WireBody;
import dev.volga.clodo.model.BillingReport;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/** Balance and account operations. */
public final class Billing {

    private final Calls calls;

    Billing(Calls calls) {
        this.calls = calls;
    }

    /** @return the balance in roubles ({@code GET /billing/balance}) */
    public Mono<BigDecimal> balance() {
        return calls.one(ApiRequest.get("/billing/balance"), "billing.balance", "balance", BigDecimal.class);
    }

    /**
     * @param from start
     * @param to end, not before {@code from}
     * @return account operations of the period ({@code POST /billing})
     */
    public Mono<BillingReport> operations(Instant from, Instant to) {
        return report("/billing", from, to);
    }

    /**
     * @param serverId the VPS number
     * @param from start
     * @param to end
     * @return operations of one server ({@code POST /billing/{id}})
     */
    public Mono<BillingReport> operations(long serverId, Instant from, Instant to) {
        return report("/billing/" + Check.id(serverId, "server id"), from, to);
    }

    private Mono<BillingReport> report(String path, Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        WireBody body = WireBody.of("billing", WireBody.builder().put("from", Long.toString(from.getEpochSecond()))
                .put("to", Long.toString(to.getEpochSecond())).map());
        return calls.one(ApiRequest.post(path).idempotent(true).body(body), "billing.operations", "billing", BillingReport.class);
    }
}
