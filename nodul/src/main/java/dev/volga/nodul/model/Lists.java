package dev.volga.nodul.model;

import java.util.ArrayList;
import java.util.List;

/** Null-tolerant list copies for the records: a missing or null array reads as empty, null elements are dropped. */
final class Lists {

    private Lists() {
    }

    static <T> List<T> copy(List<T> list) {
        if (list == null || list.isEmpty()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(list.size());
        for (T t : list) {
            if (t != null) {
                out.add(t);
            }
        }
        return List.copyOf(out);
    }
}
