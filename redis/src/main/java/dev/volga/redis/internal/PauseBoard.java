package dev.volga.redis.internal;

import dev.volga.transport.spi.SharedState;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This instance's view of the server pauses of every credential: set by its own 429s at once and by
 * other instances' through the events channel ({@code "<scope> pause <µs>"}).
 */
public final class PauseBoard {

    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    /**
     * @param link the link whose events carry other instances' pauses
     */
    public PauseBoard(RedisLink link) {
        link.events().subscribe(this::onEvent, error -> { });
    }

    private void onEvent(String event) {
        String[] parts = event.split(" ");
        if (parts.length == 3 && parts[1].equals("pause")) {
            Pause p = pauses.get(parts[0]);
            if (p != null) {
                try {
                    p.extend(Long.parseLong(parts[2]) / 1000);
                } catch (NumberFormatException ignored) {
                    // not ours
                }
            }
        }
    }

    /**
     * @param scope a credential
     * @return its pause (one per credential in this instance)
     */
    public Pause of(SharedState.Scope scope) {
        return pauses.computeIfAbsent(Keys.tag(scope), Pause::new);
    }

    /** One credential's pause: until when (wall clock, ms), and how often it was extended. */
    public static final class Pause {
        private final String tag;
        private final AtomicLong until = new AtomicLong();
        private final AtomicLong epoch = new AtomicLong();

        Pause(String tag) {
            this.tag = tag;
        }

        /** @return the credential's name in events */
        public String tag() {
            return tag;
        }

        /**
         * Pauses until now + {@code millis} unless a longer pause is in force.
         *
         * @param millis the pause
         */
        public void extend(long millis) {
            long end = System.currentTimeMillis() + millis;
            long current;
            do {
                current = until.get();
                if (end <= current) {
                    return;
                }
            } while (!until.compareAndSet(current, end));
            epoch.incrementAndGet();
        }

        /** @return how long the pause still lasts, 0 if none */
        public long remainingMillis() {
            return Math.max(0, until.get() - System.currentTimeMillis());
        }

        /** @return a number that changes whenever the pause is extended */
        public long epoch() {
            return epoch.get();
        }
    }
}
