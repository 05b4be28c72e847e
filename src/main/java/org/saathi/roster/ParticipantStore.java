package org.saathi.roster;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ParticipantStore {

    private final JdbcClient jdbc;

    ParticipantStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates or updates the participant and replaces their groups; answers whether they are new. */
    boolean upsert(Participant p, Instant now) {
        boolean created = jdbc.sql("""
                        INSERT INTO participant (id, display_name, programme_id, peer_mentor_id, counsellor_id,
                            supervisor_id, timezone, status, share_with_peer_mentor, expects_daily_check_in,
                            check_in_schedule, prescribed_substances, created_at, updated_at)
                        VALUES (:id, :displayName, :programme, :peerMentor, :counsellor, :supervisor, :timezone,
                            :status, :share, :daily, :schedule, :prescribed, :now, :now)
                        ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name,
                            programme_id = excluded.programme_id, peer_mentor_id = excluded.peer_mentor_id,
                            counsellor_id = excluded.counsellor_id, supervisor_id = excluded.supervisor_id,
                            timezone = excluded.timezone, status = excluded.status,
                            share_with_peer_mentor = excluded.share_with_peer_mentor,
                            expects_daily_check_in = excluded.expects_daily_check_in,
                            prescribed_substances = excluded.prescribed_substances,
                            check_in_schedule = excluded.check_in_schedule,
                            updated_at = excluded.updated_at
                        RETURNING (xmax = 0) AS created""")
                .param("id", p.id())
                .param("displayName", p.displayName())
                .param("programme", p.programmeId())
                .param("peerMentor", p.peerMentorId())
                .param("counsellor", p.counsellorId())
                .param("supervisor", p.supervisorId())
                .param("timezone", p.timezone())
                .param("status", p.status().name())
                .param("share", p.consent().shareWithPeerMentor())
                .param("daily", p.expectsDailyCheckIn())
                .param("prescribed", PrescribedSubstances.stored(p.prescribedSubstances()))
                .param("schedule", p.checkInSchedule() == null ? null : p.checkInSchedule().stored())
                .param("now", Timestamps.of(now))
                .query(Boolean.class).single();
        jdbc.sql("DELETE FROM participant_group WHERE participant_id = :id").param("id", p.id()).update();
        for (String group : p.groupIds()) {
            jdbc.sql("INSERT INTO participant_group (participant_id, group_id) VALUES (:id, :group)")
                    .param("id", p.id()).param("group", group).update();
        }
        return created;
    }

    /** The participant as they stand, locked until the transaction ends so that the save after compares with it. */
    Optional<Participant> lockAndFind(String id) {
        jdbc.sql("SELECT id FROM participant WHERE id = :id FOR NO KEY UPDATE").param("id", id)
                .query(String.class).optional();
        return find(id);
    }

    Optional<Participant> find(String id) {
        return jdbc.sql("""
                        SELECT p.*, coalesce(array_agg(g.group_id) FILTER (WHERE g.group_id IS NOT NULL), '{}') AS groups
                        FROM participant p LEFT JOIN participant_group g ON g.participant_id = p.id
                        WHERE p.id = :id
                        GROUP BY p.id""")
                .param("id", id)
                .query(ParticipantStore::participant)
                .optional();
    }

    /** Missing group ids among those given. */
    Set<String> unknownGroups(Set<String> groupIds) {
        if (groupIds.isEmpty()) {
            return Set.of();
        }
        Set<String> unknown = new TreeSet<>(groupIds);
        unknown.removeAll(jdbc.sql("SELECT id FROM therapy_group WHERE id IN (:ids)")
                .param("ids", groupIds).query(String.class).set());
        return unknown;
    }

    static CheckInSchedule schedule(ResultSet rs) throws SQLException {
        String stored = rs.getString("check_in_schedule");
        return stored == null ? null : CheckInSchedule.ofStored(stored);
    }

    private static Participant participant(ResultSet rs, int row) throws SQLException {
        Set<String> groups = new TreeSet<>(java.util.List.of((String[]) rs.getArray("groups").getArray()));
        return new Participant(rs.getString("id"), rs.getString("display_name"), rs.getString("programme_id"),
                groups, rs.getString("peer_mentor_id"), rs.getString("counsellor_id"), rs.getString("supervisor_id"),
                rs.getString("timezone"), ParticipantStatus.valueOf(rs.getString("status")),
                new Participant.Consent(rs.getBoolean("share_with_peer_mentor")),
                rs.getBoolean("expects_daily_check_in"), schedule(rs),
                PrescribedSubstances.read(rs.getArray("prescribed_substances")), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "updated_at"));
    }
}
