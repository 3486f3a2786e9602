package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDateTime;

/**
 * A helpdesk ticket (list fields; detail adds text, operator, SLA and vote).
 *
 * @param id the ticket id
 * @param subject the subject
 * @param typeName the type
 * @param status the status text
 * @param statusId the status id
 * @param openDate when it was opened
 * @param newEvents whether there are unread events
 * @param text the first message (detail only)
 * @param operatorName the operator (detail only)
 * @param sla the SLA (detail only)
 * @param vote -1, 0 or 1 (detail only)
 */
public record Ticket(
        Long id,
        String subject,
        String typeName,
        String status,
        Integer statusId,
        LocalDateTime openDate,
        @JsonProperty("is_new_events") Boolean newEvents,
        String text,
        String operatorName,
        String sla,
        Integer vote) {
}
