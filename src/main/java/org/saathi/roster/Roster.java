package org.saathi.roster;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other features may ask of the roster. */
@Service
public class Roster {

    private final JdbcClient jdbc;

    Roster(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Locks a participant for the rest of the transaction so that their facts are recorded and
     * evaluated one at a time; answers their status, or empty when there is no such participant.
     */
    public Optional<ParticipantStatus> lockForFacts(String participantId) {
        return jdbc.sql("SELECT status FROM participant WHERE id = :id FOR NO KEY UPDATE")
                .param("id", participantId)
                .query((rs, row) -> ParticipantStatus.valueOf(rs.getString("status")))
                .optional();
    }

    /** As {@link #lockForFacts(String)} for many, locked in id order so that two batches cannot deadlock. */
    public Map<String, ParticipantStatus> lockForFacts(Collection<String> participantIds) {
        Map<String, ParticipantStatus> statuses = new LinkedHashMap<>();
        if (participantIds.isEmpty()) {
            return statuses;
        }
        jdbc.sql("SELECT id, status FROM participant WHERE id IN (:ids) ORDER BY id FOR NO KEY UPDATE")
                .param("ids", participantIds)
                .query(rs -> {
                    statuses.put(rs.getString("id"), ParticipantStatus.valueOf(rs.getString("status")));
                });
        return statuses;
    }

    public boolean groupExists(String groupId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM therapy_group WHERE id = :id)")
                .param("id", groupId).query(Boolean.class).single();
    }
}
