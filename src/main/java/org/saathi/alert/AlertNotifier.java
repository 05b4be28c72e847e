package org.saathi.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.saathi.facts.Role;
import org.saathi.facts.Severity;
import org.saathi.notify.AlertNotice;
import org.saathi.notify.Outbox;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Recipient;
import org.saathi.roster.Recipients;
import org.saathi.roster.Roster;
import org.saathi.rules.Finding;
import org.springframework.stereotype.Component;

/**
 * The pipeline's last stage, asking: whom an alert asks to act, and the notifications it leaves in
 * the outbox for them, holding them back while the pair is snoozed or a more severe alert of the
 * participant is open (the team is already on it). CRITICAL is never held.
 */
@Component
class AlertNotifier {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AlertNotifier.class);

    private final AlertStore store;
    private final Outbox outbox;
    private final Roster roster;

    AlertNotifier(AlertStore store, Outbox outbox, Roster roster) {
        this.store = store;
        this.outbox = outbox;
        this.roster = roster;
    }

    record Target(UUID alertId, String participantId, String ruleId, Severity severity) {
    }

    /** The message a change of the policy sends: a new alert, a higher severity, new CRITICAL evidence. */
    static AlertNotice.Event event(AlertPolicy.Change change) {
        return switch (change) {
            case RAISED -> AlertNotice.Event.RAISED;
            case SEVERITY_RAISED -> AlertNotice.Event.SEVERITY_RAISED;
            case NEW_CRITICAL_EVIDENCE -> AlertNotice.Event.NEW_EVIDENCE;
            case EVIDENCE_ADDED -> throw new IllegalArgumentException("evidence added asks nobody");
        };
    }

    /** Asks the first recipients of the finding's policy to act, as of this raise or rise in severity. */
    void ask(UUID id, ParticipantContext participant, Finding finding, AlertPolicy.Change change, Instant ackDueAt,
            Instant now) {
        List<Recipient> recipients = Recipients.resolve(finding.recipients(), participant);
        boolean wantsSupervisor = finding.recipients().contains(Role.SUPERVISOR)
                || finding.recipients().contains(Role.ALL_SUPERVISORS);
        if (wantsSupervisor && recipients.stream().noneMatch(r -> r.role() == Role.SUPERVISOR)) {
            log.error("Alert {} ({}) should reach a supervisor, but programme {} has none", id, finding.severity(),
                    participant.programmeId());
            store.history(id, now, Alerts.SYSTEM, HistoryAction.NO_SUPERVISOR, "the programme has no supervisor to "
                    + "ask; add one to the roster");
        }
        warnIfNobodyActiveWasLeft(id, participant, recipients);
        store.addRecipients(id, recipients, 0, now);
        notify(new Target(id, participant.id(), finding.ruleId(), finding.severity()), event(change), recipients,
                finding.acknowledgeWithin(), ackDueAt, now);
    }

    /** As {@link #ask}, for an alert asked before: the new round supersedes messages not yet delivered. */
    void askAgain(UUID id, ParticipantContext participant, Finding finding, AlertPolicy.Change change,
            Instant ackDueAt, Instant now) {
        outbox.cancelUnsent(id);
        ask(id, participant, finding, change, ackDueAt, now);
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

    void notify(Target alert, AlertNotice.Event event, List<Recipient> recipients, Duration acknowledgeWithin,
            Instant acknowledgeBy, Instant now) {
        if (recipients.isEmpty()) {
            return;
        }
        int round = store.nextRound(alert.alertId());
        Optional<String> held = holdReason(alert, now);
        Roster.MessageContext context = roster.messageContext(alert.participantId());
        outbox.enqueue(new AlertNotice(alert.alertId(), alert.participantId(), alert.severity().name(), event,
                acknowledgeWithin,
                acknowledgeBy, context.zone(), context.displayName()), round,
                recipients.stream().map(Recipient::staffId).distinct().toList(), held);
        held.ifPresent(reason -> store.history(alert.alertId(), now, Alerts.SYSTEM, HistoryAction.NOTIFICATIONS_HELD,
                reason));
    }

    Optional<String> holdReason(Target alert, Instant now) {
        if (alert.severity() == Severity.CRITICAL) {
            return Optional.empty();
        }
        Optional<Instant> snoozed = store.snoozedUntil(alert.participantId(), alert.ruleId(), now);
        if (snoozed.isPresent()) {
            return Optional.of("snoozed until " + snoozed.get());
        }
        if (AlertPolicy.heldBehind(alert.severity(),
                store.moreSevereOpen(alert.participantId(), alert.alertId(), alert.severity()))) {
            return Optional.of("a more severe alert of this participant is open");
        }
        return Optional.empty();
    }

    /**
     * After a change that may end a hold (an alert acknowledged or resolved, a snooze over): those
     * whose messages were held get one fresh message, with a new deadline counted from now.
     */
    void releaseWhatNoLongerHolds(String participantId, Instant now) {
        for (AlertStore.OpenRow open : store.unacknowledged(participantId)) {
            Target alert = new Target(open.id(), participantId, open.ruleId(), open.severity());
            if (holdReason(alert, now).isPresent()) {
                continue;
            }
            List<String> waiting = outbox.takeHeld(open.id());
            if (waiting.isEmpty()) {
                continue;
            }
            Instant deadline = now.plus(open.acknowledgeWithin());
            store.setDeadline(open.id(), null, deadline, now);
            store.history(open.id(), now, Alerts.SYSTEM, HistoryAction.NOTIFICATIONS_RELEASED,
                    "sent afresh to " + waiting);
            int round = store.nextRound(open.id());
            Roster.MessageContext context = roster.messageContext(participantId);
            outbox.enqueue(new AlertNotice(open.id(), participantId, open.severity().name(), AlertNotice.Event.RAISED,
                    open.acknowledgeWithin(), deadline, context.zone(), context.displayName()), round, waiting,
                    Optional.empty());
        }
    }
}
