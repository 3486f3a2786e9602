package dev.volga.clodo.model;

import java.time.LocalDateTime;

/**
 * One entry of a server's operation log (localised text as Clodo sends it).
 *
 * @param id the entry id
 * @param command the operation
 * @param user who did it
 * @param date when (Moscow time)
 * @param status the outcome
 */
public record LogEntry(
        Long id,
        String command,
        String user,
        LocalDateTime date,
        String status) {
}
