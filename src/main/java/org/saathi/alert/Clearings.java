package org.saathi.alert;

import java.time.Instant;
import java.util.Optional;

import org.saathi.notify.Outbox;
import org.saathi.security.Audit;
import org.springframework.stereotype.Component;

/**
 * Conditions that clear. An open alert whose condition no longer holds records when and by which
 * fact, sends nothing more and climbs the ladder no further; if the condition comes back before
 * anyone resolves it, it goes on where it stopped. Saathi resolves a cleared alert itself, with the
 * outcome CLEARED, only when nobody has taken it on yet and only a WATCH: at its deadline, or at
 * once when it was raised about a moment already over. A cleared WARNING or URGENT waits for a
 * person; CRITICAL never clears.
 */
@Component
class Clearings {

    private final AlertStore store;
    private final Outbox outbox;
    private final Audit audit;
    private final AlertMetrics metrics;

    Clearings(AlertStore store, Outbox outbox, Audit audit, AlertMetrics metrics) {
        this.store = store;
        this.outbox = outbox;
        this.audit = audit;
        this.metrics = metrics;
    }

    /**
     * The alert's condition no longer holds, as of now; {@code by} the fact that made the difference,
     * {@code resolve} when the policy has Saathi resolve it at once.
     */
    void clear(String participantId, AlertStore.OpenRow alert, Optional<AlertStore.Evidence> by, boolean resolve,
            Instant now) {
        store.clear(alert.id(), by, now);
        store.history(alert.id(), now, Alerts.SYSTEM, HistoryAction.CONDITION_CLEARED, by.map(Clearings::describe)
                .orElse("no longer found at this evaluation"));
        outbox.cancelUnsent(alert.id());
        metrics.changed(alert.severity().name(), "cleared");
        if (resolve) {
            resolve(participantId, alert, now, "raised about a moment already over: the fact that cleared it came "
                    + "before it");
        }
    }

    /** The condition holds again before anyone resolved the alert: it goes on where it stopped. */
    void unclear(AlertStore.OpenRow alert, String explanation, Instant now) {
        store.unclear(alert.id(), now);
        store.history(alert.id(), now, Alerts.SYSTEM, HistoryAction.CONDITION_BACK, explanation);
        metrics.changed(alert.severity().name(), "uncleared");
    }

    /** Resolved by Saathi itself, with the outcome CLEARED; the audit log names Saathi as who did it. */
    void resolve(String participantId, AlertStore.OpenRow alert, Instant now, String why) {
        store.resolveCleared(alert.id(), now);
        store.history(alert.id(), now, Alerts.SYSTEM, HistoryAction.RESOLVED,
                AlertLifecycle.Outcome.CLEARED + ": " + why);
        outbox.cancelUnsent(alert.id());
        metrics.changed(alert.severity().name(), "resolved");
        audit.record(Alerts.SYSTEM, Audit.Action.ALERT_RESOLVED, participantId, alert.id().toString());
    }

    private static String describe(AlertStore.Evidence fact) {
        return "by " + fact.type() + " " + fact.factId() + " of " + fact.at() + " (" + fact.summary() + ")";
    }
}
