package org.saathi.roster;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The therapy group table, written only through here. */
@Repository
class GroupStore {

    private final JdbcClient jdbc;

    GroupStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The programme of an existing group, its row locked until the transaction ends. */
    Optional<String> lockProgrammeOf(String id) {
        return jdbc.sql("SELECT programme_id FROM therapy_group WHERE id = :id FOR UPDATE")
                .param("id", id).query(String.class).optional();
    }

    /** Creates or updates the group; answers whether it is new. */
    boolean upsert(String id, GroupRequest group, String programmeId, Instant now) {
        return jdbc.sql("""
                        INSERT INTO therapy_group (id, name, type, audience, programme_id, created_at, updated_at)
                        VALUES (:id, :name, :type, :audience, :programme, :now, :now)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type,
                            audience = excluded.audience, programme_id = excluded.programme_id,
                            updated_at = excluded.updated_at
                        RETURNING (xmax = 0) AS created""")
                .param("id", id)
                .param("name", group.name().strip())
                .param("type", group.type().name())
                .param("audience", group.audience().name())
                .param("programme", programmeId)
                .param("now", Timestamps.of(now))
                .query(Boolean.class).single();
    }

    Optional<TherapyGroup> find(String id) {
        return jdbc.sql("SELECT * FROM therapy_group WHERE id = :id").param("id", id)
                .query((rs, row) -> new TherapyGroup(rs.getString("id"), rs.getString("name"),
                        TherapyGroup.Type.valueOf(rs.getString("type")),
                        TherapyGroup.Audience.valueOf(rs.getString("audience")), rs.getString("programme_id"),
                        Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at")))
                .optional();
    }
}
