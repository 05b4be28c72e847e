package org.saathi.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.saathi.alert.AlertPolicy;
import org.saathi.alert.Alerts;
import org.saathi.alert.RaisedAlert;
import org.saathi.facts.OpenAlert;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;
import org.saathi.roster.Roster;
import org.saathi.rules.Finding;
import org.saathi.rules.RecordedFacts;
import org.saathi.rules.RuleSetReplay;
import org.saathi.rules.RuleSets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one place a participant is evaluated, for every accepted fact and for the sweep: it reads
 * the window of their facts, runs the active rule set over it and hands the findings to the
 * alerts. It runs in the caller's transaction, its writes in a savepoint: if evaluation fails, the
 * fact that triggered it is still stored (accepted data is never lost), the failure is logged, and
 * the next evaluation of the participant, by a later fact or the periodic sweep, tries again.
 */
@Component
class RuleEvaluation {

    private static final Logger log = LoggerFactory.getLogger(RuleEvaluation.class);

    private final RuleSets rules;
    private final FactHistory history;
    private final Roster roster;
    private final Alerts alerts;
    private final EvaluationMetrics metrics;
    private final HistoryImports imports;
    private final Clock clock;
    private final TransactionTemplate savepoint;

    RuleEvaluation(RuleSets rules, FactHistory history, Roster roster, Alerts alerts, EvaluationMetrics metrics,
            HistoryImports imports, Clock clock, PlatformTransactionManager transactions) {
        this.rules = rules;
        this.imports = imports;
        this.metrics = metrics;
        this.history = history;
        this.roster = roster;
        this.alerts = alerts;
        this.clock = clock;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** A participant to evaluate, locked by the caller's transaction, and the fact that triggered it if one did. */
    record Due(ParticipantContext participant, Optional<FactRecorded> trigger) {
    }

    /**
     * Evaluates the participant as of this fact, inside the transaction that stored it and locked
     * them, so that a fact and the alerts it raises are committed together or not at all; answers
     * the alerts raised or updated.
     */
    List<RaisedAlert> evaluate(FactRecorded fact, ParticipantContext locked) {
        return evaluate(List.of(new Due(locked, Optional.of(fact))));
    }

    /**
     * As {@link #evaluate(FactRecorded, ParticipantContext)} for a batch's participants, each once:
     * their windows and alerts are read together, the rules run in memory on every core, and each
     * participant's alerts are written in the order given. Answers the alerts of all of them.
     */
    List<RaisedAlert> evaluate(List<Due> due) {
        // PostgreSQL keeps microseconds: alerts answer the times they are stored with.
        return evaluate(due, clock.instant().truncatedTo(ChronoUnit.MICROS));
    }

    /** Evaluates the participant as of now for the sweep, within the caller's transaction, which locked them. */
    List<RaisedAlert> evaluate(ParticipantContext locked, Instant now) {
        return evaluate(List.of(new Due(locked, Optional.empty())), now);
    }

    /** The value of a threshold as the rules apply it to this participant: their programme's own, or the default. */
    double threshold(ParticipantContext participant, String key) {
        RuleSetReplay set = rules.active();
        Double value = thresholds(set, participant.programmeId(), new HashMap<>()).get(key);
        if (value == null) {
            throw new IllegalStateException("the active rule set has no threshold " + key);
        }
        return value;
    }

    /**
     * Evaluates the participants as of now, within the caller's transaction, which has locked them
     * ({@link Roster#lockForFacts}): every caller takes that lock to check a participant first, so
     * it is taken once. A late fact (history being imported) raises only what is CRITICAL; the rest
     * is the sweep's once the import is over (see {@link AlertPolicy#raisedByLateFact}). The windows
     * and alerts are read in two statements whatever the number of participants; alerts are written
     * only where the rules change them, most evaluations finding what the alerts already hold.
     */
    private List<RaisedAlert> evaluate(List<Due> due, Instant now) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("evaluation must run inside the transaction that locks the participant");
        }
        RuleSetReplay set = rules.active();
        long started = System.nanoTime();
        List<String> ids = due.stream().map(d -> d.participant().id()).toList();
        Read read;
        try {
            // in a savepoint too: a failed statement would otherwise abort the caller's transaction,
            // and with it the facts just stored
            read = savepoint.execute(status -> {
                due.stream().filter(d -> late(d, now).isPresent())
                        .forEach(d -> imports.lateFactArrived(d.participant().id(), now));
                return new Read(history.since(ids, now.minus(set.window())), alerts.known(ids));
            });
        } catch (RuntimeException failure) {
            ids.forEach(id -> failed(id, set, failure));
            return List.of();
        }
        Map<String, RecordedFacts> facts = read.facts();
        Alerts.Known known = read.known();
        long readShare = (System.nanoTime() - started) / due.size();
        Map<String, Map<String, Double>> thresholds = new ConcurrentHashMap<>();
        List<Evaluated> evaluated = (due.size() > 1 ? due.parallelStream() : due.stream())
                .map(d -> evaluated(set, d, now, facts.get(d.participant().id()), known, thresholds, readShare))
                .toList();
        List<RaisedAlert> raised = new ArrayList<>();
        for (Evaluated evaluation : evaluated) {
            raised.addAll(apply(set, evaluation, now));
        }
        return raised;
    }

    /** What the evaluation reads before the rules run: the participants' windows and their alerts. */
    private record Read(Map<String, RecordedFacts> facts, Alerts.Known known) {
    }

    /** One participant's findings and cleared alerts, whether they change an alert, and the time they took. */
    private record Evaluated(ParticipantContext participant, List<Finding> findings, List<AlertPolicy.Cleared> cleared,
            boolean changes, long nanos) {
    }

    /** Runs the rules for one participant; touches no table, so that participants run side by side. */
    private Evaluated evaluated(RuleSetReplay set, Due due, Instant now, RecordedFacts facts, Alerts.Known known,
            Map<String, Map<String, Double>> cache, long readShare) {
        long started = System.nanoTime();
        ParticipantContext participant = due.participant();
        try {
            Map<String, Double> thresholds = thresholds(set, participant.programmeId(), cache);
            List<OpenAlert> open = known.openOf(participant.id());
            List<Finding> findings = set.liveFindings(participant, now, thresholds, facts, open);
            findings.forEach(finding -> metrics.signal(finding.ruleId()));
            List<AlertPolicy.Cleared> cleared = cleared(set, participant, thresholds, facts, open, findings, now,
                    known.clearedOf(participant.id()));
            Optional<Instant> late = late(due, now);
            if (late.isPresent()) {
                findings = AlertPolicy.raisedByLateFact(findings, set.findingsAsOf(participant, late.get(),
                        thresholds, facts, open));
            }
            return new Evaluated(participant, findings, cleared,
                    alerts.wouldChange(participant, findings, cleared, known),
                    readShare + System.nanoTime() - started);
        } catch (RuntimeException failure) {
            failed(participant.id(), set, failure);
            return new Evaluated(participant, List.of(), List.of(), false, readShare + System.nanoTime() - started);
        }
    }

    /** Writes what one participant's evaluation changes, in a savepoint: a failure undoes only its writes. */
    private List<RaisedAlert> apply(RuleSetReplay set, Evaluated evaluated, Instant now) {
        long started = System.nanoTime();
        try {
            return !evaluated.changes() ? List.of() : savepoint.execute(status -> alerts.apply(
                    evaluated.participant(), evaluated.findings(), evaluated.cleared(), set.version(), now));
        } catch (RuntimeException failure) {
            failed(evaluated.participant().id(), set, failure);
            return List.of();
        } finally {
            metrics.evaluated(Duration.ofNanos(evaluated.nanos() + System.nanoTime() - started));
        }
    }

    private static void failed(String participantId, RuleSetReplay set, RuntimeException failure) {
        log.error("Evaluation of participant {} with rule set {} failed; the fact is kept and the participant "
                + "will be evaluated again", participantId, set.version(), failure);
    }

    /** The own moment of the late fact that triggered this evaluation, if it was one. */
    private static Optional<Instant> late(Due due, Instant now) {
        return due.trigger().map(FactRecorded::at).filter(at -> AlertPolicy.isLate(at, now));
    }

    /** The open alerts whose condition these findings no longer hold and that have cleared, by which fact. */
    private List<AlertPolicy.Cleared> cleared(RuleSetReplay set, ParticipantContext participant,
            Map<String, Double> thresholds, RecordedFacts facts, List<OpenAlert> open, List<Finding> findings,
            Instant now, Set<String> clearedRules) {
        List<AlertPolicy.Cleared> cleared = new ArrayList<>();
        for (OpenAlert alert : AlertPolicy.mayHaveCleared(open, clearedRules, findings)) {
            set.clearedBy(participant, now, thresholds, facts, open, alert)
                    .ifPresent(fact -> cleared.add(new AlertPolicy.Cleared(alert.ruleId(), fact)));
        }
        return cleared;
    }

    /**
     * Of these participants, those whose evaluation now would change their alerts. Read in a few
     * queries for all of them, without locks, and evaluated in memory: most participants in a sweep
     * have nothing new, and only those who have are then evaluated one by one under their lock.
     */
    List<String> withNews(List<String> participantIds, Instant now) {
        RuleSetReplay set = rules.active();
        Map<String, ParticipantContext> participants = roster.contexts(participantIds);
        Map<String, RecordedFacts> facts = history.since(participants.keySet(), now.minus(set.window()));
        Alerts.Known known = alerts.known(participants.keySet());
        Map<String, Map<String, Double>> thresholds = new ConcurrentHashMap<>();
        return participants.values().parallelStream()
                .filter(participant -> participant.status() == ParticipantStatus.ACTIVE)
                .filter(participant -> {
                    try {
                        return alerts.hasNews(participant, set.liveFindings(participant, now,
                                thresholds(set, participant.programmeId(), thresholds),
                                facts.get(participant.id()), known.openOf(participant.id())), known);
                    } catch (RuntimeException failure) {
                        // Evaluated again on its own, where a failure is logged with the participant.
                        return true;
                    }
                })
                .map(ParticipantContext::id)
                .sorted()
                .toList();
    }

    /** The rule set's thresholds with the programme's own values, remembered per programme in {@code cache}. */
    private Map<String, Double> thresholds(RuleSetReplay set, String programmeId,
            Map<String, Map<String, Double>> cache) {
        return cache.computeIfAbsent(programmeId,
                programme -> set.thresholds(roster.thresholdOverridesAsRead(programme)));
    }
}
