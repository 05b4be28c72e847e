package org.saathi.rules;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Participants whose history is being imported: who sent a late fact (one recorded long before it
 * arrived) and when. Until their import has been quiet a while, the sweep does not evaluate them:
 * half a history imported looks like a long silence.
 */
@Repository
class HistoryImports {

    private final JdbcClient jdbc;

    HistoryImports(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void lateFactArrived(String participantId, Instant now) {
        jdbc.sql("""
                        INSERT INTO history_import (participant_id, last_late_fact) VALUES (:p, :now)
                        ON CONFLICT (participant_id) DO UPDATE SET last_late_fact = excluded.last_late_fact""")
                .param("p", participantId).param("now", Timestamp.from(now)).update();
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
