package org.saathi.roster;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which sweep round last took each active participant, so that several instances share one round:
 * a participant marked with the round is someone else's or done. The marks are kept beside the
 * participants because only the roster knows who is active.
 */
@Repository
public class SweepMarkStore {

    private final JdbcClient jdbc;

    SweepMarkStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims a batch of the round's active participants not yet marked with it, in id order from
     * {@code after}, and marks them; answers their ids in the database's order, so that the last
     * one is where the next claim starts.
     */
    public List<String> claim(long round, String after, int batch) {
        return jdbc.sql("""
                        WITH claimed AS (
                            INSERT INTO sweep_mark (participant_id, round)
                            SELECT p.id, :round FROM participant p
                            WHERE p.status = 'ACTIVE' AND p.id > :after AND NOT EXISTS (
                                SELECT 1 FROM sweep_mark m WHERE m.participant_id = p.id AND m.round >= :round)
                            ORDER BY p.id LIMIT :batch
                            ON CONFLICT (participant_id) DO UPDATE SET round = excluded.round
                                WHERE sweep_mark.round < excluded.round
                            RETURNING participant_id)
                        SELECT participant_id FROM claimed ORDER BY participant_id""")
                .param("round", round).param("after", after).param("batch", batch)
                .query(String.class).list();
    }

    /** How many active participants no instance has claimed in the round yet. */
    public long unclaimed(long round) {
        return jdbc.sql("""
                        SELECT count(*) FROM participant p WHERE p.status = 'ACTIVE' AND NOT EXISTS (
                            SELECT 1 FROM sweep_mark m WHERE m.participant_id = p.id AND m.round >= :round)""")
                .param("round", round).query(Long.class).single();
    }
}
