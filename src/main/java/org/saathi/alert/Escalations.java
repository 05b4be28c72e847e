package org.saathi.alert;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.saathi.facts.Role;
import org.saathi.facts.Severity;
import org.saathi.notify.AlertNotice;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.Recipient;
import org.saathi.roster.Roster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The escalation ladder. An alert nobody acknowledged by its deadline goes to the next level of
 * its policy: first the role the policy names, then the participant's supervisor, then every
 * supervisor of the programme, who are reminded at each further deadline until someone acts.
 * Due alerts are claimed with {@code FOR UPDATE SKIP LOCKED}, so several instances share the work.
 */
@Component
class Escalations {

    private static final Logger log = LoggerFactory.getLogger(Escalations.class);

    private record Due(UUID id, String participantId, String ruleId, Severity severity, Role escalateTo, int step,
            Duration acknowledgeWithin, Instant ackDueAt, Instant raisedAt, Instant clearedAt) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AlertStore store;
    private final AlertNotifier notifier;
    private final Roster roster;
    private final SweepSettings settings;
    private final AlertMetrics metrics;
    private final Clearings clearings;
    private final Clock clock;

    Escalations(JdbcClient jdbc, TransactionTemplate transactions, AlertStore store, AlertNotifier notifier,
            Roster roster, SweepSettings settings, AlertMetrics metrics, Clearings clearings, Clock clock) {
        this.jdbc = jdbc;
        this.clearings = clearings;
        this.metrics = metrics;
        this.transactions = transactions;
        this.store = store;
        this.notifier = notifier;
        this.roster = roster;
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${saathi.sweep.escalation-every:30s}", initialDelayString = "PT10S")
    void sweep() {
        if (settings.enabled()) {
            // Snoozes first: what they held is sent afresh with a new deadline, not escalated past.
            metrics.timeEscalationSweep(() -> {
                endSnoozes();
                escalateDue();
            });
        }
    }

    /**
     * Escalates every alert past its deadline, and resolves each cleared WATCH that reached its own;
     * a cleared WARNING or URGENT alert waits for a person without climbing. Answers how many.
     */
    int escalateDue() {
        int escalated = 0;
        int batch;
        do {
            Integer done = transactions.execute(status -> {
                Instant now = clock.instant();
                List<Due> due = jdbc.sql("""
                                SELECT * FROM alert WHERE status = 'OPEN' AND ack_due_at <= :now
                                    AND (cleared_at IS NULL OR severity = 'WATCH')
                                ORDER BY ack_due_at LIMIT :batch FOR UPDATE SKIP LOCKED""")
                        .param("now", Timestamp.from(now)).param("batch", settings.batch())
                        .query((rs, row) -> new Due(rs.getObject("id", UUID.class), rs.getString("participant_id"),
                                rs.getString("rule_id"), Severity.valueOf(rs.getString("severity")),
                                Role.valueOf(rs.getString("escalate_to")), rs.getInt("escalation_step"),
                                Duration.ofSeconds(rs.getLong("ack_within_seconds")),
                                rs.getTimestamp("ack_due_at").toInstant(), rs.getTimestamp("raised_at").toInstant(),
                                rs.getTimestamp("cleared_at") == null ? null
                                        : rs.getTimestamp("cleared_at").toInstant()))
                        .list();
                due.forEach(alert -> escalate(alert, now));
                return due.size();
            });
            batch = done == null ? 0 : done;
            escalated += batch;
        } while (batch == settings.batch());
        return escalated;
    }

    private void escalate(Due alert, Instant now) {
        if (alert.clearedAt() != null && AlertPolicy.resolvesItselfAtDeadline(alert.severity())) {
            clearings.resolve(alert.participantId(), new AlertStore.OpenRow(alert.id(), alert.severity(),
                    AlertStatus.OPEN, alert.raisedAt(), alert.ackDueAt(), alert.ruleId(), alert.acknowledgeWithin(),
                    alert.clearedAt()),
                    now, "its condition cleared at " + alert.clearedAt() + " and stayed clear until its deadline");
            notifier.releaseWhatNoLongerHolds(alert.participantId(), now);
            return;
        }
        Optional<Instant> snoozed = alert.severity() == Severity.CRITICAL ? Optional.empty()
                : store.snoozedUntil(alert.participantId(), alert.ruleId(), now);
        if (snoozed.isPresent()) {
            store.setDeadline(alert.id(), alert.step(), snoozed.get(), now);
            return;
        }
        if (notifier.holdReason(new AlertNotifier.Target(alert.id(), alert.participantId(), alert.ruleId(),
                alert.severity()), now).isPresent()) {
            // held behind a more severe alert: the ladder waits with it, and resumes when the hold ends
            store.setDeadline(alert.id(), alert.step(), now.plus(alert.acknowledgeWithin()), now);
            return;
        }
        ParticipantContext participant = roster.context(alert.participantId()).orElseThrow();
        AlertPolicy.Step next = AlertPolicy.nextStep(alert.escalateTo(), alert.step(),
                store.recipientIds(alert.id()), participant);
        AlertNotifier.warnIfNobodyActiveWasLeft(alert.id(), participant, next.recipients());
        int step = next.number();
        List<Recipient> recipients = reasoned(next.recipients(), step, alert.acknowledgeWithin());
        Instant deadline = now.plus(alert.acknowledgeWithin());
        store.addRecipients(alert.id(), recipients, step, now);
        store.setDeadline(alert.id(), step, deadline, now);
        metrics.changed(alert.severity().name(), "escalated");
        store.history(alert.id(), now, Alerts.SYSTEM, HistoryAction.ESCALATED, "step " + step + ": not acknowledged by "
                + alert.ackDueAt() + "; now to " + recipients.stream().map(Recipient::staffId).toList());
        notifier.notify(new AlertNotifier.Target(alert.id(), alert.participantId(), alert.ruleId(), alert.severity()),
                AlertNotice.Event.ESCALATED, recipients, alert.acknowledgeWithin(), deadline, now);
        log.info("Alert {} escalated to step {} ({} recipients)", alert.id(), step, recipients.size());
    }

    private static List<Recipient> reasoned(List<Recipient> recipients, int step, Duration within) {
        List<Recipient> reasoned = new ArrayList<>();
        for (Recipient recipient : recipients) {
            reasoned.add(new Recipient(recipient.staffId(), recipient.role(), "escalation step " + step
                    + ", nobody acknowledged within " + within.toMinutes() + " minutes; " + recipient.reason()));
        }
        return reasoned;
    }

    /** Snoozes that are over: what they held back is sent, unless something else still holds it. */
    int endSnoozes() {
        Integer ended = transactions.execute(status -> {
            Instant now = clock.instant();
            List<String> participants = jdbc.sql("""
                            UPDATE snooze SET ended = true
                            WHERE id IN (SELECT id FROM snooze WHERE NOT ended AND until <= :now
                                         ORDER BY until LIMIT :batch FOR UPDATE SKIP LOCKED)
                            RETURNING participant_id""")
                    .param("now", Timestamp.from(now)).param("batch", settings.batch())
                    .query(String.class).list();
            participants.stream().distinct().forEach(p -> notifier.releaseWhatNoLongerHolds(p, now));
            return participants.size();
        });
        return ended == null ? 0 : ended;
    }
}
