package dev.volga.clodo.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;

/**
 * A server status. Clodo publishes no complete list, so this is an open value: the known ones are
 * constants, anything else is kept as sent.
 *
 * @param value the status as Clodo sends it, e.g. {@code is_running}
 */
public record ServerStatus(@JsonValue String value) {

    /** Running. */
    public static final ServerStatus RUNNING = new ServerStatus("is_running");
    /** Stopped. */
    public static final ServerStatus DISABLED = new ServerStatus("is_disabled");
    /** Stopped (seen in 2022). */
    public static final ServerStatus STOPPED = new ServerStatus("is_stopped");
    /** Queued for creation, no IPs yet. */
    public static final ServerStatus REQUEST = new ServerStatus("is_request");
    /** Installing. */
    public static final ServerStatus INSTALL = new ServerStatus("is_install");
    /** Failed. */
    public static final ServerStatus ERROR = new ServerStatus("is_error");
    /** Suspended. */
    public static final ServerStatus SUSPENDED = new ServerStatus("is_suspended");

    /**
     * Validates the value.
     *
     * @param value the status as Clodo sends it, e.g. {@code is_running}
     */
    public ServerStatus {
        Objects.requireNonNull(value, "value");
    }

    /**
     * @param value the status text
     * @return the status
     */
    @JsonCreator
    public static ServerStatus of(String value) {
        return new ServerStatus(value.trim());
    }

    /** @return whether the server is still being created or installed */
    public boolean isPending() {
        return equals(REQUEST) || equals(INSTALL);
    }

    @Override
    public String toString() {
        return value;
    }
}
