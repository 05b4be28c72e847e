package org.saathi.rules;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.saathi.alert.SweepSettings;
import org.saathi.roster.ParticipantStatus;
import org.saathi.roster.Roster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final RuleEvaluation evaluation;
    private final Roster roster;
    private final SweepSettings settings;
    private final RuleMetrics metrics;
    private final Clock clock;

    EvaluationSweep(JdbcClient jdbc, TransactionTemplate transactions, RuleEvaluation evaluation, Roster roster,
            SweepSettings settings, RuleMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
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

    /** Sweeps this instance's share of the current round; answers how many participants it evaluated. */
    int sweepRound() {
        long round = clock.instant().getEpochSecond() / Math.max(1, settings.evaluationEvery().toSeconds());
        int swept = 0;
        int idle = 0;
        while (idle < 20) {
            List<String> claimed = claim(round);
            for (String participantId : claimed) {
                transactions.executeWithoutResult(status -> evaluateIfActive(participantId,
                        clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS)));
            }
            swept += claimed.size();
            if (!claimed.isEmpty()) {
                idle = 0;
            } else if (unclaimed(round) == 0) {
                break;
            } else {
                // another instance holds this batch uncommitted: take the next one when it has
                idle++;
                pause();
            }
        }
        return swept;
    }

    private long unclaimed(long round) {
        return jdbc.sql("""
                        SELECT count(*) FROM participant p WHERE p.status = 'ACTIVE' AND NOT EXISTS (
                            SELECT 1 FROM sweep_mark m WHERE m.participant_id = p.id AND m.round >= :round)""")
                .param("round", round).query(Long.class).single();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Claims a batch for this instance: a participant marked with this round is someone else's or done. */
    List<String> claim(long round) {
        return transactions.execute(status -> jdbc.sql("""
                        INSERT INTO sweep_mark (participant_id, round)
                        SELECT p.id, :round FROM participant p
                        WHERE p.status = 'ACTIVE' AND NOT EXISTS (
                            SELECT 1 FROM sweep_mark m WHERE m.participant_id = p.id AND m.round >= :round)
                        ORDER BY p.id LIMIT :batch
                        ON CONFLICT (participant_id) DO UPDATE SET round = excluded.round
                            WHERE sweep_mark.round < excluded.round
                        RETURNING participant_id""")
                .param("round", round).param("batch", settings.batch())
                .query(String.class).list());
    }

    private void evaluateIfActive(String participantId, Instant now) {
        if (roster.lockForFacts(participantId).filter(status -> status == ParticipantStatus.ACTIVE).isPresent()) {
            evaluation.evaluate(participantId, now);
        }
    }
}
