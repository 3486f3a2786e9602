package dev.volga.clodo;

import dev.volga.clodo.internal.Calls;
import dev.volga.clodo.internal.WireBody;
import dev.volga.clodo.model.NewTicket;
import dev.volga.clodo.model.Ticket;
import dev.volga.clodo.model.TicketDetails;
import dev.volga.transport.spi.ApiRequest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Objects;

/** Helpdesk tickets. */
public final class Helpdesk {

    private final Calls calls;

    Helpdesk(Calls calls) {
        this.calls = calls;
    }

    /** @return the open tickets ({@code GET /helpdesk/}) */
    public Flux<Ticket> tickets() {
        return calls.many(ApiRequest.get("/helpdesk/"), "helpdesk.list", "helpdesk", Ticket.class, false);
    }

    /**
     * @param id the ticket
     * @return it with its events and works
     */
    public Mono<TicketDetails> ticket(long id) {
        Check.id(id, "ticket id");
        return calls.one(ApiRequest.get("/helpdesk/" + id), "helpdesk.get", "helpdesk", TicketDetails.class);
    }

    /**
     * @param ticket the new ticket
     * @return completes when opened ({@code POST /helpdesk/})
     */
    public Mono<Void> open(NewTicket ticket) {
        Objects.requireNonNull(ticket, "ticket");
        WireBody body = WireBody.of("helpdesk", WireBody.builder().put("tickets_type", ticket.type())
                .put("tickets_subj", ticket.subject()).put("tickets_text", ticket.text())
                .put("tickets_sla_type", ticket.slaType()).put("virtual_mashines_num", ticket.serverNum()).map());
        return calls.none(ApiRequest.post("/helpdesk/").body(body), "helpdesk.open");
    }

    /**
     * @param id the ticket
     * @param text the message
     * @return completes when added ({@code POST /helpdesk/{id}})
     */
    public Mono<Void> reply(long id, String text) {
        Check.id(id, "ticket id");
        WireBody body = WireBody.of("helpdesk", Map.of("text", Check.text(text, "text")));
        return calls.none(ApiRequest.post("/helpdesk/" + id).body(body), "helpdesk.reply");
    }
}
