package dev.volga.redis;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The warnings of fleet mode ({@code dev.volga.redis}) while it is open. */
final class Warnings extends Handler implements AutoCloseable {

    final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Logger logger = Logger.getLogger("dev.volga.redis");

    Warnings() {
        logger.addHandler(this);
    }

    /** @return the "Redis … is unavailable" warnings: one per instance per outage */
    List<LogRecord> outages() {
        return records.stream().filter(r -> r.getMessage().contains("is unavailable")).toList();
    }

    /** @return the "answers again" warnings */
    List<LogRecord> recoveries() {
        return records.stream().filter(r -> r.getMessage().contains(" answers again; ")).toList();
    }

    @Override
    public void publish(LogRecord r) {
        if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
            records.add(r);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
