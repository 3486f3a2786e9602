package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A backup of a server.
 *
 * @param file the backup id
 * @param date when it was made
 * @param price roubles per hour
 * @param size size, GB
 * @param description the description, null when empty
 * @param days schedule days, comma list, 1 = Monday, null when none
 * @param time schedule time {@code HH:MM}
 * @param osType OS family
 */
public record Backup(
        String file,
        LocalDateTime date,
        BigDecimal price,
        Integer size,
        @JsonProperty("desc") String description,
        String days,
        String time,
        String osType) {
}
