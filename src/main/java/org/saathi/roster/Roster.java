package org.saathi.roster;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.saathi.facts.Substance;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** What other features may ask of the roster. */
@Service
public class Roster {

    private final JdbcClient jdbc;
    private final Staffing staffing;

    Roster(JdbcClient jdbc, Staffing staffing) {
        this.jdbc = jdbc;
        this.staffing = staffing;
    }

    /**
     * Locks a participant for the rest of the transaction so that their facts are recorded and
     * evaluated one at a time; answers their context as read with the lock, or empty when there is
     * no such participant.
     */
    public Optional<ParticipantContext> lockForFacts(String participantId) {
        return lockForFacts(List.of(participantId), Optional.empty()).values().stream().findFirst();
    }

    /** As {@link #lockForFacts(String)}, for a sender: a key of another programme does not find the participant. */
    public Optional<ParticipantContext> lockForFacts(String participantId, Caller sender) {
        return lockForFacts(List.of(participantId), sender.programme()).values().stream().findFirst();
    }

    /** As {@link #lockForFacts(String, Caller)} for many, locked in id order so that two batches cannot deadlock. */
    public Map<String, ParticipantContext> lockForFacts(Collection<String> participantIds, Caller sender) {
        return lockForFacts(participantIds, sender.programme());
    }

    private Map<String, ParticipantContext> lockForFacts(Collection<String> participantIds,
            Optional<String> programme) {
        if (participantIds.isEmpty()) {
            return new LinkedHashMap<>();
        }
        return read(jdbc.sql("""
                        SELECT p.*, (SELECT version FROM roster_version) AS roster_version FROM participant p
                        WHERE p.id = ANY (:ids) AND (CAST(:programme AS text) IS NULL OR p.programme_id = :programme)
                        ORDER BY p.id FOR NO KEY UPDATE OF p""")
                .param("ids", participantIds.toArray(String[]::new))
                .param("programme", programme.orElse(null)));
    }

    public Optional<ParticipantContext> context(String participantId) {
        return contexts(List.of(participantId)).values().stream().findFirst();
    }

    /** The contexts of many participants at once, for a sweep; those that do not exist are left out. */
    public Map<String, ParticipantContext> contexts(Collection<String> participantIds) {
        return read(jdbc.sql("""
                        SELECT p.*, (SELECT version FROM roster_version) AS roster_version FROM participant p
                        WHERE p.id = ANY (:ids) ORDER BY p.id""")
                .param("ids", participantIds.toArray(String[]::new)));
    }

    /**
     * Participants' rows, read with the roster version, completed from the staff as of that version
     * (read again only when it has moved): one statement for a participant, however many staff.
     */
    private Map<String, ParticipantContext> read(JdbcClient.StatementSpec participants) {
        record Row(long version, Function<Staffing.Snapshot, ParticipantContext> context) {
        }
        List<Row> rows = participants.query((rs, row) -> {
            String id = rs.getString("id");
            String programme = rs.getString("programme_id");
            ParticipantStatus status = ParticipantStatus.valueOf(rs.getString("status"));
            boolean expectsDailyCheckIn = rs.getBoolean("expects_daily_check_in");
            Instant enrolledAt = rs.getTimestamp("created_at").toInstant();
            ZoneId timezone = ZoneId.of(rs.getString("timezone"));
            String peerMentor = rs.getString("peer_mentor_id");
            String counsellor = rs.getString("counsellor_id");
            Optional<String> supervisor = Optional.ofNullable(rs.getString("supervisor_id"));
            boolean share = rs.getBoolean("share_with_peer_mentor");
            Set<Substance> prescribed = PrescribedSubstances.read(rs.getArray("prescribed_substances"));
            Optional<CheckInSchedule> schedule = Optional.ofNullable(ParticipantStore.schedule(rs));
            return new Row(rs.getLong("roster_version"), staff -> new ParticipantContext(id, programme, status,
                    expectsDailyCheckIn, enrolledAt, timezone, peerMentor, counsellor, supervisor, share,
                    staff.supervisorsOf(programme), staff.adminsOf(programme), staff.deploymentLeads(),
                    Stream.of(Optional.of(peerMentor), Optional.of(counsellor), supervisor).flatMap(Optional::stream)
                            .filter(staff.deactivated()::contains).collect(Collectors.toSet()),
                    prescribed, schedule));
        }).list();
        Map<String, ParticipantContext> contexts = new LinkedHashMap<>();
        for (Row row : rows) {
            ParticipantContext context = row.context().apply(staffing.asOf(row.version()));
            contexts.put(context.id(), context);
        }
        return contexts;
    }

    public boolean programmeExists(String programmeId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM programme WHERE id = :id)").param("id", programmeId)
                .query(Boolean.class).single();
    }

    /**
     * As {@link #thresholdOverrides(String)}, as of the roster version read with the last
     * participants read ({@link #lockForFacts}, {@link #contexts}): for evaluating participants just
     * read, without another statement.
     */
    public Map<String, Double> thresholdOverridesAsRead(String programmeId) {
        return staffing.latest().thresholdsOf(programmeId);
    }

    /** The programme's thresholds that differ from the rule set's defaults. */
    public Map<String, Double> thresholdOverrides(String programmeId) {
        Map<String, Double> overrides = new LinkedHashMap<>();
        jdbc.sql("SELECT key, value FROM programme_threshold WHERE programme_id = :p ORDER BY key")
                .param("p", programmeId)
                .query(rs -> {
                    overrides.put(rs.getString("key"), rs.getDouble("value"));
                });
        return overrides;
    }

    public Caseload caseload(Caller caller) {
        if (!caller.isStaff()) {
            return Caseload.none(caller.id());
        }
        Set<String> programmes = caller.hasRole(StaffRole.SUPERVISOR) || caller.hasRole(StaffRole.ADMIN)
                ? jdbc.sql("SELECT programme_id FROM staff WHERE id = :id").param("id", caller.id())
                        .query(String.class).set()
                : Set.of();
        Set<String> participants = jdbc.sql("""
                        SELECT id FROM participant
                        WHERE (counsellor_id = :id AND :counsellor) OR (supervisor_id = :id AND :supervisor)
                           OR (peer_mentor_id = :id AND share_with_peer_mentor AND :mentor)""")
                .param("id", caller.id())
                .param("counsellor", caller.hasRole(StaffRole.COUNSELLOR))
                .param("supervisor", caller.hasRole(StaffRole.SUPERVISOR))
                .param("mentor", caller.hasRole(StaffRole.PEER_MENTOR))
                .query(String.class).set();
        return new Caseload(caller.id(), programmes, participants);
    }

    /**
     * A page of the active participants in a caseload, in id order after {@code afterId} (empty for
     * the first page), so that a backtest can go through a whole programme in bounded memory.
     */
    public List<String> activeIn(Caseload caseload, String afterId, int limit) {
        return jdbc.sql("""
                        SELECT id FROM participant
                        WHERE status = 'ACTIVE' AND (programme_id = ANY (:programmes) OR id = ANY (:participants))
                          AND id > :after
                        ORDER BY id LIMIT :limit""")
                .param("programmes", caseload.programmes().toArray(String[]::new))
                .param("participants", caseload.participants().toArray(String[]::new))
                .param("after", afterId).param("limit", limit)
                .query(String.class).list();
    }

    /** How many active participants a caseload holds. */
    public int countActiveIn(Caseload caseload) {
        return jdbc.sql("""
                        SELECT count(*) FROM participant
                        WHERE status = 'ACTIVE' AND (programme_id = ANY (:programmes) OR id = ANY (:participants))""")
                .param("programmes", caseload.programmes().toArray(String[]::new))
                .param("participants", caseload.participants().toArray(String[]::new))
                .query(Integer.class).single();
    }

    /** The time zone of a staff member's programme, in which the staff page shows times. */
    /** The zone a programme counts its days in; empty when there is no such programme. */
    public Optional<ZoneId> zoneOfProgramme(String programmeId) {
        return jdbc.sql("SELECT timezone FROM programme WHERE id = :id").param("id", programmeId)
                .query(String.class).optional().map(ZoneId::of);
    }

    public ZoneId zoneOf(String staffId) {
        return jdbc.sql("SELECT p.timezone FROM staff s JOIN programme p ON p.id = s.programme_id WHERE s.id = :id")
                .param("id", staffId).query(String.class).optional().map(ZoneId::of).orElse(ZoneId.of("UTC"));
    }

    /** How to reach a staff member; empty when there is no such staff member. */
    public Optional<StaffContact> contact(String staffId) {
        return jdbc.sql("SELECT id, name, email, phone, channels FROM staff WHERE id = :id").param("id", staffId)
                .query((rs, row) -> {
                    Optional<String> email = Optional.ofNullable(rs.getString("email"));
                    List<String> chosen = List.of((String[]) rs.getArray("channels").getArray());
                    List<String> channels = !chosen.isEmpty() ? chosen : email.isPresent() ? List.of("EMAIL")
                            : List.of();
                    return new StaffContact(rs.getString("id"), rs.getString("name"), email,
                            Optional.ofNullable(rs.getString("phone")), channels);
                })
                .optional();
    }

    /**
     * Whether a staff member may still be told about a participant: their counsellor, their
     * supervisor, a supervisor or admin of their programme, or their peer mentor with their consent;
     * when the programme has no active supervisor or admin, any supervisor or admin of the deployment
     * (so that an alert of a programme left without staff still reaches someone); and never a
     * deactivated staff member.
     */
    public boolean mayHearAbout(String staffId, String participantId) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM participant p JOIN staff s ON s.id = :staff
                            WHERE p.id = :p AND s.deactivated_at IS NULL AND (p.counsellor_id = s.id OR p.supervisor_id = s.id
                                OR (p.peer_mentor_id = s.id AND p.share_with_peer_mentor)
                                OR (s.roles && ARRAY['SUPERVISOR', 'ADMIN'] AND (s.programme_id = p.programme_id
                                    OR NOT EXISTS (SELECT 1 FROM staff o WHERE o.programme_id = p.programme_id
                                        AND o.deactivated_at IS NULL AND o.roles && ARRAY['SUPERVISOR', 'ADMIN'])))))""")
                .param("staff", staffId).param("p", participantId).query(Boolean.class).single();
    }

    /** What a message about the participant may use: their time zone, and their name only where allowed. */
    public record MessageContext(ZoneId zone, Optional<String> displayName) {
    }

    public MessageContext messageContext(String participantId) {
        return jdbc.sql("""
                        SELECT p.timezone, CASE WHEN g.show_display_names THEN p.display_name END AS shown_name
                        FROM participant p JOIN programme g ON g.id = p.programme_id WHERE p.id = :id""")
                .param("id", participantId)
                .query((rs, row) -> new MessageContext(ZoneId.of(rs.getString("timezone")),
                        Optional.ofNullable(rs.getString("shown_name"))))
                .optional()
                .orElse(new MessageContext(ZoneId.of("UTC"), Optional.empty()));
    }

    /** Whether the group exists for this sender: a key of one programme does not see another's groups. */
    public boolean groupExists(String groupId, Caller sender) {
        return jdbc.sql("""
                        SELECT EXISTS (SELECT 1 FROM therapy_group WHERE id = :id
                            AND (CAST(:programme AS text) IS NULL OR programme_id = :programme))""")
                .param("id", groupId).param("programme", sender.programme().orElse(null))
                .query(Boolean.class).single();
    }
}
