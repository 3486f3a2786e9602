package dev.volga.nodul.model;

/** Shared lookup of the enums that mirror Nodul's prefixed lower-snake wire values. */
final class WireEnum {

    private WireEnum() {
    }

    static <E extends Enum<E>> E find(Class<E> type, String wire, java.util.function.Function<E, String> wireOf, E unknown) {
        if (wire == null) {
            return unknown;
        }
        for (E e : type.getEnumConstants()) {
            String w = wireOf.apply(e);
            if (w != null && w.equals(wire)) {
                return e;
            }
        }
        return unknown;
    }
}
