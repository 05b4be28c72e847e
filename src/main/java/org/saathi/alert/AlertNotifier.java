package org.saathi.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.saathi.facts.Severity;
import org.saathi.notify.AlertNotice;
import org.saathi.notify.Outbox;
import org.saathi.roster.Roster;
import org.springframework.stereotype.Component;

/**
 * Leaves an alert's notifications in the outbox, holding them back while the pair is snoozed or a
 * more severe alert of the participant is open (the team is already on it). CRITICAL is never held.
 */
@Component
class AlertNotifier {

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
        held.ifPresent(reason -> store.history(alert.alertId(), now, Alerts.SYSTEM, "NOTIFICATIONS_HELD", reason));
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
            store.history(open.id(), now, Alerts.SYSTEM, "NOTIFICATIONS_RELEASED", "sent afresh to " + waiting);
            int round = store.nextRound(open.id());
            Roster.MessageContext context = roster.messageContext(participantId);
            outbox.enqueue(new AlertNotice(open.id(), participantId, open.severity().name(), AlertNotice.Event.RAISED,
                    open.acknowledgeWithin(), deadline, context.zone(), context.displayName()), round, waiting,
                    Optional.empty());
        }
    }
}
