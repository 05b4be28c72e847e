package org.saathi.notify;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.saathi.roster.Channel;
import org.saathi.roster.Roster;
import org.saathi.roster.StaffContact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where alert changes leave their notifications, in the same transaction: if the change is
 * committed, so are its notifications, and the dispatcher will deliver them.
 */
@Service
public class Outbox {

    private static final Logger log = LoggerFactory.getLogger(Outbox.class);

    /** A notification as the alert detail shows it. */
    public record NotificationView(UUID id, String staffId, String channel, String state, int attempts,
            String lastError, String heldReason, Instant sentAt) {
    }

    private final JdbcClient jdbc;
    private final Roster roster;
    private final MessageTemplates templates;
    private final Wakeup wakeup;
    private final Clock clock;

    Outbox(JdbcClient jdbc, Roster roster, MessageTemplates templates, Wakeup wakeup, Clock clock) {
        this.jdbc = jdbc;
        this.roster = roster;
        this.templates = templates;
        this.wakeup = wakeup;
        this.clock = clock;
    }

    /**
     * Leaves one notification per recipient and channel for this round of the alert. A held one
     * ({@code heldReason} present) is recorded but not delivered until released.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void enqueue(AlertNotice notice, int round, List<String> staffIds, Optional<String> heldReason) {
        Instant now = clock.instant();
        for (String staffId : staffIds) {
            StaffContact contact = roster.contact(staffId).orElse(null);
            if (contact == null) {
                log.error("Alert {}: recipient {} is not a staff member; nobody notified in their place", notice.alertId(),
                        staffId);
                continue;
            }
            if (contact.channels().isEmpty()) {
                log.error("Alert {}: staff member {} has no e-mail address or channel; they cannot be reached",
                        notice.alertId(), staffId);
                unreachable(notice, round, staffId, now);
                continue;
            }
            for (String channel : contact.channels()) {
                MessageTemplates.Message message = templates.render(Channel.valueOf(channel), notice, contact.name());
                jdbc.sql("""
                                INSERT INTO notification (alert_id, participant_id, staff_id, channel, round, kind, state,
                                    held_reason, subject, body, next_attempt_at, created_at)
                                VALUES (:alert, :participant, :staff, :channel, :round, :kind, :state, :held, :subject,
                                    :body, :now, :now)
                                ON CONFLICT (alert_id, staff_id, channel, round) DO NOTHING""")
                        .param("alert", notice.alertId()).param("participant", notice.participantId())
                        .param("staff", staffId).param("channel", channel)
                        .param("round", round).param("kind", notice.event().name())
                        .param("state", (heldReason.isPresent() ? NotificationState.HELD
                                : NotificationState.PENDING).name())
                        .param("held", heldReason.orElse(null))
                        .param("subject", message.subject()).param("body", message.body())
                        .param("now", Timestamp.from(now))
                        .update();
            }
        }
        if (heldReason.isEmpty()) {
            wakeup.afterCommit();
        }
    }

    /** Recorded as failed, so that the alert shows that this person was not reached. */
    private void unreachable(AlertNotice notice, int round, String staffId, Instant now) {
        jdbc.sql("""
                        INSERT INTO notification (alert_id, staff_id, channel, round, kind, state, subject, body,
                            last_error, next_attempt_at, created_at)
                        VALUES (:alert, :staff, 'LOG', :round, :kind, 'FAILED', '', '',
                            'no e-mail address or channel on record for this staff member', :now, :now)
                        ON CONFLICT (alert_id, staff_id, channel, round) DO NOTHING""")
                .param("alert", notice.alertId()).param("staff", staffId).param("round", round)
                .param("kind", notice.event().name()).param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Drops what was held for the alert, answering whom it was for: the caller sends them one fresh
     * message, rather than every round written while the hold lasted, each with a deadline long past.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> takeHeld(UUID alertId) {
        return jdbc.sql("""
                        UPDATE notification SET state = 'CANCELLED', last_error = 'superseded: sent afresh when the hold ended'
                        WHERE alert_id = :alert AND state = 'HELD' RETURNING staff_id""")
                .param("alert", alertId).query(String.class).list().stream().distinct().toList();
    }

    /** Stops what was held or not yet delivered for the alert: someone has acted on it. */
    @Transactional(propagation = Propagation.MANDATORY)
    public int cancelUnsent(UUID alertId) {
        return jdbc.sql("""
                        UPDATE notification SET state = 'CANCELLED'
                        WHERE alert_id = :alert AND state IN ('HELD', 'PENDING')""")
                .param("alert", alertId).update();
    }

    public List<NotificationView> forAlert(UUID alertId) {
        return jdbc.sql("SELECT * FROM notification WHERE alert_id = :alert ORDER BY round, created_at, staff_id, channel")
                .param("alert", alertId)
                .query((rs, row) -> new NotificationView(rs.getObject("id", UUID.class), rs.getString("staff_id"),
                        rs.getString("channel"), rs.getString("state"), rs.getInt("attempts"),
                        rs.getString("last_error"), rs.getString("held_reason"),
                        rs.getTimestamp("sent_at") == null ? null : rs.getTimestamp("sent_at").toInstant()))
                .list();
    }
}
