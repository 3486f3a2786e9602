package dev.volga.clodo.model;


/**
 * An OS image (list fields; detail adds the OS fields).
 *
 * @param id the image id
 * @param name the name
 * @param vpsType the server type it is for
 * @param status e.g. {@code ACTIVE}
 * @param osType OS family (detail)
 * @param osBits 32 or 64 (detail)
 * @param osHvm hardware virtualisation (detail)
 */
public record Image(
        Long id,
        String name,
        String vpsType,
        String status,
        String osType,
        Integer osBits,
        Boolean osHvm) {
}
