package org.saathi.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.saathi.roster.ParticipantStatus;
import org.saathi.roster.Roster;
import org.saathi.roster.SweepMarkStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates every active participant once a round, for rules that time alone makes true (GAP-001:
 * nobody posts a fact to say that nothing was posted). Rounds are numbered by the clock, so several
 * instances share one: each claims batches of participants not yet swept in this round, and a
 * participant is claimed by one instance only.
 */
@Component
class EvaluationSweep {

    private static final Logger log = LoggerFactory.getLogger(EvaluationSweep.class);

    private final SweepMarkStore marks;
    private final TransactionTemplate transactions;
    private final RuleEvaluation evaluation;
    private final Roster roster;
    private final EvaluationSweepSettings settings;
    private final EvaluationMetrics metrics;
    private final HistoryImports imports;
    private final Clock clock;

    EvaluationSweep(SweepMarkStore marks, TransactionTemplate transactions, RuleEvaluation evaluation, Roster roster,
            EvaluationSweepSettings settings, EvaluationMetrics metrics, HistoryImports imports, Clock clock) {
        this.marks = marks;
        this.imports = imports;
        this.transactions = transactions;
        this.evaluation = evaluation;
        this.roster = roster;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${saathi.sweep.evaluation-every:5m}", initialDelayString = "PT20S")
    void sweep() {
        if (settings.enabled()) {
            long started = System.nanoTime();
            int swept = metrics.timeSweep(this::sweepRound);
            if (swept > 0) {
                log.info("Swept {} participants in {} ms", swept, (System.nanoTime() - started) / 1_000_000);
            }
        }
    }

    /**
     * Sweeps this instance's share of the current round, with several workers that claim batches
     * side by side (the database works on one while the rules run on another); answers how many
     * participants it evaluated.
     */
    int sweepRound() {
        long round = clock.instant().getEpochSecond() / Math.max(1, settings.evaluationEvery().toSeconds());
        if (settings.evaluationWorkers() == 1) {
            return sweepShare(round);
        }
        ExecutorService workers = Executors.newFixedThreadPool(settings.evaluationWorkers(),
                runnable -> new Thread(runnable, "saathi-sweep-worker"));
        try {
            List<Future<Integer>> shares = new ArrayList<>();
            for (int worker = 0; worker < settings.evaluationWorkers(); worker++) {
                shares.add(workers.submit(() -> sweepShare(round)));
            }
            int swept = 0;
            for (Future<Integer> share : shares) {
                swept += share.get();
            }
            return swept;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return 0;
        } catch (ExecutionException failed) {
            throw new IllegalStateException("an evaluation sweep worker failed", failed.getCause());
        } finally {
            workers.shutdownNow();
        }
    }

    private int sweepShare(long round) {
        int swept = 0;
        int idle = 0;
        String after = "";
        while (idle < 20) {
            List<String> claimed = claim(round, after);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            // Read and evaluated for the whole batch at once; only those with news are locked and written.
            // Those in the middle of a history import wait for a round after it.
            List<String> settled = claimed.isEmpty() ? List.of()
                    : imports.settled(claimed, now, settings.importQuiet());
            List<String> withNews = settled.isEmpty() ? List.of() : evaluation.withNews(settled, now);
            log.debug("Round {}: {} of {} claimed participants have news", round, withNews.size(), claimed.size());
            for (String participantId : withNews) {
                transactions.executeWithoutResult(status -> evaluateIfActive(participantId,
                        clock.instant().truncatedTo(ChronoUnit.MICROS)));
            }
            swept += claimed.size();
            if (!claimed.isEmpty()) {
                idle = 0;
                after = claimed.get(claimed.size() - 1);
            } else if (!after.isEmpty()) {
                // Past the end: once more from the start, for any batch another instance gave back.
                after = "";
            } else if (marks.unclaimed(round) == 0) {
                break;
            } else {
                // another instance holds this batch uncommitted: take the next one when it has
                idle++;
                pause();
            }
        }
        return swept;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Claims a batch for this instance: a participant marked with this round is someone else's or
     * done. Claims walk the participants in id order from {@code after}, so that a round costs one
     * pass over them rather than one per batch.
     */
    List<String> claim(long round, String after) {
        return transactions.execute(status -> marks.claim(round, after, settings.batch()));
    }

    private void evaluateIfActive(String participantId, Instant now) {
        roster.lockForFacts(participantId).filter(participant -> participant.status() == ParticipantStatus.ACTIVE)
                .ifPresent(participant -> evaluation.evaluate(participant, now));
    }
}
