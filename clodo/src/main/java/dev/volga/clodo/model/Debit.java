package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * Debits of one type.
 *
 * @param amount roubles
 * @param count units
 */
public record Debit(
        @JsonProperty("debits_amount") BigDecimal amount,
        @JsonProperty("debits_count") BigDecimal count) {
}
