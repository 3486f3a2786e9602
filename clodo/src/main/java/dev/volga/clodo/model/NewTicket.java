package dev.volga.clodo.model;

/**
 * A new helpdesk ticket ({@code POST /helpdesk/}).
 *
 * @param type the ticket type id
 * @param subject the subject, not blank
 * @param text the message, not blank
 * @param slaType the SLA type id (0: standard)
 * @param serverNum the server it is about, 0 for none
 */
public record NewTicket(int type, String subject, String text, int slaType, long serverNum) {

    /**
     * Validates the ticket.
     *
     * @param type the ticket type id
     * @param subject the subject, not blank
     * @param text the message, not blank
     * @param slaType the SLA type id (0: standard)
     * @param serverNum the server it is about, 0 for none
     */
    public NewTicket {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a ticket needs a subject");
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a ticket needs a text");
        }
        if (type < 0 || slaType < 0 || serverNum < 0) {
            throw new IllegalArgumentException("type, slaType and serverNum must not be negative");
        }
    }
}
