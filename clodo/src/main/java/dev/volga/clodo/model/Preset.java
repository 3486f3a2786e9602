package dev.volga.clodo.model;

import java.util.List;

/**
 * An install preset (e.g. bitrix).
 *
 * @param id the preset id
 * @param name the technical name
 * @param title the title
 * @param description the description (HTML)
 * @param fields its parameters
 */
public record Preset(
        Long id,
        String name,
        String title,
        String description,
        List<PresetField> fields) {

    /**
     * Lists are never null: absent lists are empty.
     *
     * @param id the preset id
     * @param name the technical name
     * @param title the title
     * @param description the description (HTML)
     * @param fields its parameters
     */
    public Preset {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }
}
