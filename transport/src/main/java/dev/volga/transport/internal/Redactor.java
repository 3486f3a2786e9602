package dev.volga.transport.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Masks secrets in any text the transport prints: log lines, exception messages, request
 * descriptions. It remembers the clear-text value of every secret the client sent (API keys,
 * tokens from logins; the most recent {@value #CAPACITY}) and replaces each occurrence with
 * {@value #MASK}.
 */
public final class Redactor {

    /** What a secret is replaced with. */
    public static final String MASK = "***";

    /** How many distinct secret values are remembered. */
    static final int CAPACITY = 64;

    /** Values shorter than this are not scrubbed by value (they would mask ordinary words). */
    private static final int MIN_LENGTH = 4;

    private final Deque<String> secrets = new ArrayDeque<>();
    private volatile String[] snapshot = new String[0];

    /**
     * Remembers a secret value so that it is masked from now on.
     *
     * @param value the clear text; ignored when null or very short
     */
    public void remember(String value) {
        if (value == null || value.length() < MIN_LENGTH) {
            return;
        }
        String[] current = snapshot;
        for (String s : current) {
            if (s.equals(value)) {
                return;
            }
        }
        synchronized (secrets) {
            if (secrets.contains(value)) {
                return;
            }
            secrets.addFirst(value);
            while (secrets.size() > CAPACITY) {
                secrets.removeLast();
            }
            // longest first, so a secret that contains another is masked whole
            snapshot = secrets.stream().sorted((a, b) -> Integer.compare(b.length(), a.length())).toArray(String[]::new);
        }
    }

    /**
     * @param text any text, may be null
     * @return the text with every remembered secret replaced by {@value #MASK}
     */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (String s : snapshot) {
            if (result.contains(s)) {
                result = result.replace(s, MASK);
            }
        }
        return result;
    }
}
