package org.saathi.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.saathi.facts.OpenAlert;
import org.saathi.facts.Severity;
import org.saathi.roster.ParticipantSaved;
import org.saathi.roster.Recipient;
import org.saathi.rules.Finding;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The alert tables, written only through here. */
@Repository
class AlertStore {

    /** {@code clearedAt}: when its condition was seen to no longer hold, null while it holds. */
    record OpenRow(UUID id, Severity severity, AlertStatus status, Instant raisedAt, Instant ackDueAt, String ruleId,
            java.time.Duration acknowledgeWithin, Instant clearedAt) {

        boolean cleared() {
            return clearedAt != null;
        }
    }

    /** One piece of evidence as stored: a fact's id, kind, time and summary. */
    record Evidence(String factId, String type, Instant at, String summary) {
    }

    private final JdbcClient jdbc;

    AlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A participant's alerts, open or closed, belong to the programme they are in now: caseloads of
     * supervisors and admins are drawn by the alert's programme.
     */
    @EventListener
    void participantSaved(ParticipantSaved saved) {
        jdbc.sql("UPDATE alert SET programme_id = :to WHERE participant_id = :p AND programme_id <> :to")
                .param("to", saved.programmeId()).param("p", saved.participantId()).update();
    }

    /** For each rule of the participant's alerts, the facts behind them and the highest severity each was part of. */
    Map<String, Map<String, Severity>> knownEvidence(String participantId) {
        return knownEvidence(List.of(participantId)).getOrDefault(participantId, Map.of());
    }

    /** The participant's open alerts of these rules, locked until the transaction ends. */
    List<OpenRow> lockOpen(String participantId, Set<String> ruleIds) {
        if (ruleIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        SELECT id, severity, status, raised_at, ack_due_at, rule_id, ack_within_seconds, cleared_at
                        FROM alert WHERE participant_id = :p AND rule_id = ANY (:rules)
                            AND status IN ('OPEN', 'ACKNOWLEDGED')
                        FOR UPDATE""")
                .param("p", participantId).param("rules", ruleIds.toArray(String[]::new))
                .query(AlertStore::openRow)
                .list();
    }

    UUID insert(String participantId, String programmeId, Finding finding, String version, Instant now,
            Instant ackDueAt) {
        return jdbc.sql("""
                        INSERT INTO alert (participant_id, programme_id, rule_id, rule_name, severity, status,
                            explanation, rule_set_version, raised_at, updated_at, ack_due_at, escalate_to,
                            ack_within_seconds)
                        VALUES (:p, :programme, :rule, :name, :severity, 'OPEN', :explanation, :version, :now, :now,
                            :due, :escalateTo, :ackWithin)
                        RETURNING id""")
                .param("ackWithin", finding.acknowledgeWithin().toSeconds())
                .param("p", participantId).param("programme", programmeId)
                .param("rule", finding.ruleId()).param("name", finding.ruleName())
                .param("severity", finding.severity().name()).param("explanation", finding.explanation())
                .param("version", version).param("now", Timestamp.from(now)).param("due", Timestamp.from(ackDueAt))
                .param("escalateTo", finding.escalateTo().name())
                .query(UUID.class).single();
    }

    void raise(UUID alertId, Finding finding, String version, Instant now, Instant ackDueAt) {
        jdbc.sql("""
                        UPDATE alert SET severity = :severity, status = 'OPEN', explanation = :explanation,
                            rule_name = :name, rule_set_version = :version, updated_at = :now, ack_due_at = :due,
                            escalate_to = :escalateTo, escalation_step = 0, ack_within_seconds = :ackWithin,
                            acknowledged_at = NULL, acknowledged_by = NULL
                        WHERE id = :id""")
                .param("ackWithin", finding.acknowledgeWithin().toSeconds())
                .param("severity", finding.severity().name()).param("explanation", finding.explanation())
                .param("name", finding.ruleName()).param("version", version).param("now", Timestamp.from(now))
                .param("due", Timestamp.from(ackDueAt)).param("escalateTo", finding.escalateTo().name())
                .param("id", alertId)
                .update();
    }

    void touch(UUID alertId, String explanation, Instant now) {
        jdbc.sql("UPDATE alert SET explanation = :explanation, updated_at = :now WHERE id = :id")
                .param("explanation", explanation).param("now", Timestamp.from(now)).param("id", alertId).update();
    }

    /** Attaches a fact to the alert, or records that it now stands behind a higher severity. */
    void putEvidence(UUID alertId, Evidence fact, Severity severity, Instant now) {
        jdbc.sql("""
                        INSERT INTO alert_evidence (alert_id, fact_id, fact_type, fact_at, summary, severity, added_at)
                        VALUES (:alert, :fact, :type, :at, :summary, :severity, :now)
                        ON CONFLICT (alert_id, fact_id) DO UPDATE SET severity = excluded.severity""")
                .param("alert", alertId).param("fact", fact.factId()).param("type", fact.type())
                .param("at", Timestamp.from(fact.at())).param("summary", fact.summary())
                .param("severity", severity.name()).param("now", Timestamp.from(now))
                .update();
    }

    void addRecipients(UUID alertId, List<Recipient> recipients, int step, Instant now) {
        for (Recipient recipient : recipients) {
            jdbc.sql("""
                            INSERT INTO alert_recipient (alert_id, staff_id, role, reason, step, added_at)
                            VALUES (:alert, :staff, :role, :reason, :step, :now)
                            ON CONFLICT (alert_id, staff_id, step) DO NOTHING""")
                    .param("alert", alertId).param("staff", recipient.staffId()).param("role", recipient.role().name())
                    .param("reason", recipient.reason()).param("step", step).param("now", Timestamp.from(now))
                    .update();
        }
    }

    void history(UUID alertId, Instant at, String actor, HistoryAction action, String note) {
        jdbc.sql("INSERT INTO alert_history (alert_id, at, actor, action, note) VALUES (:a, :at, :actor, :action, :note)")
                .param("a", alertId).param("at", Timestamp.from(at)).param("actor", actor)
                .param("action", action.name())
                .param("note", note).update();
    }

    Set<String> recipientIds(UUID alertId) {
        return jdbc.sql("SELECT staff_id FROM alert_recipient WHERE alert_id = :a").param("a", alertId)
                .query(String.class).set();
    }

    /** The next notification round of the alert: every event that notifies people is a round. */
    int nextRound(UUID alertId) {
        return jdbc.sql("UPDATE alert SET notification_round = notification_round + 1 WHERE id = :id "
                        + "RETURNING notification_round")
                .param("id", alertId).query(Integer.class).single();
    }

    /** The participant's open alerts whose condition has cleared. */
    List<OpenRow> cleared(String participantId) {
        return jdbc.sql("""
                        SELECT id, severity, status, raised_at, ack_due_at, rule_id, ack_within_seconds, cleared_at
                        FROM alert
                        WHERE participant_id = :p AND status IN ('OPEN', 'ACKNOWLEDGED') AND cleared_at IS NOT NULL""")
                .param("p", participantId)
                .query(AlertStore::openRow)
                .list();
    }

    /** Records that the alert's condition no longer holds, as of now, and the fact that made the difference. */
    void clear(UUID alertId, Optional<Evidence> by, Instant now) {
        jdbc.sql("""
                        UPDATE alert SET cleared_at = :now, cleared_by_fact = :fact, cleared_by_type = :type,
                            cleared_by_at = :at, cleared_by_summary = :summary, updated_at = :now
                        WHERE id = :id""")
                .param("now", Timestamp.from(now)).param("fact", by.map(Evidence::factId).orElse(null))
                .param("type", by.map(Evidence::type).orElse(null))
                .param("at", by.map(fact -> Timestamp.from(fact.at())).orElse(null))
                .param("summary", by.map(Evidence::summary).orElse(null)).param("id", alertId)
                .update();
    }

    /** The alert's condition holds again. */
    void unclear(UUID alertId, Instant now) {
        jdbc.sql("""
                        UPDATE alert SET cleared_at = NULL, cleared_by_fact = NULL, cleared_by_type = NULL,
                            cleared_by_at = NULL, cleared_by_summary = NULL, updated_at = :now
                        WHERE id = :id""")
                .param("now", Timestamp.from(now)).param("id", alertId).update();
    }

    /** Resolved by Saathi itself, its condition having cleared. */
    void resolveCleared(UUID alertId, Instant now) {
        jdbc.sql("""
                        UPDATE alert SET status = 'RESOLVED', resolved_at = :now, resolved_by = :by, outcome = 'CLEARED',
                            updated_at = :now
                        WHERE id = :id""")
                .param("now", Timestamp.from(now)).param("by", Alerts.SYSTEM).param("id", alertId).update();
    }

    /** Whether another open alert of the participant is more severe than this severity. */
    boolean moreSevereOpen(String participantId, UUID alertId, Severity severity) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM alert WHERE participant_id = :p AND id <> :id
                            AND status = 'OPEN' AND cleared_at IS NULL
                            AND CASE severity WHEN 'WATCH' THEN 0 WHEN 'WARNING' THEN 1 WHEN 'URGENT' THEN 2 ELSE 3 END
                                > :rank)""")
                .param("p", participantId).param("id", alertId).param("rank", severity.ordinal())
                .query(Boolean.class).single();
    }

    Optional<Instant> snoozedUntil(String participantId, String ruleId, Instant now) {
        return jdbc.sql("""
                        SELECT max(until) FROM snooze WHERE participant_id = :p AND rule_id = :rule AND until > :now""")
                .param("p", participantId).param("rule", ruleId).param("now", Timestamp.from(now))
                .query((rs, row) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant())
                .optional();
    }

    /**
     * Open, unacknowledged alerts of the participant whose condition still holds, for releasing what
     * no longer needs holding: a cleared alert sends nothing more.
     */
    List<OpenRow> unacknowledged(String participantId) {
        return jdbc.sql("""
                        SELECT id, severity, status, raised_at, ack_due_at, rule_id, ack_within_seconds, cleared_at
                        FROM alert WHERE participant_id = :p AND status = 'OPEN' AND cleared_at IS NULL""")
                .param("p", participantId)
                .query(AlertStore::openRow)
                .list();
    }

    private static OpenRow openRow(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new OpenRow(rs.getObject(1, UUID.class), Severity.valueOf(rs.getString(2)),
                AlertStatus.valueOf(rs.getString(3)),
                rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(), rs.getString(6),
                java.time.Duration.ofSeconds(rs.getLong(7)),
                rs.getTimestamp(8) == null ? null : rs.getTimestamp(8).toInstant());
    }

    /** A new acknowledgement deadline, and the escalation step it belongs to (null: the step stays). */
    void setDeadline(UUID alertId, Integer step, Instant deadline, Instant now) {
        jdbc.sql("""
                        UPDATE alert SET ack_due_at = :due, updated_at = :now,
                            escalation_step = coalesce(CAST(:step AS integer), escalation_step)
                        WHERE id = :id""")
                .param("due", Timestamp.from(deadline)).param("now", Timestamp.from(now)).param("step", step)
                .param("id", alertId)
                .update();
    }

    /** As {@link #knownEvidence(String)} for many participants: participant, rule, fact. */
    Map<String, Map<String, Map<String, Severity>>> knownEvidence(Collection<String> participantIds) {
        Map<String, Map<String, Map<String, Severity>>> known = new HashMap<>();
        jdbc.sql("""
                        SELECT a.participant_id, a.rule_id, e.fact_id, e.severity
                        FROM alert_evidence e JOIN alert a ON a.id = e.alert_id
                        WHERE a.participant_id = ANY (:ids)""")
                .param("ids", participantIds.toArray(String[]::new))
                .query(rs -> {
                    known.computeIfAbsent(rs.getString(1), participant -> new HashMap<>())
                            .computeIfAbsent(rs.getString(2), rule -> new HashMap<>())
                            .merge(rs.getString(3), Severity.valueOf(rs.getString(4)), Severity::max);
                });
        return known;
    }

    /**
     * What the participants' alerts rest on, in one statement: each alert with its evidence. Open
     * and acknowledged alerts as rules weigh them (their newest evidence, or when raised), the rules
     * of those whose condition has cleared, and for every alert ever raised the facts behind it.
     */
    Alerts.Known known(Collection<String> participantIds) {
        Map<String, Map<String, OpenAlert>> open = new HashMap<>();
        Map<String, Set<String>> cleared = new HashMap<>();
        Map<String, Map<String, Map<String, Severity>>> evidence = new HashMap<>();
        jdbc.sql("""
                        SELECT a.participant_id, a.rule_id, a.severity, a.raised_at,
                            a.status IN ('OPEN', 'ACKNOWLEDGED') AS open, a.cleared_at IS NOT NULL AS cleared,
                            e.fact_id, e.fact_at, e.severity AS evidence_severity
                        FROM alert a LEFT JOIN alert_evidence e ON e.alert_id = a.id
                        WHERE a.participant_id = ANY (:ids)
                        ORDER BY a.participant_id, a.rule_id""")
                .param("ids", participantIds.toArray(String[]::new))
                .query(rs -> {
                    String participant = rs.getString("participant_id");
                    String rule = rs.getString("rule_id");
                    Timestamp factAt = rs.getTimestamp("fact_at");
                    if (factAt != null) {
                        evidence.computeIfAbsent(participant, p -> new HashMap<>())
                                .computeIfAbsent(rule, r -> new HashMap<>())
                                .merge(rs.getString("fact_id"), Severity.valueOf(rs.getString("evidence_severity")),
                                        Severity::max);
                    }
                    if (!rs.getBoolean("open")) {
                        return;
                    }
                    // one open alert per rule: its rows differ only in their evidence
                    Instant raised = rs.getTimestamp("raised_at").toInstant();
                    Instant last = factAt == null ? raised : factAt.toInstant();
                    open.computeIfAbsent(participant, p -> new LinkedHashMap<>()).merge(rule,
                            new OpenAlert(rule, Severity.valueOf(rs.getString("severity")), raised, last),
                            (was, other) -> other.lastEvidenceAt().isAfter(was.lastEvidenceAt()) ? other : was);
                    if (rs.getBoolean("cleared")) {
                        cleared.computeIfAbsent(participant, p -> new HashSet<>()).add(rule);
                    }
                });
        Map<String, List<OpenAlert>> openLists = new HashMap<>();
        open.forEach((participant, alerts) -> openLists.put(participant, List.copyOf(alerts.values())));
        return new Alerts.Known(openLists, evidence, cleared);
    }

}
