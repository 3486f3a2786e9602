package dev.volga.clodo.model;

import java.util.List;

/**
 * A ticket with its events and paid works.
 *
 * @param ticket the ticket
 * @param events the messages
 * @param works the paid works
 */
public record TicketDetails(
        Ticket ticket,
        List<TicketEvent> events,
        List<TicketEvent> works) {

    /**
     * Lists are never null: absent lists are empty.
     *
     * @param ticket the ticket
     * @param events the messages
     * @param works the paid works
     */
    public TicketDetails {
        events = events == null ? List.of() : List.copyOf(events);
        works = works == null ? List.of() : List.copyOf(works);
    }
}
