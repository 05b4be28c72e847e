package org.saathi.backtest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.saathi.roster.Caseload;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs this instance's backtests on their own thread, so that a rule author's experiment never takes
 * the machine from live evaluation; participants are read in batches, never all at once. Whom it
 * replayed goes into the audit log as it ends, however it ends, and before its answer can be read.
 * A cancel may be asked through any instance: the database is asked before each batch and at each
 * beat, and a backtest taken over by another instance stops too.
 */
final class BacktestRunner {

    private static final Logger log = LoggerFactory.getLogger(BacktestRunner.class);

    /** What one backtest replays: whose history, over which options, and how far back facts are read. */
    record Scope(Caseload caseload, Optional<List<String>> named, ReplayOptions options, Duration window) {
    }

    /** A backtest running on this instance, and what completes as it ends. */
    private record Running(Job job, Backtest backtest, CompletableFuture<Job> ended) {
    }

    private final Histories histories;
    private final JobStore store;
    private final BacktestSettings settings;
    private final Audit audit;
    private final Clock clock;
    private final String instance;
    private final Map<UUID, Running> here = new ConcurrentHashMap<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task -> {
        Thread backtest = new Thread(task, "backtest");
        backtest.setDaemon(true);
        return backtest;
    });

    BacktestRunner(Histories histories, JobStore store, BacktestSettings settings, Audit audit, Clock clock,
            String instance) {
        this.histories = histories;
        this.store = store;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
        this.instance = instance;
    }

    /** Starts {@code job}, already running in the store; what it returns completes with the job as it ended. */
    CompletableFuture<Job> start(Caller caller, Job job, Backtest backtest, Scope scope) {
        Running running = new Running(job, backtest, new CompletableFuture<>());
        here.put(job.id(), running);
        thread.execute(() -> run(caller, running, scope));
        return running.ended();
    }

    /** Stops a backtest at once if it runs here; elsewhere, its instance finds the cancel in the store. */
    void cancel(UUID id) {
        Optional.ofNullable(here.get(id)).ifPresent(running -> running.backtest().cancel());
    }

    /** The backtests running here, which no other instance may take over. */
    Set<UUID> runningHere() {
        return Set.copyOf(here.keySet());
    }

    /** Records how far each backtest here has got, and stops those cancelled elsewhere or taken over. */
    void beat(Instant now) {
        store.beatStarting(instance, now);
        for (Running running : here.values()) {
            if (store.beat(running.job().id(), instance, running.backtest().done(), now)) {
                running.backtest().cancel();
            }
        }
    }

    /** This instance is stopping: its backtests end FAILED, saying so, and stop. */
    void stop() {
        try {
            for (Running running : here.values()) {
                store.end(running.job().ended(Job.State.FAILED, running.backtest().done(), clock.instant(),
                        Optional.empty(), Optional.of(Job.INSTANCE_STOPPED)), instance);
                running.backtest().cancel();
            }
        } finally {
            thread.shutdownNow();
        }
    }

    private void run(Caller caller, Running running, Scope scope) {
        Job job = running.job();
        Backtest backtest = running.backtest();
        List<String> replayed = new ArrayList<>();
        Job ended;
        try {
            histories.forEachBatch(scope.caseload(), scope.named(), scope.options(), scope.window(), settings.batch(),
                    batch -> {
                        stopIfAsked(job, backtest);
                        batch.forEach(history -> replayed.add(history.participant().id()));
                        backtest.replay(batch);
                    });
            stopIfAsked(job, backtest);
            Result result = backtest.finish();
            audit.recordParticipants(caller, Audit.Action.BACKTEST_REPLAYED, replayed);
            ended = job.ended(Job.State.DONE, backtest.done(), clock.instant(), Optional.of(result), Optional.empty());
            log.info("Backtest {} replayed {} participants", job.id(), backtest.done());
        } catch (CancellationException cancelled) {
            abandon(caller, backtest, replayed);
            ended = job.ended(Job.State.CANCELLED, backtest.done(), clock.instant(), Optional.empty(),
                    Optional.empty());
            log.info("Backtest {} cancelled after {} of {} participants", job.id(), backtest.done(), job.total());
        } catch (RuntimeException failed) {
            abandon(caller, backtest, replayed);
            ended = backtest.isCancelled()
                    ? job.ended(Job.State.CANCELLED, backtest.done(), clock.instant(), Optional.empty(),
                            Optional.empty())
                    : job.ended(Job.State.FAILED, backtest.done(), clock.instant(), Optional.empty(),
                            Optional.of(Job.FAILED_WHERE_IT_RAN));
            log.error("Backtest {} failed after {} participants", job.id(), backtest.done(), failed);
        } finally {
            here.remove(job.id());
        }
        running.ended().complete(recorded(ended));
    }

    /** Asks the store before each batch and before the answer: a cancel may have come through another instance. */
    private void stopIfAsked(Job job, Backtest backtest) {
        if (store.toStop(job.id(), instance)) {
            backtest.cancel();
            throw new CancellationException("the backtest was cancelled");
        }
    }

    private void abandon(Caller caller, Backtest backtest, List<String> replayed) {
        backtest.abandon();
        audit.recordParticipants(caller, Audit.Action.BACKTEST_REPLAYED, replayed);
    }

    /** The end as stored; or, when another instance took the backtest over meanwhile, as it left it. */
    private Job recorded(Job ended) {
        try {
            if (store.end(ended, instance)) {
                store.forget(clock.instant().minus(settings.keep()), settings.kept());
                return ended;
            }
            log.warn("Backtest {} was taken over by another instance while it ran here", ended.id());
            return store.find(ended.id(), Instant.EPOCH).orElse(ended);
        } catch (RuntimeException unrecorded) {
            log.error("Backtest {} ended {} but could not be recorded", ended.id(), ended.state(), unrecorded);
            return ended;
        }
    }
}
