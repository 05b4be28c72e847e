package org.saathi.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.saathi.api.ApiProblem;
import org.saathi.api.Digests;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends facts. Each insert names the fact's natural key: a repeat answers the first fact's id
 * and stores nothing, also when two copies race, since the unique index decides; a different fact
 * under the same key is refused.
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
                            used_substance, medication_taken, triggers, note, received_at, content_hash)
                        VALUES (:participant, :recordedAt, :source, :craving, :mood, :stress, :sleep, :used,
                            :medication, :triggers, :note, :receivedAt, :hash)
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
                .param("hash", hash(c))
                .query(UUID.class).optional();
        return id.map(Stored::created).orElseGet(() -> repeatOf("check-in", "recordedAt", hash(c), jdbc.sql("""
                        SELECT id, content_hash FROM check_in
                        WHERE participant_id = :participant AND recorded_at = :recordedAt AND source = :source""")
                .param("participant", c.participantId())
                .param("recordedAt", at(c.recordedAt()))
                .param("source", source)));
    }

    /**
     * A report of a session is a repeat when the session's latest report has the same status; any
     * other status, even one reported before that, is a correction. Call with the participant locked.
     */
    Stored attendance(AttendanceRequest a, String source, Instant receivedAt) {
        record Latest(UUID id, String status) {
        }
        Optional<Latest> latest = jdbc.sql("""
                        SELECT id, status FROM attendance WHERE participant_id = :participant AND session_id = :session
                        ORDER BY seq DESC LIMIT 1""")
                .param("participant", a.participantId()).param("session", a.sessionId())
                .query((rs, row) -> new Latest(rs.getObject(1, UUID.class), rs.getString(2))).optional();
        if (latest.isPresent() && latest.get().status().equals(a.status().name())) {
            return Stored.duplicateOf(latest.get().id());
        }
        return Stored.created(jdbc.sql("""
                        INSERT INTO attendance (participant_id, session_id, group_id, session_type, scheduled_at,
                            status, source, received_at)
                        VALUES (:participant, :session, :group, :type, :scheduledAt, :status, :source, :receivedAt)
                        RETURNING id""")
                .param("participant", a.participantId())
                .param("session", a.sessionId())
                .param("group", a.groupId())
                .param("type", a.sessionType().name())
                .param("scheduledAt", at(a.scheduledAt()))
                .param("status", a.status().name())
                .param("source", source)
                .param("receivedAt", Timestamp.from(receivedAt))
                .query(UUID.class).single());
    }

    Stored screening(ScreeningRequest s, ScreeningScores scores, String source, Instant receivedAt) {
        Optional<UUID> id = jdbc.sql("""
                        INSERT INTO screening (participant_id, instrument, recorded_at, source, items, positive,
                            substances, confirmed, scores, received_at, content_hash)
                        VALUES (:participant, :instrument, :recordedAt, :source, :items, :positive, :substances,
                            :confirmed, CAST(:scores AS jsonb), :receivedAt, :hash)
                        ON CONFLICT (participant_id, instrument, recorded_at, source) DO NOTHING
                        RETURNING id""")
                .param("participant", s.participantId())
                .param("instrument", s.instrument().name())
                .param("recordedAt", at(s.recordedAt()))
                .param("source", source)
                .param("items", s.items() == null ? null : s.items().toArray(Integer[]::new))
                .param("positive", s.positive())
                .param("substances", s.substances() == null ? null : texts(s.substances()))
                .param("confirmed", s.confirmed())
                .param("scores", json.writeValueAsString(scores))
                .param("receivedAt", Timestamp.from(receivedAt))
                .param("hash", hash(s))
                .query(UUID.class).optional();
        return id.map(Stored::created).orElseGet(() -> repeatOf("screening", "recordedAt", hash(s), jdbc.sql("""
                        SELECT id, content_hash FROM screening WHERE participant_id = :participant
                            AND instrument = :instrument AND recorded_at = :recordedAt AND source = :source""")
                .param("participant", s.participantId())
                .param("instrument", s.instrument().name())
                .param("recordedAt", at(s.recordedAt()))
                .param("source", source)));
    }

    Stored peerConcern(PeerConcernRequest p, String reportedBy, String source, Instant receivedAt) {
        Optional<UUID> id = jdbc.sql("""
                        INSERT INTO peer_concern (participant_id, reported_by, observed_at, level, category, note, source,
                            received_at, content_hash)
                        VALUES (:participant, :reportedBy, :observedAt, :level, :category, :note, :source, :receivedAt,
                            :hash)
                        ON CONFLICT (participant_id, reported_by, observed_at) DO NOTHING
                        RETURNING id""")
                .param("participant", p.participantId())
                .param("reportedBy", reportedBy)
                .param("observedAt", at(p.observedAt()))
                .param("level", p.level().name())
                .param("category", p.category().name())
                .param("note", p.note())
                .param("source", source)
                .param("receivedAt", Timestamp.from(receivedAt))
                .param("hash", hash(p))
                .query(UUID.class).optional();
        return id.map(Stored::created).orElseGet(() -> repeatOf("peer concern", "observedAt", hash(p), jdbc.sql("""
                        SELECT id, content_hash FROM peer_concern
                        WHERE participant_id = :participant AND reported_by = :reportedBy AND observed_at = :observedAt""")
                .param("participant", p.participantId())
                .param("reportedBy", reportedBy)
                .param("observedAt", at(p.observedAt()))));
    }

    /**
     * The fact already stored under the same key: a repeat when its content is the same; otherwise a
     * different fact claims the key, and silently keeping one of the two would lose data.
     */
    private static Stored repeatOf(String kind, String timeField, String hash, JdbcClient.StatementSpec existing) {
        record Existing(UUID id, String hash) {
        }
        Existing found = existing.query((rs, row) -> new Existing(rs.getObject(1, UUID.class), rs.getString(2)))
                .single();
        if (found.hash() != null && !found.hash().equals(hash)) {
            throw ApiProblem.conflict("fact-conflict", "A different fact has the same key",
                    "A different " + kind + " with the same " + timeField + " and source is stored already (id "
                            + found.id() + "). A correction is a new fact: send it with its own " + timeField + ".");
        }
        return Stored.duplicateOf(found.id());
    }

    private String hash(Object request) {
        return Digests.sha256Hex(json.writeValueAsString(request));
    }

    private static Timestamp at(OffsetDateTime time) {
        return Timestamp.from(time.toInstant());
    }

    private static String[] texts(List<String> values) {
        return values == null ? new String[0] : values.stream().map(String::strip).toArray(String[]::new);
    }
}
