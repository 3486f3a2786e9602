package dev.volga.clodo.model;

import java.time.LocalDateTime;

/**
 * A login of the account.
 *
 * @param authDate when
 * @param authIp from where
 * @param authStatus the outcome
 */
public record AuthLogEntry(
        LocalDateTime authDate,
        String authIp,
        String authStatus) {
}
