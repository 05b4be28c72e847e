package org.saathi.alert;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.facts.DrugScreen;
import org.saathi.facts.Severity;
import org.saathi.facts.Substance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.simple.JdbcClient.StatementSpec;
import org.springframework.stereotype.Repository;

/**
 * The two aggregate queries behind rule quality: per rule and severity, the alerts raised in a
 * period with their acknowledgements and the relapses that followed them, and their outcomes.
 * Only counts leave the database, never an alert or a participant.
 *
 * <p>Relapses are read from the facts themselves (a check-in reporting use; a drug screen positive
 * for something beyond the participant's prescribed medication, confirmed, as the rules read
 * {@link DrugScreen#showsUseBeyond}: a presumptive positive is not yet a relapse) and from alerts
 * staff resolved as a confirmed relapse, in one query, rather than loading each participant's
 * facts through the ingest feature.
 */
@Repository
class RuleQualityStore {

    /** The alerts a question counts: raised in the period, within the asker's reach. */
    record Question(Instant from, Instant to, Instant now, RuleQuality.Reach reach, Optional<String> programme) {
    }

    /** One rule and severity as the database sums it up; the median is in seconds. */
    record Tally(String ruleId, Severity severity, String ruleName, long alerts, long participants, long due,
            long inTime,
            Optional<Double> medianSeconds, long resolvedByStaff, long relapsed) {
    }

    record Key(String ruleId, Severity severity) {
    }

    // What the lifecycle writes when an alert is raised or rises to a severity: its deadline runs from there.
    private static final String[] RAISES = java.util.Arrays.stream(HistoryAction.values())
            .filter(HistoryAction::startsDeadline).map(Enum::name).toArray(String[]::new);

    private static final String CHOSEN = """
            a.raised_at >= :from AND a.raised_at < :to
              AND (:everyProgramme OR a.programme_id = ANY (:programmes) OR a.participant_id = ANY (:participants))
              AND (CAST(:programme AS text) IS NULL OR a.programme_id = CAST(:programme AS text))""";

    /** Every name a screen may give a substance, in lower case, to the substance's own name. */
    private static final Map<String, String> VOCABULARY = vocabulary();

    private final JdbcClient jdbc;

    RuleQualityStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * An alert is answered when someone acknowledged it, or resolved it without acknowledging it
     * first; it was due an answer once answered or once its deadline passed, unless Saathi closed
     * it itself because its condition cleared: staff are not pressed to answer those.
     */
    List<Tally> tallies(Question question) {
        return chosen(jdbc.sql("""
                        WITH vocabulary AS (
                            SELECT * FROM unnest(CAST(:names AS text[]), CAST(:labels AS text[])) AS v(name, label)
                        ), chosen AS (
                            SELECT a.participant_id, a.rule_id, a.rule_name, a.severity, a.raised_at, a.resolved_at,
                                   coalesce(a.resolved_by <> :system, false) AS resolved_by_staff,
                                   coalesce(a.resolved_by = :system, false) AS closed_by_saathi,
                                   coalesce(a.acknowledged_at,
                                            CASE WHEN a.resolved_by <> :system THEN a.resolved_at END) AS answered_at,
                                   coalesce((SELECT max(h.at) FROM alert_history h
                                             WHERE h.alert_id = a.id AND h.action = ANY (:raises)), a.raised_at) AS since,
                                   a.ack_within_seconds
                            FROM alert a
                            WHERE""" + " " + CHOSEN + """
                        ), judged AS (
                            SELECT c.*, c.since + make_interval(secs => c.ack_within_seconds) AS deadline,
                                   EXISTS (SELECT 1 FROM check_in f
                                           WHERE f.participant_id = c.participant_id AND f.used_substance
                                             AND f.recorded_at > c.raised_at
                                             AND f.recorded_at <= c.raised_at + make_interval(days => :days))
                                   OR EXISTS (SELECT 1 FROM screening s JOIN participant p ON p.id = s.participant_id
                                              WHERE s.participant_id = c.participant_id AND s.instrument = 'DRUG_SCREEN'
                                                AND s.positive AND s.confirmed IS DISTINCT FROM false
                                                AND s.recorded_at > c.raised_at
                                                AND s.recorded_at <= c.raised_at + make_interval(days => :days)
                                                AND (coalesce(cardinality(s.substances), 0) = 0
                                                     OR EXISTS (SELECT 1 FROM unnest(s.substances) AS named(name)
                                                                LEFT JOIN vocabulary v ON v.name = lower(btrim(named.name))
                                                                WHERE v.label IS NULL
                                                                   OR NOT v.label = ANY (p.prescribed_substances))))
                                   OR EXISTS (SELECT 1 FROM alert r
                                              WHERE r.participant_id = c.participant_id AND r.outcome = :confirmed
                                                AND r.raised_at >= c.raised_at
                                                AND r.raised_at <= c.raised_at + make_interval(days => :days))
                                       AS relapsed
                            FROM chosen c
                        )
                        SELECT rule_id, severity, (array_agg(rule_name ORDER BY raised_at DESC))[1] AS rule_name,
                               count(*) AS alerts, count(DISTINCT participant_id) AS participants,
                               count(*) FILTER (WHERE answered_at IS NOT NULL
                                   OR (deadline <= :now AND NOT closed_by_saathi)) AS due,
                               count(*) FILTER (WHERE answered_at <= deadline) AS in_time,
                               percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answered_at - since))
                                   AS median_seconds,
                               count(*) FILTER (WHERE resolved_by_staff) AS resolved_by_staff,
                               count(*) FILTER (WHERE relapsed) AS relapsed
                        FROM judged
                        GROUP BY rule_id, severity"""), question)
                .param("system", Alerts.SYSTEM).param("raises", RAISES)
                .param("names", VOCABULARY.keySet().toArray(String[]::new))
                .param("labels", VOCABULARY.values().toArray(String[]::new))
                .param("days", (int) RuleQuality.RELAPSE_WITHIN.toDays())
                .param("confirmed", AlertLifecycle.Outcome.RELAPSE_CONFIRMED.name())
                .param("now", Timestamp.from(question.now()))
                .query((rs, row) -> new Tally(rs.getString("rule_id"), Severity.valueOf(rs.getString("severity")),
                        rs.getString("rule_name"), rs.getLong("alerts"), rs.getLong("participants"), rs.getLong("due"), rs.getLong("in_time"),
                        Optional.ofNullable((Double) rs.getObject("median_seconds", Double.class)),
                        rs.getLong("resolved_by_staff"), rs.getLong("relapsed")))
                .list();
    }

    /** How many alerts of each rule and severity were resolved with each outcome, as the column holds them. */
    Map<Key, Map<String, Long>> outcomes(Question question) {
        Map<Key, Map<String, Long>> outcomes = new HashMap<>();
        chosen(jdbc.sql("""
                        SELECT a.rule_id, a.severity, a.outcome, count(*) AS alerts FROM alert a
                        WHERE""" + " " + CHOSEN + """

                          AND a.outcome IS NOT NULL
                        GROUP BY a.rule_id, a.severity, a.outcome"""), question)
                .query(rs -> {
                    outcomes.computeIfAbsent(new Key(rs.getString("rule_id"), Severity.valueOf(rs.getString("severity"))),
                            key -> new HashMap<>()).put(rs.getString("outcome"), rs.getLong("alerts"));
                });
        return outcomes;
    }

    private static Map<String, String> vocabulary() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Substance substance : Substance.values()) {
            names.put(substance.label(), substance.label());
            substance.otherNames().forEach(other -> names.put(other, substance.label()));
        }
        return names;
    }

    private static StatementSpec chosen(StatementSpec statement, Question question) {
        RuleQuality.Reach reach = question.reach();
        return statement.param("from", Timestamp.from(question.from())).param("to", Timestamp.from(question.to()))
                .param("everyProgramme", reach.everyProgramme())
                .param("programmes", reach.programmes().toArray(String[]::new))
                .param("participants", reach.participants().toArray(String[]::new))
                .param("programme", question.programme().orElse(null));
    }
}
