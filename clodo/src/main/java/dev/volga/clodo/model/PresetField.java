package dev.volga.clodo.model;


/**
 * A parameter an install preset asks for.
 *
 * @param title the label
 * @param name the parameter name
 * @param type {@code string}, {@code login}, {@code password}, {@code email} or {@code domain}
 * @param req whether it is required
 */
public record PresetField(
        String title,
        String name,
        String type,
        Boolean req) {
}
