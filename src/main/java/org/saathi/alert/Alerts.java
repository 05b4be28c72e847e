package org.saathi.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.saathi.facts.Fact;
import org.saathi.facts.OpenAlert;
import org.saathi.facts.Role;
import org.saathi.facts.Severity;
import org.saathi.ingest.RaisedAlert;
import org.saathi.notify.AlertNotice;
import org.saathi.roster.ParticipantContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Raises and updates alerts from an evaluation's findings. A finding raises or changes an alert only
 * when it rests on a fact no alert of its rule has held before, or on known facts at a higher
 * severity than before: a condition that merely still holds does not alert again.
 */
@Service
public class Alerts {

    static final String SYSTEM = "saathi";

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Alerts.class);

    private final AlertStore store;
    private final AlertNotifier notifier;
    private final org.saathi.notify.Outbox outbox;

    private final AlertMetrics metrics;
    private final Clearings clearings;

    Alerts(AlertStore store, AlertNotifier notifier, org.saathi.notify.Outbox outbox, AlertMetrics metrics,
            Clearings clearings) {
        this.store = store;
        this.notifier = notifier;
        this.outbox = outbox;
        this.metrics = metrics;
        this.clearings = clearings;
    }

    /** The participant's open and acknowledged alerts, as rules weigh them. */
    public List<OpenAlert> open(String participantId) {
        return store.open(participantId);
    }

    /** The rules of the participant's open alerts whose condition has cleared. */
    public Set<String> clearedRules(String participantId) {
        return store.cleared(participantId).stream().map(AlertStore.OpenRow::ruleId)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** What a set of participants' alerts already rest on, read at once for a sweep. */
    public record Known(Map<String, List<OpenAlert>> open, Map<String, Map<String, Map<String, Severity>>> evidence) {

        public List<OpenAlert> openOf(String participantId) {
            return open.getOrDefault(participantId, List.of());
        }
    }

    public Known known(Collection<String> participantIds) {
        return new Known(store.open(participantIds), store.knownEvidence(participantIds));
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

    /** Applies the findings; call with the participant locked. Answers the alerts raised or changed. */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<RaisedAlert> apply(ParticipantContext participant, List<Finding> findings, String ruleSetVersion,
            Instant now) {
        return apply(participant, findings, List.of(), ruleSetVersion, now);
    }

    /**
     * Applies an evaluation: first the alerts whose condition cleared, then the findings (a cleared
     * alert whose condition they hold again goes on); call with the participant locked. Answers the
     * alerts raised or changed by the findings.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<RaisedAlert> apply(ParticipantContext participant, List<Finding> findings,
            List<AlertPolicy.Cleared> cleared, String ruleSetVersion, Instant now) {
        for (AlertPolicy.Cleared condition : cleared) {
            store.lockOpen(participant.id(), condition.ruleId())
                    .filter(open -> !open.cleared() && open.severity() != Severity.CRITICAL)
                    .ifPresent(open -> clearings.clear(participant.id(), open,
                            Optional.of(evidence(condition.by())), now));
        }
        if (!findings.isEmpty()) {
            for (AlertStore.OpenRow open : store.cleared(participant.id())) {
                findings.stream()
                        .filter(finding -> AlertPolicy.holds(open.ruleId(), open.severity(), List.of(finding)))
                        .findFirst()
                        .ifPresent(finding -> clearings.unclear(open, finding.explanation(), now));
            }
        }
        List<RaisedAlert> changed = new ArrayList<>();
        for (Finding finding : findings) {
            apply(participant, finding, ruleSetVersion, now).ifPresent(changed::add);
        }
        if (!cleared.isEmpty()) {
            // a cleared alert holds nothing back any more
            notifier.releaseWhatNoLongerHolds(participant.id(), now);
        }
        return changed;
    }

    private static AlertStore.Evidence evidence(Fact fact) {
        return new AlertStore.Evidence(fact.id(), fact.type(), fact.at(), fact.summary());
    }

    private Optional<RaisedAlert> apply(ParticipantContext participant, Finding finding, String version,
            Instant now) {
        List<AlertStore.Evidence> evidence = evidenceOf(finding, participant);
        Map<String, Severity> known = store.knownEvidence(participant.id(), finding.ruleId());
        if (!AlertPolicy.isNews(AlertPolicy.evidenceIds(finding, participant), finding.severity(), known)) {
            return Optional.empty();
        }
        Optional<AlertStore.OpenRow> open = store.lockOpen(participant.id(), finding.ruleId());
        Instant ackDueAt = now.plus(finding.acknowledgeWithin());
        AlertNotice.Event event = switch (AlertPolicy.change(open.map(AlertStore.OpenRow::severity),
                finding.severity())) {
            case RAISED -> AlertNotice.Event.RAISED;
            case SEVERITY_RAISED -> AlertNotice.Event.SEVERITY_RAISED;
            case NEW_CRITICAL_EVIDENCE -> AlertNotice.Event.NEW_EVIDENCE;
            case EVIDENCE_ADDED -> null;
        };
        UUID id;
        if (open.isEmpty()) {
            id = store.insert(participant.id(), participant.programmeId(), finding, version, now, ackDueAt);
            store.history(id, now, SYSTEM, "RAISED", finding.severity() + ": " + finding.explanation());
            metrics.raised(finding.ruleId(), finding.severity());
        } else if (event != null) {
            id = open.get().id();
            store.raise(id, finding, version, now, ackDueAt);
            store.history(id, now, SYSTEM, event == AlertNotice.Event.SEVERITY_RAISED ? "SEVERITY_RAISED"
                    : "NEW_CRITICAL_EVIDENCE", open.get().severity() + " to " + finding.severity() + ": "
                    + finding.explanation());
            if (event == AlertNotice.Event.SEVERITY_RAISED) {
                metrics.changed(finding.severity().name(), "severity_raised");
            }
        } else {
            id = open.get().id();
            store.touch(id, finding.explanation(), now);
            store.history(id, now, SYSTEM, "EVIDENCE_ADDED", finding.explanation());
        }
        if (event != null) {
            if (open.isPresent()) {
                outbox.cancelUnsent(id); // the new round supersedes messages not yet delivered
            }
            notifyRecipients(id, participant, finding, event, ackDueAt, now);
        }
        Severity severity = event != null ? finding.severity() : open.get().severity();
        evidence.stream()
                .filter(fact -> !known.containsKey(fact.factId()) || severity.isAbove(known.get(fact.factId())))
                .forEach(fact -> store.putEvidence(id, fact, severity, now));
        return Optional.of(new RaisedAlert(id, participant.id(), finding.ruleId(), finding.ruleName(), severity.name(),
                event != null ? "OPEN" : open.get().status(), open.map(AlertStore.OpenRow::raisedAt).orElse(now),
                event != null ? ackDueAt : open.get().ackDueAt()));
    }

    /** Asks the first recipients of the policy to act, as of this raise or rise in severity. */
    private void notifyRecipients(UUID id, ParticipantContext participant, Finding finding, AlertNotice.Event event,
            Instant ackDueAt, Instant now) {
        List<Recipient> recipients = Recipients.resolve(finding.recipients(), participant);
        boolean wantsSupervisor = finding.recipients().contains(Role.SUPERVISOR)
                || finding.recipients().contains(Role.ALL_SUPERVISORS);
        if (wantsSupervisor && recipients.stream().noneMatch(r -> r.role() == Role.SUPERVISOR)) {
            log.error("Alert {} ({}) should reach a supervisor, but programme {} has none", id, finding.severity(),
                    participant.programmeId());
            store.history(id, now, SYSTEM, "NO_SUPERVISOR", "the programme has no supervisor to ask; "
                    + "add one to the roster");
        }
        warnIfNobodyActiveWasLeft(id, participant, recipients);
        store.addRecipients(id, recipients, 0, now);
        notifier.notify(new AlertNotifier.Target(id, participant.id(), finding.ruleId(), finding.severity()), event,
                recipients, finding.acknowledgeWithin(), ackDueAt, now);
    }

    /** Says so when an alert goes to the admins because none of the participant's staff is active. */
    static void warnIfNobodyActiveWasLeft(UUID alert, ParticipantContext participant, List<Recipient> recipients) {
        if (recipients.isEmpty()) {
            log.error("Alert {} of participant {} reaches nobody: programme {} and the deployment have no active "
                    + "supervisor or admin", alert, participant.id(), participant.programmeId());
        } else if (Recipients.nobodyActiveWasLeft(recipients)) {
            log.warn("Alert {} of participant {} goes to {}: no active staff member of programme {} is assigned",
                    alert, participant.id(), recipients.stream().map(Recipient::staffId).toList(),
                    participant.programmeId());
        }
    }

    /**
     * The finding's facts; a rule that fired on time alone (no check-in ever, say) rests on the
     * participant's enrolment, so that it too alerts once and not at every sweep.
     */
    private static List<AlertStore.Evidence> evidenceOf(Finding finding, ParticipantContext participant) {
        if (finding.evidence().isEmpty()) {
            return List.of(new AlertStore.Evidence(AlertPolicy.enrolmentEvidence(participant), "ENROLMENT",
                    participant.enrolledAt(), "enrolled; no fact since"));
        }
        List<AlertStore.Evidence> evidence = new ArrayList<>();
        for (Fact fact : finding.evidence()) {
            evidence.add(evidence(fact));
        }
        return evidence;
    }
}
