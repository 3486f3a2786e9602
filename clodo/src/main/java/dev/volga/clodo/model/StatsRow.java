package dev.volga.clodo.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of resource usage statistics.
 *
 * @param statdate when it was measured
 * @param cpuSec CPU seconds
 * @param cpuPerc CPU %
 * @param memCurrent memory allocated, KB
 * @param memUsed memory used, KB
 * @param netRx received, KB per minute
 * @param netTx sent, KB per minute
 * @param hddRead disk reads
 * @param hddWrite disk writes
 */
public record StatsRow(
        Instant statdate,
        Long cpuSec,
        BigDecimal cpuPerc,
        Long memCurrent,
        Long memUsed,
        Long netRx,
        Long netTx,
        Long hddRead,
        Long hddWrite) {
}
