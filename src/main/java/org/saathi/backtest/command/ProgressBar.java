package org.saathi.backtest.command;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * How far a long backtest has got, redrawn in place on the terminal a few times a second:
 * {@code [#########...........]  45%  4,500/10,000 participants  1m 12s left}. Cleared at the end,
 * so that nothing of it is left between the command and its summary.
 */
final class ProgressBar implements AutoCloseable {

    private static final int WIDTH = 20;
    private static final long REDRAW_MILLIS = 250;

    private final PrintStream terminal;
    private final int total;
    private final IntSupplier done;
    private final long started;
    private final ScheduledExecutorService redraw = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "backtest-progress");
        thread.setDaemon(true);
        return thread;
    });
    private boolean visible;
    private int drawn;

    ProgressBar(PrintStream terminal, int total, IntSupplier done) {
        this.terminal = terminal;
        this.total = total;
        this.done = done;
        this.started = System.nanoTime();
    }

    /** Starts drawing how many of {@code total} participants are {@code done}; when not {@code visible}, nothing. */
    static ProgressBar start(PrintStream terminal, boolean visible, int total, IntSupplier done) {
        ProgressBar bar = new ProgressBar(terminal, total, done);
        if (visible) {
            bar.visible = true;
            bar.redraw.scheduleAtFixedRate(bar::draw, 0, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
        }
        return bar;
    }

    private synchronized void draw() {
        String line = line(done.getAsInt(), Duration.ofNanos(System.nanoTime() - started));
        terminal.print("\r" + line + " ".repeat(Math.max(0, drawn - line.length())));
        terminal.flush();
        drawn = line.length();
    }

    /** Draws the last state, then clears the line. */
    @Override
    public synchronized void close() {
        redraw.shutdownNow();
        if (!visible) {
            return;
        }
        draw();
        terminal.print("\r" + " ".repeat(drawn) + "\r");
        terminal.flush();
        drawn = 0;
    }

    String line(int done, Duration elapsed) {
        int percent = total == 0 ? 100 : (int) (100L * done / total);
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        String line = String.format(Locale.ROOT, "[%s%s] %3d%%  %s/%s participants", "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent, thousands(done), thousands(total));
        if (done > 0 && done < total) {
            line += "  " + shortly(elapsed.multipliedBy(total - done).dividedBy(done)) + " left";
        }
        return line;
    }

    private static String thousands(int count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    /** A duration as a person reads it at a glance: {@code 1h 5m}, {@code 1m 12s}, {@code 40s}. */
    static String shortly(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        if (seconds >= 3600) {
            return seconds / 3600 + "h " + seconds % 3600 / 60 + "m";
        }
        if (seconds >= 60) {
            return seconds / 60 + "m " + seconds % 60 + "s";
        }
        return seconds + "s";
    }
}
