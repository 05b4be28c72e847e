package org.saathi.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends facts. Each insert names the fact's natural key: a repeat answers the first fact's id
 * and stores nothing, also when two copies race, since the unique index decides.
 */
@Repository
class FactStore {

    record Stored(UUID id, boolean duplicate) {

        static Stored created(UUID id) {
            return new Stored(id, false);
        }

        static Stored duplicateOf(UUID id) {
            return new Stored(id, true);
        }
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FactStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    Stored checkIn(CheckInRequest c, String source, Instant receivedAt) {
        Optional<UUID> id = jdbc.sql("""
                        INSERT INTO check_in (participant_id, recorded_at, source, craving, mood, stress, sleep_hours,
                            used_substance, medication_taken, triggers, note, received_at)
                        VALUES (:participant, :recordedAt, :source, :craving, :mood, :stress, :sleep, :used,
                            :medication, :triggers, :note, :receivedAt)
                        ON CONFLICT (participant_id, recorded_at, source) DO NOTHING
                        RETURNING id""")
                .param("participant", c.participantId())
                .param("recordedAt", at(c.recordedAt()))
                .param("source", source)
                .param("craving", c.craving())
                .param("mood", c.mood())
                .param("stress", c.stress())
                .param("sleep", c.sleepHours())
                .param("used", c.usedSubstance())
                .param("medication", c.medicationTaken())
                .param("triggers", texts(c.triggers()))
                .param("note", c.note())
                .param("receivedAt", Timestamp.from(receivedAt))
                .query(UUID.class).optional();
        return id.map(Stored::created).orElseGet(() -> Stored.duplicateOf(jdbc.sql("""
                        SELECT id FROM check_in
                        WHERE participant_id = :participant AND recorded_at = :recordedAt AND source = :source""")
                .param("participant", c.participantId())
                .param("recordedAt", at(c.recordedAt()))
                .param("source", source)
                .query(UUID.class).single()));
    }

    Stored attendance(AttendanceRequest a, String source, Instant receivedAt) {
        Optional<UUID> id = jdbc.sql("""
                        INSERT INTO attendance (participant_id, session_id, group_id, session_type, scheduled_at,
                            status, source, received_at)
                        VALUES (:participant, :session, :group, :type, :scheduledAt, :status, :source, :receivedAt)
                        ON CONFLICT (participant_id, session_id, status) DO NOTHING
                        RETURNING id""")
                .param("participant", a.participantId())
                .param("session", a.sessionId())
                .param("group", a.groupId())
                .param("type", a.sessionType().name())
                .param("scheduledAt", at(a.scheduledAt()))
                .param("status", a.status().name())
                .param("source", source)
                .param("receivedAt", Timestamp.from(receivedAt))
                .query(UUID.class).optional();
        return id.map(Stored::created).orElseGet(() -> Stored.duplicateOf(jdbc.sql("""
                        SELECT id FROM attendance
                        WHERE participant_id = :participant AND session_id = :session AND status = :status""")
                .param("participant", a.participantId())
                .param("session", a.sessionId())
                .param("status", a.status().name())
                .query(UUID.class).single()));
    }

    Stored screening(ScreeningRequest s, ScreeningScores scores, String source, Instant receivedAt) {
        Optional<UUID> id = jdbc.sql("""
                        INSERT INTO screening (participant_id, instrument, recorded_at, source, items, positive,
                            substances, scores, received_at)
                        VALUES (:participant, :instrument, :recordedAt, :source, :items, :positive, :substances,
                            CAST(:scores AS jsonb), :receivedAt)
                        ON CONFLICT (participant_id, instrument, recorded_at, source) DO NOTHING
                        RETURNING id""")
                .param("participant", s.participantId())
                .param("instrument", s.instrument().name())
                .param("recordedAt", at(s.recordedAt()))
                .param("source", source)
                .param("items", s.items() == null ? null : s.items().toArray(Integer[]::new))
                .param("positive", s.positive())
                .param("substances", s.substances() == null ? null : texts(s.substances()))
                .param("scores", json.writeValueAsString(scores))
                .param("receivedAt", Timestamp.from(receivedAt))
                .query(UUID.class).optional();
        return id.map(Stored::created).orElseGet(() -> Stored.duplicateOf(jdbc.sql("""
                        SELECT id FROM screening WHERE participant_id = :participant AND instrument = :instrument
                            AND recorded_at = :recordedAt AND source = :source""")
                .param("participant", s.participantId())
                .param("instrument", s.instrument().name())
                .param("recordedAt", at(s.recordedAt()))
                .param("source", source)
                .query(UUID.class).single()));
    }

    Stored peerConcern(PeerConcernRequest p, String reportedBy, String source, Instant receivedAt) {
        Optional<UUID> id = jdbc.sql("""
                        INSERT INTO peer_concern (participant_id, reported_by, observed_at, level, note, source,
                            received_at)
                        VALUES (:participant, :reportedBy, :observedAt, :level, :note, :source, :receivedAt)
                        ON CONFLICT (participant_id, reported_by, observed_at) DO NOTHING
                        RETURNING id""")
                .param("participant", p.participantId())
                .param("reportedBy", reportedBy)
                .param("observedAt", at(p.observedAt()))
                .param("level", p.level().name())
                .param("note", p.note())
                .param("source", source)
                .param("receivedAt", Timestamp.from(receivedAt))
                .query(UUID.class).optional();
        return id.map(Stored::created).orElseGet(() -> Stored.duplicateOf(jdbc.sql("""
                        SELECT id FROM peer_concern
                        WHERE participant_id = :participant AND reported_by = :reportedBy AND observed_at = :observedAt""")
                .param("participant", p.participantId())
                .param("reportedBy", reportedBy)
                .param("observedAt", at(p.observedAt()))
                .query(UUID.class).single()));
    }

    private static Timestamp at(OffsetDateTime time) {
        return Timestamp.from(time.toInstant());
    }

    private static String[] texts(List<String> values) {
        return values == null ? new String[0] : values.stream().map(String::strip).toArray(String[]::new);
    }
}
