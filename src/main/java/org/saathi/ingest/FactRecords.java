package org.saathi.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.saathi.facts.Bam;
import org.saathi.facts.Instrument;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * A participant's facts as staff read them on the timeline: every fact of a period with its values,
 * in time order. Callers check the caseload first; this only reads.
 */
@Service
public class FactRecords {

    /**
     * One stored fact.
     *
     * @param type CHECK_IN, ATTENDANCE, PHQ9, BAM, DRUG_SCREEN or PEER_CONCERN
     * @param at when it happened: recorded, scheduled or observed
     * @param values its fields as posted, plus computed scores
     */
    public record RecordedFact(String type, String id, Instant at, Instant receivedAt, Map<String, Object> values) {
    }

    /** The most facts one timeline answer carries, so that a long period cannot exhaust memory. */
    public static final int LIMIT = 5_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    FactRecords(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The facts of {@code [from, to)}, oldest first, at most {@link #LIMIT}. */
    public List<RecordedFact> between(String participantId, Instant from, Instant to) {
        List<RecordedFact> facts = new ArrayList<>();
        facts.addAll(read("SELECT * FROM check_in WHERE participant_id = :p AND recorded_at >= :from"
                + " AND recorded_at < :to ORDER BY recorded_at LIMIT :limit", participantId, from, to, this::checkIn));
        facts.addAll(read("SELECT * FROM attendance WHERE participant_id = :p AND scheduled_at >= :from"
                + " AND scheduled_at < :to ORDER BY scheduled_at, seq LIMIT :limit", participantId, from, to,
                this::attendance));
        facts.addAll(read("SELECT * FROM screening WHERE participant_id = :p AND recorded_at >= :from"
                + " AND recorded_at < :to ORDER BY recorded_at LIMIT :limit", participantId, from, to, this::screening));
        facts.addAll(read("SELECT * FROM peer_concern WHERE participant_id = :p AND observed_at >= :from"
                + " AND observed_at < :to ORDER BY observed_at LIMIT :limit", participantId, from, to,
                this::peerConcern));
        facts.sort(Comparator.comparing(RecordedFact::at).thenComparing(RecordedFact::receivedAt));
        return facts.size() > LIMIT ? List.copyOf(facts.subList(0, LIMIT)) : facts;
    }

    private List<RecordedFact> read(String sql, String participantId, Instant from, Instant to,
            org.springframework.jdbc.core.RowMapper<RecordedFact> mapper) {
        return jdbc.sql(sql).param("p", participantId).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).param("limit", LIMIT).query(mapper).list();
    }

    private RecordedFact checkIn(ResultSet rs, int row) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("craving", rs.getInt("craving"));
        values.put("mood", rs.getInt("mood"));
        values.put("stress", rs.getObject("stress"));
        values.put("sleepHours", rs.getObject("sleep_hours"));
        values.put("usedSubstance", rs.getObject("used_substance"));
        values.put("medicationTaken", rs.getObject("medication_taken"));
        values.put("triggers", Arrays.asList((String[]) rs.getArray("triggers").getArray()));
        values.put("note", rs.getString("note"));
        values.put("source", rs.getString("source"));
        return fact("CHECK_IN", rs, "recorded_at", values);
    }

    private RecordedFact attendance(ResultSet rs, int row) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("sessionId", rs.getString("session_id"));
        values.put("groupId", rs.getString("group_id"));
        values.put("sessionType", rs.getString("session_type"));
        values.put("status", rs.getString("status"));
        values.put("source", rs.getString("source"));
        return fact("ATTENDANCE", rs, "scheduled_at", values);
    }

    private RecordedFact screening(ResultSet rs, int row) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        String instrument = rs.getString("instrument");
        if (Instrument.DRUG_SCREEN.name().equals(instrument)) {
            values.put("positive", rs.getBoolean("positive"));
            java.sql.Array substances = rs.getArray("substances");
            values.put("substances", substances == null ? List.of() : Arrays.asList((String[]) substances.getArray()));
            values.put("confirmed", !Boolean.FALSE.equals(rs.getObject("confirmed")));
        } else {
            List<Integer> items = FactHistory.items(rs);
            values.put("items", items);
            if (Instrument.BAM.name().equals(instrument) && items.size() != FactHistory.LEGACY_BAM_ITEMS) {
                values.put("answers", Bam.of("", "", Instant.EPOCH, items).answersText());
            }
            String scores = rs.getString("scores");
            values.put("scores", scores == null ? Map.of() : json.readValue(scores, Map.class));
        }
        values.put("source", rs.getString("source"));
        return fact(instrument, rs, "recorded_at", values);
    }

    private RecordedFact peerConcern(ResultSet rs, int row) throws SQLException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("level", rs.getString("level"));
        values.put("category", rs.getString("category"));
        values.put("reportedBy", rs.getString("reported_by"));
        values.put("note", rs.getString("note"));
        values.put("source", rs.getString("source"));
        return fact("PEER_CONCERN", rs, "observed_at", values);
    }

    private static RecordedFact fact(String type, ResultSet rs, String atColumn, Map<String, Object> values)
            throws SQLException {
        return new RecordedFact(type, rs.getString("id"), rs.getTimestamp(atColumn).toInstant(),
                rs.getTimestamp("received_at").toInstant(), values);
    }
}
