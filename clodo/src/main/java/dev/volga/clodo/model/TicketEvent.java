package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A message of a ticket, or a paid work item (then the {@code work…} fields are set).
 *
 * @param id the event id
 * @param date when
 * @param userId the author id
 * @param text the text
 * @param newUser unread marker
 * @param userName the author name
 * @param userMessage whether the client wrote it
 * @param file whether it is a file
 * @param workTime work time
 * @param workCost work cost
 * @param workAccepted -1 disagree, 0 thinking, 1 agree
 * @param workActions work actions
 */
public record TicketEvent(
        @JsonProperty("ticket_events_id") Long id,
        @JsonProperty("ticket_events_date") LocalDateTime date,
        @JsonProperty("ticket_events_user_id") Long userId,
        @JsonProperty("ticket_events_text") String text,
        @JsonProperty("ticket_events_new_user") String newUser,
        @JsonProperty("users_name") String userName,
        @JsonProperty("is_user_msg") Boolean userMessage,
        @JsonProperty("is_file") Boolean file,
        @JsonProperty("works_time") String workTime,
        @JsonProperty("works_cost") BigDecimal workCost,
        @JsonProperty("works_user_accept") Integer workAccepted,
        @JsonProperty("works_actions") String workActions) {
}
