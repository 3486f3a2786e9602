package dev.volga.nodul;

import dev.volga.nodul.internal.Checks;
import dev.volga.nodul.model.ResourceType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The {@code filters.consumption} object shared by the subscription and user lists. */
record ConsumptionWindow(List<ResourceType> resources, Instant start, Instant end) {

    ConsumptionWindow {
        resources = List.copyOf(resources);
    }

    static void resources(List<ResourceType> target, ResourceType[] values, String name) {
        Objects.requireNonNull(values, name + " must not be null");
        target.clear();
        for (ResourceType r : values) {
            Objects.requireNonNull(r, name + " must not contain null");
            if (r.value().isBlank()) {
                throw new IllegalArgumentException(name + " must not contain a blank resource");
            }
            target.add(r);
        }
    }

    static List<String> wire(List<ResourceType> resources) {
        return resources.stream().map(ResourceType::value).toList();
    }

    void putInto(Map<String, Object> filters) {
        if (resources.isEmpty() && start == null && end == null) {
            return;
        }
        Map<String, Object> consumption = new LinkedHashMap<>();
        if (!resources.isEmpty()) {
            consumption.put("resources", wire(resources));
        }
        if (start != null) {
            consumption.put("start", Checks.time(start));
        }
        if (end != null) {
            consumption.put("end", Checks.time(end));
        }
        filters.put("consumption", consumption);
    }
}
