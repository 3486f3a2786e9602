package dev.volga.benchmarks;

import java.util.Arrays;

/** Latencies of one measurement in nanoseconds; one instance per caller (not thread-safe), merged at the end. */
public final class Latencies {

    private long[] values;
    private int size;

    /** A recording that keeps every latency. */
    public Latencies() {
        this(true);
    }

    /**
     * @param keep false: only count (a loop of millions of calls a second, such as TimeoutBench's,
     *             would fill the heap with latencies no table prints)
     */
    public Latencies(boolean keep) {
        values = keep ? new long[1024] : null;
    }

    /** @param nanos one latency */
    public void add(long nanos) {
        if (values == null) {
            size++;
            return;
        }
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    /** @return how many were recorded */
    public int count() {
        return size;
    }

    /**
     * @param parts per-caller recordings
     * @return all of them in one, sorted
     */
    public static Latencies merge(Iterable<Latencies> parts) {
        Latencies all = new Latencies();
        for (Latencies p : parts) {
            if (p.values == null) {
                continue; // counted only
            }
            for (int i = 0; i < p.size; i++) {
                all.add(p.values[i]);
            }
        }
        Arrays.sort(all.values, 0, all.size);
        return all;
    }

    /**
     * @param q the quantile, 0..1, of a merged (sorted) recording
     * @return the latency in milliseconds, NaN if empty
     */
    public double quantileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(size - 1, Math.max(0, Math.ceil(q * size) - 1));
        return values[i] / 1e6;
    }

    /** @return the mean in milliseconds of a recording, NaN if empty */
    public double meanMillis() {
        if (size == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < size; i++) {
            sum += values[i];
        }
        return sum / size / 1e6;
    }
}
