package org.saathi.ingest;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.saathi.alert.AlertPolicy;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Participants whose history is being imported: who sent several late facts (recorded long before
 * they arrived) within the quiet period, and when the last came. Until their import has been quiet
 * a while, the sweep does not evaluate them: half a history imported looks like a long silence.
 * One late fact is not an import (a lab result posted two days after the sample, an absence
 * recorded the next day): it pauses nothing, so that no silence goes unnoticed because of it.
 */
@Repository
class HistoryImports {

    /** How many late facts within the quiet period make a history import: a batch, or posts one after another. */
    static final int LATE_FACTS_OF_AN_IMPORT = 3;

    private final JdbcClient jdbc;
    private final Duration quiet;

    HistoryImports(JdbcClient jdbc, EvaluationSweepSettings settings) {
        this.jdbc = jdbc;
        this.quiet = settings.importQuiet();
    }

    /** A late fact arrived, stored with any others of its request: several make the participant importing. */
    void lateFactArrived(String participantId, Instant now) {
        if (lateFactsReceived(participantId, now) < LATE_FACTS_OF_AN_IMPORT) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO history_import (participant_id, last_late_fact) VALUES (:p, :now)
                        ON CONFLICT (participant_id) DO UPDATE SET last_late_fact = excluded.last_late_fact""")
                .param("p", participantId).param("now", Timestamp.from(now)).update();
    }

    /** The participant's facts received within the quiet period that were recorded a day or more before. */
    private long lateFactsReceived(String participantId, Instant now) {
        return jdbc.sql("SELECT " + late("check_in", "recorded_at") + " + " + late("attendance", "scheduled_at")
                        + " + " + late("screening", "recorded_at") + " + " + late("peer_concern", "observed_at"))
                .param("p", participantId).param("since", Timestamp.from(now.minus(quiet)))
                .param("late", AlertPolicy.LATE_FACT.toSeconds()).query(Long.class).single();
    }

    private static String late(String table, String at) {
        return "(SELECT count(*) FROM " + table + " WHERE participant_id = :p AND received_at > :since AND " + at
                + " < received_at - make_interval(secs => :late))";
    }

    /** Of these participants, in their order, those whose import (if any) has been quiet for {@code quiet}. */
    List<String> settled(List<String> participantIds, Instant now, Duration quiet) {
        Set<String> importing = new HashSet<>(jdbc.sql("""
                        SELECT participant_id FROM history_import
                        WHERE participant_id = ANY (:ids) AND last_late_fact > :since""")
                .param("ids", participantIds.toArray(String[]::new)).param("since", Timestamp.from(now.minus(quiet)))
                .query(String.class).list());
        return importing.isEmpty() ? participantIds
                : participantIds.stream().filter(id -> !importing.contains(id)).toList();
    }
}
