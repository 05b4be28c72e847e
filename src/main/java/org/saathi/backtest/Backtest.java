package org.saathi.backtest;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One backtest as it runs: participants are handed in batch by batch as they are read, replayed
 * through one rule set (or two, to compare them) on a few threads, and only the alerts and tallies
 * are kept. It can be cancelled, which stops it within moments, and says how far it has got.
 */
public final class Backtest {

    private final ReplayOptions options;
    private final RunTally base;
    private final Optional<RunTally> other;
    private final ForkJoinPool threads;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public Backtest(ReplayOptions options, RunTally base, Optional<RunTally> other, int threads) {
        this.options = options;
        this.base = base;
        this.other = other;
        this.threads = new ForkJoinPool(Math.max(1, threads));
    }

    /** Replays a batch of participants; throws {@link CancellationException} once cancelled. */
    public void replay(List<ParticipantHistory> batch) {
        checkCancelled();
        try {
            threads.submit(() -> batch.parallelStream().forEach(history -> {
                checkCancelled();
                base.replay(history, cancelled::get);
                other.ifPresent(tally -> tally.replay(history, cancelled::get));
                done.incrementAndGet();
            })).get();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            cancel();
            throw new CancellationException("interrupted");
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(failed.getCause());
        }
    }

    private void checkCancelled() {
        if (cancelled.get()) {
            throw new CancellationException("the backtest was cancelled");
        }
    }

    /** Stops the backtest at the next moment any participant's replay evaluates. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Participants replayed so far. */
    public int done() {
        return done.get();
    }

    public Result finish() {
        threads.shutdown();
        int participants = done.get();
        Run run = base.finish();
        Optional<Run> compared = other.map(RunTally::finish);
        return new Result(options.from(), options.to(), options.step(), options.assumeResolvedAfter(),
                options.factsCount(), participants, run, compared, compared.map(c -> Comparison.between(run, c)));
    }

    /** Releases the threads of a backtest that ends without a result. */
    public void abandon() {
        threads.shutdownNow();
    }
}
