package org.saathi.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.saathi.facts.Attendance;
import org.saathi.facts.AttendanceStatus;
import org.saathi.facts.Bam;
import org.saathi.facts.CheckIn;
import org.saathi.facts.ConcernCategory;
import org.saathi.facts.ConcernLevel;
import org.saathi.facts.DrugScreen;
import org.saathi.facts.PeerConcern;
import org.saathi.facts.Phq9;
import org.saathi.facts.SessionType;
import org.saathi.rules.RecordedFacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * A participant's stored facts as rules see them: those of the window; and for a backtest, those of
 * a whole period with the moment each was received, so that a replay knows each fact only from
 * then. Facts may be dated a few minutes ahead of the server's clock (a drifting phone); they count
 * from the moment they are stored.
 */
@Service
public class FactHistory {

    /** A participant's facts for a backtest, each with the moment Saathi received it, by fact id. */
    public record Received(RecordedFacts facts, Map<String, Instant> receivedAt) {
    }

    /** Later than any fact: the bound of a read that has none. */
    private static final Timestamp NO_END = Timestamp.from(Instant.parse("9999-12-31T00:00:00Z"));

    private final JdbcClient jdbc;

    FactHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every stored fact of the participant from the given moment on. */
    public RecordedFacts since(String participantId, Instant from) {
        return read(List.of(participantId), from).get(participantId);
    }

    /**
     * As {@link #since(String, Instant)} for many participants in a handful of queries, for a sweep;
     * every participant asked for has an entry, empty when nothing is stored.
     */
    public Map<String, RecordedFacts> since(Collection<String> participantIds, Instant from) {
        return read(participantIds, from);
    }

    /**
     * For a backtest: the facts of these participants dated from {@code from} to {@code until},
     * whenever they were received, with their receipt times, and each one's last check-in before
     * {@code from}. Every participant asked for has an entry.
     */
    public Map<String, Received> forReplay(Collection<String> participantIds, Instant from, Instant until) {
        Map<String, Map<String, Instant>> receivedAt = new HashMap<>();
        Map<String, RecordedFacts> facts = read(new Query(participantIds.toArray(String[]::new), Timestamp.from(from),
                Timestamp.from(until), receivedAt));
        Map<String, Received> received = new LinkedHashMap<>();
        facts.forEach((id, theirs) -> received.put(id, new Received(theirs, receivedAt.getOrDefault(id, Map.of()))));
        return received;
    }

    private Map<String, RecordedFacts> read(Collection<String> participantIds, Instant from) {
        return read(new Query(participantIds.toArray(String[]::new), Timestamp.from(from), NO_END, null));
    }

    private Map<String, RecordedFacts> read(Query query) {
        Facts read = query.facts();
        // The last check-in ever is the window's latest, when the window has one; only the others are looked up.
        // A replay keeps the last one before its window in any case, for the moments before the first in it.
        List<String> participantIds = List.of(query.ids);
        String[] silent = participantIds.stream()
                .filter(id -> query.receivedAt != null || !read.checkIns.containsKey(id)).toArray(String[]::new);
        Map<String, List<CheckIn>> last = silent.length == 0 ? Map.of()
                : new Query(silent, query.from, query.until, query.receivedAt).lastCheckInsBefore();
        Map<String, RecordedFacts> facts = new LinkedHashMap<>();
        for (String id : participantIds) {
            List<CheckIn> checkIns = read.checkIns.getOrDefault(id, List.of());
            facts.put(id, new RecordedFacts(checkIns, read.attendance.getOrDefault(id, List.of()),
                    read.phq9.getOrDefault(id, List.of()), read.bam.getOrDefault(id, List.of()),
                    read.drugScreens.getOrDefault(id, List.of()), read.concerns.getOrDefault(id, List.of()),
                    (query.receivedAt != null || checkIns.isEmpty() ? last.getOrDefault(id, List.of()) : checkIns)
                            .stream().findFirst()));
        }
        return facts;
    }

    /** The facts of a read, by participant, each kind in the order rules number them. */
    private static final class Facts {

        final Map<String, List<CheckIn>> checkIns = new HashMap<>();
        /** Every report of every session, oldest report first, so that the last one of a session stands. */
        final Map<String, List<Attendance>> attendance = new HashMap<>();
        final Map<String, List<Phq9>> phq9 = new HashMap<>();
        final Map<String, List<Bam>> bam = new HashMap<>();
        final Map<String, List<DrugScreen>> drugScreens = new HashMap<>();
        final Map<String, List<PeerConcern>> concerns = new HashMap<>();

        void add(ResultSet rs) throws SQLException {
            String participant = rs.getString("participant_id");
            switch (rs.getString("kind")) {
                case "CHECK_IN" -> add(checkIns, participant, checkIn(rs, 0));
                case "ATTENDANCE" -> add(attendance, participant, attendance(rs, 0));
                case "PHQ9" -> add(phq9, participant, phq9(rs, 0));
                case "BAM" -> add(bam, participant, bam(rs, 0));
                case "DRUG_SCREEN" -> add(drugScreens, participant, drugScreen(rs, 0));
                case "PEER_CONCERN" -> add(concerns, participant, peerConcern(rs, 0));
                default -> throw new IllegalStateException("unknown kind of fact " + rs.getString("kind"));
            }
        }

        private static <T> void add(Map<String, List<T>> facts, String participant, T fact) {
            facts.computeIfAbsent(participant, id -> new ArrayList<>()).add(fact);
        }
    }

    /**
     * Every kind of fact in one statement, so that a window is read in one round trip: the columns
     * of all kinds side by side, each row filling those of its own. Check-ins, screenings and
     * concerns come newest first (check-ins recorded at the same moment, the one received last
     * first), attendance reports in the order they were stored.
     */
    private static final String WINDOW = """
            SELECT 'CHECK_IN' AS kind, id, participant_id, recorded_at AS at, received_at, NULL::bigint AS seq,
                craving, mood, stress, sleep_hours, used_substance, medication_taken, triggers,
                NULL AS session_id, NULL AS group_id, NULL AS session_type, NULL AS status,
                NULL::smallint[] AS items, NULL::boolean AS positive, NULL::text[] AS substances,
                NULL::boolean AS confirmed, NULL AS level, NULL AS category, NULL AS reported_by
            FROM check_in WHERE participant_id = ANY (:ids) AND recorded_at >= :from AND recorded_at <= :until
            UNION ALL
            SELECT 'ATTENDANCE', id, participant_id, scheduled_at, received_at, seq,
                NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                session_id, group_id, session_type, status,
                NULL, NULL, NULL, NULL, NULL, NULL, NULL
            FROM attendance WHERE participant_id = ANY (:ids) AND scheduled_at >= :from AND scheduled_at <= :until
            UNION ALL
            SELECT instrument, id, participant_id, recorded_at, received_at, NULL,
                NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                NULL, NULL, NULL, NULL,
                items, positive, substances, confirmed, NULL, NULL, NULL
            FROM screening WHERE participant_id = ANY (:ids) AND recorded_at >= :from AND recorded_at <= :until
            UNION ALL
            SELECT 'PEER_CONCERN', id, participant_id, observed_at, received_at, NULL,
                NULL, NULL, NULL, NULL, NULL, NULL, NULL,
                NULL, NULL, NULL, NULL,
                NULL, NULL, NULL, NULL, level, category, reported_by
            FROM peer_concern WHERE participant_id = ANY (:ids) AND observed_at >= :from AND observed_at <= :until
            ORDER BY kind, seq, at DESC, received_at DESC""";

    /** One read of the facts of some participants. */
    private final class Query {

        private final String[] ids;
        private final Timestamp from;
        private final Timestamp until;
        /** Where a replay's read notes when each fact was received, per participant; null for live reads. */
        private final Map<String, Map<String, Instant>> receivedAt;

        Query(String[] ids, Timestamp from, Timestamp until, Map<String, Map<String, Instant>> receivedAt) {
            this.ids = ids;
            this.from = from;
            this.until = until;
            this.receivedAt = receivedAt;
        }

        /** Every fact of the participants dated from {@code from} to {@code until}. */
        Facts facts() {
            Facts facts = new Facts();
            jdbc.sql(WINDOW).param("ids", ids).param("from", from).param("until", until)
                    .query(rs -> {
                        facts.add(rs);
                        noteReceipt(rs);
                    });
            return facts;
        }

        /** Each participant's last check-in dated before {@code from}. */
        Map<String, List<CheckIn>> lastCheckInsBefore() {
            Map<String, List<CheckIn>> last = new HashMap<>();
            jdbc.sql("""
                            SELECT DISTINCT ON (participant_id) id, participant_id, recorded_at AS at, received_at,
                                craving, mood, stress, sleep_hours, used_substance, medication_taken, triggers
                            FROM check_in WHERE participant_id = ANY (:ids) AND recorded_at < :from
                            ORDER BY participant_id, recorded_at DESC""")
                    .param("ids", ids).param("from", from)
                    .query(rs -> {
                        last.put(rs.getString("participant_id"), List.of(checkIn(rs, 0)));
                        noteReceipt(rs);
                    });
            return last;
        }

        private void noteReceipt(ResultSet rs) throws SQLException {
            if (receivedAt != null) {
                receivedAt.computeIfAbsent(rs.getString("participant_id"), id -> new HashMap<>())
                        .put(rs.getString("id"), instant(rs, "received_at"));
            }
        }
    }

    private static Attendance attendance(ResultSet rs, int row) throws SQLException {
        return new Attendance(rs.getString("id"), rs.getString("participant_id"), instant(rs, "at"), 0,
                rs.getString("session_id"), rs.getString("group_id"), SessionType.valueOf(rs.getString("session_type")),
                AttendanceStatus.valueOf(rs.getString("status")));
    }

    private static PeerConcern peerConcern(ResultSet rs, int row) throws SQLException {
        return new PeerConcern(rs.getString("id"), rs.getString("participant_id"), instant(rs, "at"),
                ConcernLevel.valueOf(rs.getString("level")), ConcernCategory.valueOf(rs.getString("category")),
                rs.getString("reported_by"));
    }

    private static CheckIn checkIn(ResultSet rs, int row) throws SQLException {
        double sleep = rs.getDouble("sleep_hours");
        Double sleepHours = rs.wasNull() ? null : sleep;
        int stressValue = rs.getInt("stress");
        Integer stress = rs.wasNull() ? null : stressValue;
        return new CheckIn(rs.getString("id"), rs.getString("participant_id"), instant(rs, "at"), 0,
                rs.getInt("craving"), rs.getInt("mood"), stress, sleepHours, bool(rs, "used_substance"),
                bool(rs, "medication_taken"), Arrays.asList((String[]) rs.getArray("triggers").getArray()));
    }

    private static Phq9 phq9(ResultSet rs, int row) throws SQLException {
        return Phq9.of(rs.getString("id"), rs.getString("participant_id"), instant(rs, "at"), items(rs));
    }

    /** A BAM stored with 17 answers is one of before the form's own ranges were kept: already scored 0-4. */
    private static Bam bam(ResultSet rs, int row) throws SQLException {
        List<Integer> items = items(rs);
        return items.size() == LEGACY_BAM_ITEMS
                ? Bam.ofScoredItems(rs.getString("id"), rs.getString("participant_id"), instant(rs, "at"), items)
                : Bam.of(rs.getString("id"), rs.getString("participant_id"), instant(rs, "at"), items);
    }

    static final int LEGACY_BAM_ITEMS = 17;

    private static DrugScreen drugScreen(ResultSet rs, int row) throws SQLException {
        java.sql.Array substances = rs.getArray("substances");
        return new DrugScreen(rs.getString("id"), rs.getString("participant_id"), instant(rs, "at"),
                rs.getBoolean("positive"), substances == null ? List.of() : List.of((String[]) substances.getArray()),
                Boolean.FALSE.equals(rs.getObject("confirmed")));
    }

    /** A screening's answers; null where the form skipped a question. */
    static List<Integer> items(ResultSet rs) throws SQLException {
        return Arrays.stream((Object[]) rs.getArray("items").getArray())
                .map(item -> item == null ? null : ((Number) item).intValue()).toList();
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }
}
