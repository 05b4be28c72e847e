package org.saathi.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.saathi.facts.OpenAlert;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantContext;
import org.saathi.rules.Finding;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raises and updates alerts from an evaluation's findings, as a pipeline of three stages: decide
 * ({@link AlertPolicy}, no tables), write ({@link AlertStore}) and ask ({@link AlertNotifier}, what
 * goes into the outbox). A finding raises or changes an alert only when it rests on a fact no alert
 * of its rule has held before, or on known facts at a higher severity than before: a condition that
 * merely still holds does not alert again.
 */
@Service
public class Alerts {

    static final String SYSTEM = "saathi";

    private final AlertStore store;
    private final AlertNotifier notifier;
    private final AlertMetrics metrics;
    private final Clearings clearings;

    Alerts(AlertStore store, AlertNotifier notifier, AlertMetrics metrics, Clearings clearings) {
        this.store = store;
        this.notifier = notifier;
        this.metrics = metrics;
        this.clearings = clearings;
    }

    /**
     * What a set of participants' alerts already rest on, read at once: their open and acknowledged
     * alerts as rules weigh them, the rules of those whose condition has cleared, and for each rule
     * the facts earlier alerts of it rest on with the highest severity each counted at.
     */
    public record Known(Map<String, List<OpenAlert>> open, Map<String, Map<String, Map<String, Severity>>> evidence,
            Map<String, Set<String>> cleared) {

        public List<OpenAlert> openOf(String participantId) {
            return open.getOrDefault(participantId, List.of());
        }

        /** The rules of the participant's open alerts whose condition has cleared. */
        public Set<String> clearedOf(String participantId) {
            return cleared.getOrDefault(participantId, Set.of());
        }
    }

    /** What these participants' alerts rest on, in one statement. */
    public Known known(Collection<String> participantIds) {
        return store.known(participantIds);
    }

    /**
     * Whether applying these findings would change anything: a fact no alert of the rule rests on
     * yet, or one that now counts at a higher severity. Without news, {@link #apply} writes nothing,
     * so a sweep need not lock the participant at all.
     */
    public boolean hasNews(ParticipantContext participant, List<Finding> findings, Known known) {
        Map<String, Map<String, Severity>> byRule = known.evidence().getOrDefault(participant.id(), Map.of());
        return findings.stream().anyMatch(finding -> AlertPolicy.isNews(AlertPolicy.evidenceIds(finding, participant),
                finding.severity(), byRule.getOrDefault(finding.ruleId(), Map.of())));
    }

    /**
     * Whether {@link #apply} would write anything for this evaluation, judged from what was read with
     * the participant locked: news, an alert whose condition cleared, or a cleared alert whose
     * condition a finding holds again. Evidence and clearings are written only under that lock; what
     * staff change meanwhile (an alert resolved) can only leave less to do. Without any of it, apply
     * would only read, and is not called.
     */
    public boolean wouldChange(ParticipantContext participant, List<Finding> findings,
            List<AlertPolicy.Cleared> cleared, Known known) {
        if (!cleared.isEmpty() || hasNews(participant, findings, known)) {
            return true;
        }
        Set<String> clearedRules = known.clearedOf(participant.id());
        return !clearedRules.isEmpty() && known.openOf(participant.id()).stream()
                .filter(alert -> clearedRules.contains(alert.ruleId()))
                .anyMatch(alert -> Finding.holds(alert.ruleId(), alert.severity(), findings));
    }

    /** Applies the findings; call with the participant locked. Answers the alerts raised or changed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<RaisedAlert> apply(ParticipantContext participant, List<Finding> findings, String ruleSetVersion,
            Instant now) {
        return apply(participant, findings, List.of(), ruleSetVersion, now);
    }

    /**
     * Applies an evaluation: first the alerts whose condition cleared, then the findings (a cleared
     * alert whose condition they hold again goes on); call with the participant locked. Answers the
     * alerts raised or changed by the findings. The policy decides, the store writes each decision and
     * the notifier asks whom it concerns.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<RaisedAlert> apply(ParticipantContext participant, List<Finding> findings,
            List<AlertPolicy.Cleared> cleared, String ruleSetVersion, Instant now) {
        if (findings.isEmpty() && cleared.isEmpty()) {
            return List.of();
        }
        AlertPolicy.Picture picture = picture(participant, findings, cleared);
        Written written = new Written(participant, ruleSetVersion, now, picture.open());
        AlertPolicy.decide(picture, findings, cleared, now).forEach(written::write);
        if (!cleared.isEmpty()) {
            // a cleared alert holds nothing back any more
            notifier.releaseWhatNoLongerHolds(participant.id(), now);
        }
        return written.changed;
    }

    /**
     * What the policy decides from: the open alerts it may change, locked, and those whose condition
     * has cleared, which the findings may hold again.
     */
    private AlertPolicy.Picture picture(ParticipantContext participant, List<Finding> findings,
            List<AlertPolicy.Cleared> cleared) {
        Map<String, Map<String, Severity>> known = findings.isEmpty() ? Map.of()
                : store.knownEvidence(participant.id());
        Map<UUID, AlertStore.OpenRow> open = new LinkedHashMap<>();
        store.lockOpen(participant.id(), AlertPolicy.rulesItMayChange(participant, findings, cleared, known))
                .forEach(row -> open.put(row.id(), row));
        if (!findings.isEmpty()) {
            store.cleared(participant.id()).forEach(row -> open.putIfAbsent(row.id(), row));
        }
        return new AlertPolicy.Picture(participant, List.copyOf(open.values()), known);
    }

    /** One evaluation's decisions as they are written, and the alerts they raised or changed. */
    private final class Written {

        private final ParticipantContext participant;
        private final String version;
        private final Instant now;
        private final Map<String, UUID> ids = new HashMap<>();
        private final List<RaisedAlert> changed = new ArrayList<>();

        Written(ParticipantContext participant, String version, Instant now, List<AlertStore.OpenRow> open) {
            this.participant = participant;
            this.version = version;
            this.now = now;
            open.forEach(row -> ids.put(row.ruleId(), row.id()));
        }

        void write(AlertDecision decision) {
            if (decision instanceof AlertDecision.Clear clear) {
                clearings.clear(participant.id(), clear.alert(), clear.by(), clear.resolve(), now);
            } else if (decision instanceof AlertDecision.Unclear unclear) {
                clearings.unclear(unclear.alert(), unclear.explanation(), now);
            } else if (decision instanceof AlertDecision.Raise raise) {
                changed.add(raise(raise));
            } else if (decision instanceof AlertDecision.Update update) {
                changed.add(update(update));
            }
        }

        private RaisedAlert raise(AlertDecision.Raise raise) {
            Finding finding = raise.finding();
            UUID id = store.insert(participant.id(), participant.programmeId(), finding, version, now,
                    raise.ackDueAt());
            ids.put(finding.ruleId(), id);
            store.history(id, now, SYSTEM, HistoryAction.RAISED, finding.severity() + ": " + finding.explanation());
            metrics.raised(finding.ruleId(), finding.severity());
            notifier.ask(id, participant, finding, AlertPolicy.Change.RAISED, raise.ackDueAt(), now);
            raise.evidence().forEach(fact -> store.putEvidence(id, fact, finding.severity(), now));
            return raised(id, finding, finding.severity(), AlertStatus.OPEN, now, raise.ackDueAt());
        }

        private RaisedAlert update(AlertDecision.Update update) {
            Finding finding = update.finding();
            AlertStore.OpenRow alert = update.alert();
            UUID id = ids.get(finding.ruleId());
            if (update.change().asks()) {
                store.raise(id, finding, version, now, update.ackDueAt());
                store.history(id, now, SYSTEM, HistoryAction.of(update.change()), alert.severity() + " to "
                        + finding.severity() + ": " + finding.explanation());
                if (update.change() == AlertPolicy.Change.SEVERITY_RAISED) {
                    metrics.changed(finding.severity().name(), "severity_raised");
                }
                notifier.askAgain(id, participant, finding, update.change(), update.ackDueAt(), now);
            } else {
                store.touch(id, finding.explanation(), now);
                store.history(id, now, SYSTEM, HistoryAction.EVIDENCE_ADDED, finding.explanation());
            }
            update.evidence().forEach(fact -> store.putEvidence(id, fact, update.severity(), now));
            return raised(id, finding, update.severity(), update.change().asks() ? AlertStatus.OPEN : alert.status(),
                    alert.raisedAt(), update.ackDueAt());
        }

        private RaisedAlert raised(UUID id, Finding finding, Severity severity, AlertStatus status, Instant raisedAt,
                Instant ackDueAt) {
            return new RaisedAlert(id, participant.id(), finding.ruleId(), finding.ruleName(), severity.name(),
                    status.name(), raisedAt, ackDueAt);
        }
    }
}
