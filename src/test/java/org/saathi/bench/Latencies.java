package org.saathi.bench;

import java.util.Arrays;

/** Latencies in nanoseconds, recorded from many threads, read as percentiles in milliseconds. */
final class Latencies {

    private long[] nanos = new long[4096];
    private int count;

    synchronized void record(long latencyNanos) {
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    synchronized int count() {
        return count;
    }

    /** The smallest latency that {@code percent} of requests did not exceed. */
    synchronized double percentileMs(double percent) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(index, count - 1))] / 1e6;
    }

    synchronized double maxMs() {
        return count == 0 ? Double.NaN : Arrays.stream(nanos, 0, count).max().orElse(0) / 1e6;
    }

    String summary() {
        return "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms".formatted(percentileMs(50), percentileMs(90),
                percentileMs(99), maxMs());
    }
}
