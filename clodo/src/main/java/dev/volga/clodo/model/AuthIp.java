package dev.volga.clodo.model;


/**
 * An IP allowed to log in.
 *
 * @param ip the address
 */
public record AuthIp(
        String ip) {
}
