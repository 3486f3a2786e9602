package dev.volga.clodo.model;


/**
 * A datacenter whose API host creates servers there.
 *
 * @param id the id
 * @param apihost the API host, e.g. {@code api.kh.clodo.ru}
 * @param title the name
 */
public record Datacenter(
        String id,
        String apihost,
        String title) {
}
