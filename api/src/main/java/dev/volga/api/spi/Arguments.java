package dev.volga.api.spi;

/**
 * Argument checks every provider shares, for provider authors: run before any I/O, they fail with
 * an {@link IllegalArgumentException} that names the parameter and never echoes the value (it may be
 * a secret).
 */
public final class Arguments {

    private Arguments() {
    }

    /**
     * Refuses control characters (CR, LF, NUL, …) in a value bound for a header, a URL, a path or a
     * message: they would split a request or forge a log line. The message names the parameter and
     * the position, never the value.
     *
     * @param value the value, not null
     * @param name the parameter's name
     * @return the value
     * @throws IllegalArgumentException if the value holds a control character:
     *     {@code "<name> must not contain control characters, found U+000A at index 3"}
     */
    public static String printable(String value, String name) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                throw new IllegalArgumentException(String.format("%s must not contain control characters, found U+%04X at index %d",
                        name, (int) c, i));
            }
        }
        return value;
    }
}
