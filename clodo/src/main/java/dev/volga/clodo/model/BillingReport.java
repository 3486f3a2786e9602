package dev.volga.clodo.model;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Account operations for a period.
 *
 * @param totalDebitAmount debits, roubles
 * @param totalCreditAmount credits, roubles
 * @param period the day (or start of the period)
 * @param debits debits by type ({@code vps}, {@code mem}, {@code cpu}, {@code vbd}, …)
 * @param credits incoming payments as sent (shape undocumented)
 */
public record BillingReport(
        BigDecimal totalDebitAmount,
        BigDecimal totalCreditAmount,
        LocalDate period,
        Map<String, Debit> debits,
        List<Map<String, Object>> credits) {

    /**
     * Lists are never null: absent lists are empty.
     *
     * @param totalDebitAmount debits, roubles
     * @param totalCreditAmount credits, roubles
     * @param period the day (or start of the period)
     * @param debits debits by type ({@code vps}, {@code mem}, {@code cpu}, {@code vbd}, …)
     * @param credits incoming payments as sent (shape undocumented)
     */
    public BillingReport {
        credits = credits == null ? List.of() : List.copyOf(credits);
    }
}
