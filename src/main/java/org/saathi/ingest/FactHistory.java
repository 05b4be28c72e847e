package org.saathi.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.Bam;
import org.saathi.facts.CheckIn;
import org.saathi.facts.ConcernLevel;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Phq9;
import org.saathi.facts.SessionType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A participant's stored facts as rules see them: those of the window, and, for a replay "as of"
 * an earlier moment, only those that had been received by then. Facts may be dated a few minutes
 * ahead of the server's clock (a drifting phone); they count from the moment they are stored.
 */
@Service
public class FactHistory {

    /** Everything recorded for one participant in a period, plus their last check-in before it. */
    public record Facts(List<CheckIn> checkIns, List<Attendance> attendance, List<Phq9> phq9, List<Bam> bam,
            List<DrugScreen> drugScreens, List<PeerConcern> peerConcerns, Optional<CheckIn> lastCheckIn) {
    }

    private final JdbcClient jdbc;

    FactHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every stored fact of the participant from the given moment on. */
    public Facts since(String participantId, Instant from) {
        return knownBy(participantId, from, null);
    }

    /** The facts from the given moment on that had been received by {@code knownBy}, for replays. */
    public Facts knownBy(String participantId, Instant from, Instant knownBy) {
        Timestamp since = Timestamp.from(from);
        Timestamp known = knownBy == null ? null : Timestamp.from(knownBy);
        return new Facts(checkIns(participantId, since, known), attendance(participantId, since, known),
                screenings(participantId, since, known, "PHQ9", FactHistory::phq9),
                screenings(participantId, since, known, "BAM", FactHistory::bam),
                screenings(participantId, since, known, "DRUG_SCREEN", FactHistory::drugScreen),
                peerConcerns(participantId, since, known), lastCheckIn(participantId, known));
    }

    private static final String KNOWN = " AND (CAST(:known AS timestamptz) IS NULL OR received_at <= :known)";

    private List<CheckIn> checkIns(String participantId, Timestamp from, Timestamp known) {
        return jdbc.sql("SELECT * FROM check_in WHERE participant_id = :p AND recorded_at >= :from" + KNOWN
                        + " ORDER BY recorded_at DESC, received_at DESC")
                .param("p", participantId).param("from", from).param("known", known)
                .query(FactHistory::checkIn).list();
    }

    private Optional<CheckIn> lastCheckIn(String participantId, Timestamp known) {
        return jdbc.sql("SELECT * FROM check_in WHERE participant_id = :p" + KNOWN
                        + " ORDER BY recorded_at DESC LIMIT 1")
                .param("p", participantId).param("known", known)
                .query(FactHistory::checkIn).optional();
    }

    /** Every report of every session, oldest report first, so that the last one of a session stands. */
    private List<Attendance> attendance(String participantId, Timestamp from, Timestamp known) {
        return jdbc.sql("SELECT * FROM attendance WHERE participant_id = :p AND scheduled_at >= :from" + KNOWN
                        + " ORDER BY seq")
                .param("p", participantId).param("from", from).param("known", known)
                .query((rs, row) -> new Attendance(rs.getString("id"), rs.getString("participant_id"),
                        instant(rs, "scheduled_at"), 0, rs.getString("session_id"), rs.getString("group_id"),
                        SessionType.valueOf(rs.getString("session_type")),
                        AttendanceStatus.valueOf(rs.getString("status"))))
                .list();
    }

    private <T> List<T> screenings(String participantId, Timestamp from, Timestamp known, String instrument,
            org.springframework.jdbc.core.RowMapper<T> mapper) {
        return jdbc.sql("SELECT * FROM screening WHERE participant_id = :p AND instrument = :instrument"
                        + " AND recorded_at >= :from" + KNOWN + " ORDER BY recorded_at DESC")
                .param("p", participantId).param("instrument", instrument).param("from", from).param("known", known)
                .query(mapper).list();
    }

    private List<PeerConcern> peerConcerns(String participantId, Timestamp from, Timestamp known) {
        return jdbc.sql("SELECT * FROM peer_concern WHERE participant_id = :p AND observed_at >= :from" + KNOWN
                        + " ORDER BY observed_at DESC")
                .param("p", participantId).param("from", from).param("known", known)
                .query((rs, row) -> new PeerConcern(rs.getString("id"), rs.getString("participant_id"),
                        instant(rs, "observed_at"), ConcernLevel.valueOf(rs.getString("level")),
                        rs.getString("reported_by")))
                .list();
    }

    private static CheckIn checkIn(ResultSet rs, int row) throws SQLException {
        double sleep = rs.getDouble("sleep_hours");
        Double sleepHours = rs.wasNull() ? null : sleep;
        int stressValue = rs.getInt("stress");
        Integer stress = rs.wasNull() ? null : stressValue;
        return new CheckIn(rs.getString("id"), rs.getString("participant_id"), instant(rs, "recorded_at"), 0,
                rs.getInt("craving"), rs.getInt("mood"), stress, sleepHours, bool(rs, "used_substance"),
                bool(rs, "medication_taken"), Arrays.asList((String[]) rs.getArray("triggers").getArray()));
    }

    private static Phq9 phq9(ResultSet rs, int row) throws SQLException {
        return Phq9.of(rs.getString("id"), rs.getString("participant_id"), instant(rs, "recorded_at"), items(rs));
    }

    private static Bam bam(ResultSet rs, int row) throws SQLException {
        return Bam.of(rs.getString("id"), rs.getString("participant_id"), instant(rs, "recorded_at"), items(rs));
    }

    private static DrugScreen drugScreen(ResultSet rs, int row) throws SQLException {
        return new DrugScreen(rs.getString("id"), rs.getString("participant_id"), instant(rs, "recorded_at"),
                rs.getBoolean("positive"));
    }

    private static List<Integer> items(ResultSet rs) throws SQLException {
        return Arrays.stream((Object[]) rs.getArray("items").getArray())
                .map(item -> ((Number) item).intValue()).toList();
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
