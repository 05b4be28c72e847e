package org.saathi.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.saathi.api.ApiProblem;
import org.saathi.notify.Outbox;
import org.saathi.roster.Caseload;
import org.saathi.roster.Roster;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What staff do with an alert: acknowledge it (someone is on it), resolve it with an outcome, or
 * snooze its (participant, rule) pair. Every change is kept in the alert's history with who and
 * when; a change the alert's state does not allow is a 409.
 */
@Service
public class AlertLifecycle {

    /**
     * How an alert ended. CLEARED is Saathi's own: the alert's condition had cleared and nobody had
     * taken it on (see {@link Clearings}); staff say what they found instead.
     */
    public enum Outcome {
        CONTACTED_STABLE, REFERRED, RELAPSE_CONFIRMED, FALSE_ALARM, OTHER, CLEARED;

        /** The outcomes a person may resolve with. */
        public static List<Outcome> forStaff() {
            return java.util.Arrays.stream(values()).filter(outcome -> outcome != CLEARED).toList();
        }
    }

    static final Duration LONGEST_SNOOZE = Duration.ofDays(30);

    private record Current(UUID id, String participantId, String programmeId, String ruleId, String severity,
            AlertStatus status, Instant raisedAt) {
    }

    private final JdbcClient jdbc;
    private final AlertStore store;
    private final AlertNotifier notifier;
    private final Outbox outbox;
    private final Roster roster;
    private final AlertQueries queries;
    private final Audit audit;
    private final AlertMetrics metrics;
    private final Clock clock;

    AlertLifecycle(JdbcClient jdbc, AlertStore store, AlertNotifier notifier, Outbox outbox, Roster roster,
            AlertQueries queries, Audit audit, AlertMetrics metrics, Clock clock) {
        this.jdbc = jdbc;
        this.store = store;
        this.notifier = notifier;
        this.outbox = outbox;
        this.roster = roster;
        this.queries = queries;
        this.audit = audit;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Transactional
    public AlertViews.Detail acknowledge(Caller caller, UUID id, String note) {
        Current alert = lockVisible(caller, id);
        requireStatus(alert, AlertStatus.StaffAction.ACKNOWLEDGE);
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE alert SET status = 'ACKNOWLEDGED', acknowledged_at = :now, acknowledged_by = :by,
                            updated_at = :now
                        WHERE id = :id""")
                .param("now", Timestamp.from(now)).param("by", caller.id()).param("id", id).update();
        store.history(id, now, caller.id(), HistoryAction.ACKNOWLEDGED, note);
        outbox.cancelUnsent(id);
        // Someone is on the more severe alert now: what it held back of the others goes out.
        notifier.releaseWhatNoLongerHolds(alert.participantId(), now);
        metrics.acknowledgedAfter(alert.severity(), Duration.between(alert.raisedAt(), now));
        return changed(caller, alert, Audit.Action.ALERT_ACKNOWLEDGED);
    }

    @Transactional
    public AlertViews.Detail resolve(Caller caller, UUID id, Outcome outcome, String note) {
        if (outcome == Outcome.CLEARED) {
            throw ApiProblem.invalid("outcome", "CLEARED is given by Saathi itself when a condition clears; "
                    + "say what you found");
        }
        Current alert = lockVisible(caller, id);
        requireStatus(alert, AlertStatus.StaffAction.RESOLVE);
        Instant now = clock.instant();
        jdbc.sql("""
                        UPDATE alert SET status = 'RESOLVED', resolved_at = :now, resolved_by = :by, outcome = :outcome,
                            updated_at = :now
                        WHERE id = :id""")
                .param("now", Timestamp.from(now)).param("by", caller.id()).param("outcome", outcome.name())
                .param("id", id).update();
        store.history(id, now, caller.id(), HistoryAction.RESOLVED, outcome + (note == null ? "" : ": " + note));
        outbox.cancelUnsent(id);
        notifier.releaseWhatNoLongerHolds(alert.participantId(), now);
        return changed(caller, alert, Audit.Action.ALERT_RESOLVED);
    }

    @Transactional
    public AlertViews.Detail snooze(Caller caller, UUID id, Instant until, String reason) {
        Current alert = lockVisible(caller, id);
        requireStatus(alert, AlertStatus.StaffAction.SNOOZE);
        if ("CRITICAL".equals(alert.severity())) {
            throw ApiProblem.conflict("critical-not-snoozable", "CRITICAL alerts cannot be snoozed",
                    "A CRITICAL alert concerns risk to life; it is never snoozed.");
        }
        Instant now = clock.instant();
        if (!until.isAfter(now) || until.isAfter(now.plus(LONGEST_SNOOZE))) {
            throw ApiProblem.invalid("until", "must be in the future and at most 30 days ahead");
        }
        jdbc.sql("""
                        INSERT INTO snooze (participant_id, rule_id, until, reason, snoozed_by, snoozed_at)
                        VALUES (:p, :rule, :until, :reason, :by, :now)""")
                .param("p", alert.participantId()).param("rule", alert.ruleId()).param("until", Timestamp.from(until))
                .param("reason", reason).param("by", caller.id()).param("now", Timestamp.from(now)).update();
        store.history(id, now, caller.id(), HistoryAction.SNOOZED, "until " + until + ": " + reason);
        return changed(caller, alert, Audit.Action.ALERT_SNOOZED);
    }

    /** The change goes into the audit log with the change itself; the answer is the alert as it now stands. */
    private AlertViews.Detail changed(Caller caller, Current alert, Audit.Action action) {
        metrics.changed(alert.severity(), action.name().substring("ALERT_".length()).toLowerCase(java.util.Locale.ROOT));
        audit.record(caller, action, alert.participantId(), alert.id().toString());
        return queries.detail(roster.caseload(caller), alert.id()).orElseThrow();
    }

    /** Locks the alert only when the caller may see it, so that nobody can hold another caseload's alert. */
    private Current lockVisible(Caller caller, UUID id) {
        Caseload caseload = roster.caseload(caller);
        return jdbc.sql("""
                        SELECT id, participant_id, programme_id, rule_id, severity, status, raised_at FROM alert
                        WHERE id = :id
                          AND (programme_id = ANY (:programmes) OR participant_id = ANY (:participants))
                        FOR UPDATE""")
                .param("id", id)
                .param("programmes", caseload.programmes().toArray(String[]::new))
                .param("participants", caseload.participants().toArray(String[]::new))
                .query((rs, row) -> new Current(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), AlertStatus.valueOf(rs.getString(6)),
                        rs.getTimestamp(7).toInstant()))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("There is no alert " + id + " in your caseload."));
    }

    private static void requireStatus(Current alert, AlertStatus.StaffAction action) {
        if (!action.allowedFrom(alert.status())) {
            throw ApiProblem.conflict("alert-state", "Not possible in this state",
                    "An alert that is " + alert.status().inWords() + " cannot be " + action.done() + ".");
        }
    }
}
