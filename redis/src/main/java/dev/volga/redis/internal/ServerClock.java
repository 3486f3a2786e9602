package dev.volga.redis.internal;

/**
 * Maps times of the Redis server's clock (µs since the epoch, from {@code TIME} in a script) onto
 * this instance's {@link System#nanoTime()}. Every answer gives one bound: it was received after
 * the script ran, so {@code receivedAt - serverTime} is at least the true offset, and the smallest
 * such value seen lately is the estimate. A slot mapped with it is never early, and late only by the
 * fastest way back from Redis (microseconds on a LAN). The estimate is renewed every 30 s so that
 * clock drift does not accumulate.
 */
public final class ServerClock {

    private static final long WINDOW_NANOS = 30_000_000_000L;

    private long current = Long.MAX_VALUE;
    private long previous = Long.MAX_VALUE;
    private long windowStart = System.nanoTime();

    /**
     * @param receivedAtNanos when the answer arrived ({@link System#nanoTime()})
     * @param serverMicros the server's time in the answer
     */
    public synchronized void observe(long receivedAtNanos, long serverMicros) {
        if (receivedAtNanos - windowStart > WINDOW_NANOS) {
            previous = current;
            current = Long.MAX_VALUE;
            windowStart = receivedAtNanos;
        }
        current = Math.min(current, receivedAtNanos - serverMicros * 1000);
    }

    /**
     * @param serverMicros a time on the server's clock
     * @return the same moment on this instance's {@link System#nanoTime()} clock (never earlier)
     */
    public synchronized long toLocalNanos(long serverMicros) {
        long offset = Math.min(current, previous);
        if (offset == Long.MAX_VALUE) {
            throw new IllegalStateException("no answer observed yet");
        }
        return serverMicros * 1000 + offset;
    }
}
