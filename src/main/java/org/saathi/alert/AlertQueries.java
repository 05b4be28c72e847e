package org.saathi.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.saathi.facts.Severity;
import org.saathi.notify.Outbox;
import org.saathi.roster.Caseload;
import org.saathi.roster.Roster;
import org.saathi.rules.WhatToDo;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Reads alerts for staff, always within their current caseload: an alert outside it is simply not
 * found, also for someone who was asked to act on it before consent was withdrawn or the
 * participant moved to another counsellor.
 */
@Service
public class AlertQueries {

    /** Filters of the alert list: no statuses or severity means any; {@code mine} means alerts sent to the caller. */
    public record Filter(Set<String> statuses, Optional<String> severity, Optional<String> participantId,
            boolean mine) {

        public Filter {
            statuses = Set.copyOf(statuses);
        }
    }

    /**
     * Newest first (the API's default), or the most severe first (the queue): within a severity, the
     * alerts whose condition still holds before those whose condition cleared, newest first.
     */
    public enum Order {
        NEWEST("a.raised_at DESC, a.id"),
        SEVERITY("CASE a.severity WHEN 'CRITICAL' THEN 0 WHEN 'URGENT' THEN 1 WHEN 'WARNING' THEN 2 ELSE 3 END,"
                + " a.cleared_at IS NOT NULL, a.raised_at DESC, a.id");

        private final String sql;

        Order(String sql) {
            this.sql = sql;
        }
    }

    private static final String VISIBLE = """
            (a.programme_id = ANY (:programmes) OR a.participant_id = ANY (:participants))""";

    private static final String FILTERED = VISIBLE + """
             AND (cardinality(CAST(:statuses AS text[])) = 0 OR a.status = ANY (:statuses))
             AND (CAST(:severity AS text) IS NULL OR a.severity = :severity)
             AND (CAST(:participant AS text) IS NULL OR a.participant_id = :participant)
             AND (NOT :mine OR EXISTS (SELECT 1 FROM alert_recipient m WHERE m.alert_id = a.id AND m.staff_id = :staff))""";

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final Roster roster;
    private final Audit audit;
    private final Clock clock;
    private final WhatToDo.Catalogue whatToDo;

    AlertQueries(JdbcClient jdbc, Outbox outbox, Roster roster, Audit audit, Clock clock,
            WhatToDo.Catalogue whatToDo) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.roster = roster;
        this.audit = audit;
        this.clock = clock;
        this.whatToDo = whatToDo;
    }

    /**
     * When each of these participants had an alert that staff later resolved as a confirmed relapse,
     * raised between {@code from} and {@code to}: the outcomes a backtest measures rules against.
     */
    public Map<String, List<Instant>> relapsesConfirmed(Collection<String> participantIds, Instant from, Instant to) {
        Map<String, List<Instant>> relapses = new HashMap<>();
        jdbc.sql("""
                        SELECT participant_id, raised_at FROM alert
                        WHERE participant_id = ANY (:ids) AND outcome = 'RELAPSE_CONFIRMED'
                          AND raised_at BETWEEN :from AND :to
                        ORDER BY participant_id, raised_at""")
                .param("ids", participantIds.toArray(String[]::new))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .query(rs -> {
                    relapses.computeIfAbsent(rs.getString("participant_id"), id -> new ArrayList<>())
                            .add(rs.getTimestamp("raised_at").toInstant());
                });
        return relapses;
    }

    /** A page of the alerts in the caller's caseload. */
    public AlertViews.Page list(Caller caller, Filter filter, Order order, int page, int size) {
        return list(roster.caseload(caller), filter, order, page, size);
    }

    /** An alert in the caller's caseload, in full; the view goes into the audit log. */
    public Optional<AlertViews.Detail> view(Caller caller, UUID id) {
        Optional<AlertViews.Detail> detail = detail(roster.caseload(caller), id);
        detail.ifPresent(found -> audit.record(caller, Audit.Action.ALERT_VIEWED, found.participantId(),
                id.toString()));
        return detail;
    }

    /** What happened to a participant's alerts in {@code [from, to)}, oldest first; the caller checks the caseload. */
    public List<AlertViews.Event> events(String participantId, Instant from, Instant to, int limit) {
        return jdbc.sql("""
                        SELECT a.id, a.rule_id, a.rule_name, a.severity, h.at, h.action
                        FROM alert_history h JOIN alert a ON a.id = h.alert_id
                        WHERE a.participant_id = :p AND h.at >= :from AND h.at < :to
                        ORDER BY h.at, h.id LIMIT :limit""")
                .param("p", participantId).param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("limit", limit)
                .query((rs, row) -> new AlertViews.Event(rs.getObject("id", UUID.class), rs.getString("rule_id"),
                        rs.getString("rule_name"), rs.getString("severity"), rs.getTimestamp("at").toInstant(),
                        rs.getString("action")))
                .list();
    }

    AlertViews.Page list(Caseload caseload, Filter filter, Order order, int page, int size) {
        long total = visible(jdbc.sql("SELECT count(*) FROM alert a WHERE " + FILTERED), caseload, filter)
                .query(Long.class).single();
        List<AlertViews.Summary> items = visible(jdbc.sql("SELECT a.* FROM alert a WHERE " + FILTERED
                        + " ORDER BY " + order.sql + " LIMIT :limit OFFSET :offset"), caseload, filter)
                .param("limit", size).param("offset", (long) page * size)
                .query(AlertQueries::summary).list();
        return new AlertViews.Page(items, page, size, total);
    }

    Optional<AlertViews.Detail> detail(Caseload caseload, UUID id) {
        record Row(AlertViews.Summary summary, Instant updatedAt, String version, String explanation,
                AlertViews.Handling handling) {
        }
        return visible(jdbc.sql("""
                        SELECT a.*, (SELECT max(until) FROM snooze s WHERE s.participant_id = a.participant_id
                                     AND s.rule_id = a.rule_id AND s.until > :now) AS snoozed_until
                        FROM alert a WHERE a.id = :id AND """ + VISIBLE), caseload, null)
                .param("id", id).param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> new Row(summary(rs, row), rs.getTimestamp("updated_at").toInstant(),
                        rs.getString("rule_set_version"), rs.getString("explanation"), new AlertViews.Handling(
                                instant(rs, "acknowledged_at"), rs.getString("acknowledged_by"),
                                instant(rs, "resolved_at"), rs.getString("resolved_by"), rs.getString("outcome"),
                                instant(rs, "snoozed_until"), rs.getInt("escalation_step"))))
                .optional()
                .map(found -> {
                    AlertViews.Summary s = found.summary();
                    return new AlertViews.Detail(s.id(), s.participantId(), s.ruleId(), s.ruleName(), s.severity(),
                            s.status(), s.raisedAt(), s.ackDueAt(), found.updatedAt(), found.version(),
                            found.explanation(), found.handling(), s.cleared(), evidence(id), recipients(id),
                            outbox.forAlert(id), history(id),
                            whatToDo.whatToDo(s.ruleId(), Severity.valueOf(s.severity())).orElse(null));
                });
    }

    private List<AlertViews.Evidence> evidence(UUID id) {
        return jdbc.sql("SELECT * FROM alert_evidence WHERE alert_id = :id ORDER BY fact_at, fact_id").param("id", id)
                .query((rs, row) -> new AlertViews.Evidence(rs.getString("fact_type"), rs.getString("fact_id"),
                        rs.getTimestamp("fact_at").toInstant(), rs.getString("summary")))
                .list();
    }

    private List<AlertViews.RecipientView> recipients(UUID id) {
        return jdbc.sql("SELECT * FROM alert_recipient WHERE alert_id = :id ORDER BY step, added_at, staff_id")
                .param("id", id)
                .query((rs, row) -> new AlertViews.RecipientView(rs.getString("staff_id"), rs.getString("role"),
                        rs.getString("reason"), rs.getInt("step")))
                .list();
    }

    private List<AlertViews.HistoryEntry> history(UUID id) {
        return jdbc.sql("SELECT * FROM alert_history WHERE alert_id = :id ORDER BY id").param("id", id)
                .query((rs, row) -> new AlertViews.HistoryEntry(rs.getTimestamp("at").toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("note")))
                .list();
    }

    private static JdbcClient.StatementSpec visible(JdbcClient.StatementSpec sql, Caseload caseload, Filter filter) {
        sql.param("programmes", caseload.programmes().toArray(String[]::new))
                .param("participants", caseload.participants().toArray(String[]::new))
                .param("staff", caseload.staffId());
        if (filter != null) {
            sql.param("statuses", filter.statuses().toArray(String[]::new))
                    .param("severity", filter.severity().orElse(null))
                    .param("participant", filter.participantId().orElse(null)).param("mine", filter.mine());
        }
        return sql;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    private static AlertViews.Summary summary(ResultSet rs, int row) throws SQLException {
        return new AlertViews.Summary(rs.getObject("id", UUID.class), rs.getString("participant_id"),
                rs.getString("rule_id"), rs.getString("rule_name"), rs.getString("severity"), rs.getString("status"),
                rs.getTimestamp("raised_at").toInstant(), rs.getTimestamp("ack_due_at").toInstant(), cleared(rs));
    }

    private static AlertViews.Cleared cleared(ResultSet rs) throws SQLException {
        Instant at = instant(rs, "cleared_at");
        if (at == null) {
            return null;
        }
        String fact = rs.getString("cleared_by_fact");
        return new AlertViews.Cleared(at, fact == null ? null : new AlertViews.Evidence(rs.getString("cleared_by_type"),
                fact, instant(rs, "cleared_by_at"), rs.getString("cleared_by_summary")));
    }
}
