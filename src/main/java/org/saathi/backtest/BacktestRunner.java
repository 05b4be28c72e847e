package org.saathi.backtest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.saathi.roster.Caseload;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one backtest at a time on its own thread, so that a rule author's experiment never takes the
 * machine from live evaluation; participants are read in batches, never all at once. Whom it
 * replayed goes into the audit log as it ends, however it ends, and before its answer can be read.
 */
final class BacktestRunner {

    private static final Logger log = LoggerFactory.getLogger(BacktestRunner.class);

    /** What one backtest replays: whose history, over which options, and how far back facts are read. */
    record Scope(Caseload caseload, Optional<List<String>> named, ReplayOptions options, Duration window) {
    }

    private final Histories histories;
    private final BacktestSettings settings;
    private final Audit audit;
    private final Clock clock;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread backtest = new Thread(task, "backtest");
        backtest.setDaemon(true);
        return backtest;
    });

    BacktestRunner(Histories histories, BacktestSettings settings, Audit audit, Clock clock) {
        this.histories = histories;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    void start(Caller caller, Job job, Scope scope) {
        thread.execute(() -> run(caller, job, scope));
    }

    void stop() {
        thread.shutdownNow();
    }

    private void run(Caller caller, Job job, Scope scope) {
        Backtest backtest = job.backtest();
        List<String> replayed = new ArrayList<>();
        try {
            histories.forEachBatch(scope.caseload(), scope.named(), scope.options(), scope.window(), settings.batch(),
                    batch -> {
                        batch.forEach(history -> replayed.add(history.participant().id()));
                        backtest.replay(batch);
                    });
            Result result = backtest.finish();
            audit.recordParticipants(caller, Audit.Action.BACKTEST_REPLAYED, replayed);
            job.completion().complete(result);
            log.info("Backtest {} replayed {} participants", job.id(), backtest.done());
        } catch (CancellationException cancelled) {
            ended(caller, job, replayed, cancelled);
            log.info("Backtest {} cancelled after {} of {} participants", job.id(), backtest.done(), job.total());
        } catch (RuntimeException failed) {
            ended(caller, job, replayed, failed);
            log.error("Backtest {} failed after {} participants", job.id(), backtest.done(), failed);
        } finally {
            job.finished(clock.instant());
        }
    }

    private void ended(Caller caller, Job job, List<String> replayed, RuntimeException why) {
        job.backtest().abandon();
        audit.recordParticipants(caller, Audit.Action.BACKTEST_REPLAYED, replayed);
        job.completion().completeExceptionally(why);
    }
}
