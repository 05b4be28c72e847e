package org.saathi.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What one load phase got: the requests and items that fall in its measurement window, their
 * latencies, and every failure (in the window or not), with the first one's answer to show.
 */
final class Tally {

    private final long from;
    private volatile long to;
    private final Latencies latencies = new Latencies();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicReference<String> firstFailure = new AtomicReference<>();

    /** {@code from} and {@code to} in {@link System#nanoTime()}. */
    Tally(long from, long to) {
        this.from = from;
        this.to = to;
    }

    /**
     * One answered request: latency from {@code begin} to {@code end}; it counts when {@code stamp}
     * (its answer in a closed loop, its due time in an open one) is in the window. A {@code problem}
     * makes it a failure.
     */
    void record(long begin, long end, long stamp, int itemCount, String problem) {
        if (problem != null) {
            failures.incrementAndGet();
            firstFailure.compareAndSet(null, problem.length() > 300 ? problem.substring(0, 300) : problem);
            return;
        }
        if (stamp >= from && stamp < to) {
            requests.incrementAndGet();
            items.addAndGet(itemCount);
            latencies.record(end - begin);
        }
    }

    /** Closes a window that lasts until the work is done. */
    Tally finish() {
        to = System.nanoTime();
        return this;
    }

    long to() {
        return to;
    }

    double seconds() {
        return (to - from) / 1e9;
    }

    long requests() {
        return requests.get();
    }

    long items() {
        return items.get();
    }

    double itemsPerSecond() {
        return items.get() / seconds();
    }

    double requestsPerSecond() {
        return requests.get() / seconds();
    }

    Latencies latencies() {
        return latencies;
    }

    long failures() {
        return failures.get();
    }

    String firstFailure() {
        return firstFailure.get();
    }

    /** Throws when more than one request in a hundred failed: the figures would not mean much. */
    Tally requireMostlyAnswered(String phase) {
        long all = requests.get() + failures.get();
        if (failures.get() * 100 > all) {
            throw new IllegalStateException(phase + ": " + failures.get() + " of " + all
                    + " requests failed; the first: " + firstFailure.get());
        }
        return this;
    }
}
