package org.saathi.roster;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.saathi.security.StaffDirectory;
import org.saathi.security.StaffRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffStore implements StaffDirectory {

    private final JdbcClient jdbc;

    StaffStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @param deactivatedAt when an admin switched the staff member off; null while they are active */
    record StaffRow(String id, String name, String email, String phone, Set<StaffRole> roles, String programmeId,
            List<String> channels, Instant createdAt, Instant updatedAt, Instant deactivatedAt) {

        boolean active() {
            return deactivatedAt == null;
        }
    }

    /** Switches a staff member off (at {@code now}) or on again (null); answers whether anything changed. */
    boolean setDeactivatedAt(String id, Instant now) {
        return jdbc.sql("""
                        UPDATE staff SET deactivated_at = :at
                        WHERE id = :id AND (deactivated_at IS NULL) <> (CAST(:at AS timestamptz) IS NULL)""")
                .param("id", id).param("at", now == null ? null : Timestamps.of(now)).update() > 0;
    }

    /** The participants a staff member is assigned to, with the role: who needs someone new once they leave. */
    List<Assignment> assignmentsOf(String id) {
        return jdbc.sql("""
                        SELECT id, CASE WHEN peer_mentor_id = :id THEN 'PEER_MENTOR' END AS mentor,
                               CASE WHEN counsellor_id = :id THEN 'COUNSELLOR' END AS counsellor,
                               CASE WHEN supervisor_id = :id THEN 'SUPERVISOR' END AS supervisor
                        FROM participant
                        WHERE status = 'ACTIVE' AND (peer_mentor_id = :id OR counsellor_id = :id OR supervisor_id = :id)
                        ORDER BY id""")
                .param("id", id)
                .query((rs, row) -> new Assignment(rs.getString("id"), java.util.stream.Stream.of(
                                rs.getString("mentor"), rs.getString("counsellor"), rs.getString("supervisor"))
                        .filter(java.util.Objects::nonNull).map(StaffRole::valueOf).toList()))
                .list();
    }

    /** Creates or updates; answers whether the staff member is new. */
    boolean upsert(String id, String name, String email, String phone, Set<StaffRole> roles, String programmeId,
            List<String> channels, Instant now) {
        return jdbc.sql("""
                        INSERT INTO staff (id, name, email, phone, roles, programme_id, channels, created_at, updated_at)
                        VALUES (:id, :name, :email, :phone, :roles, :programme, :channels, :now, :now)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email,
                            phone = excluded.phone, roles = excluded.roles, programme_id = excluded.programme_id,
                            channels = excluded.channels, updated_at = excluded.updated_at
                        RETURNING (xmax = 0) AS created""")
                .param("id", id)
                .param("name", name)
                .param("email", email)
                .param("phone", phone)
                .param("roles", roles.stream().map(StaffRole::name).sorted().toArray(String[]::new))
                .param("programme", programmeId)
                .param("channels", channels.toArray(String[]::new))
                .param("now", Timestamps.of(now))
                .query(Boolean.class).single();
    }

    List<StaffRow> all() {
        return jdbc.sql("SELECT * FROM staff ORDER BY programme_id, name, id").query(StaffStore::row).list();
    }

    Optional<StaffRow> find(String id) {
        return jdbc.sql("SELECT * FROM staff WHERE id = :id").param("id", id).query(StaffStore::row).optional();
    }

    void lockForUpdate(String id) {
        jdbc.sql("SELECT id FROM staff WHERE id = :id FOR UPDATE").param("id", id).query(String.class).optional();
    }

    /** Locks the staff member's row so that a concurrent role change cannot slip past an assignment check. */
    Optional<StaffRow> findForShare(String id) {
        return jdbc.sql("SELECT * FROM staff WHERE id = :id FOR SHARE").param("id", id)
                .query(StaffStore::row).optional();
    }

    /** The roles a staff member is assigned in on at least one participant. */
    Set<StaffRole> rolesInUse(String id) {
        Set<StaffRole> inUse = EnumSet.noneOf(StaffRole.class);
        jdbc.sql("""
                        SELECT bool_or(peer_mentor_id = :id) AS mentor, bool_or(counsellor_id = :id) AS counsellor,
                               bool_or(supervisor_id = :id) AS supervisor
                        FROM participant
                        WHERE peer_mentor_id = :id OR counsellor_id = :id OR supervisor_id = :id""")
                .param("id", id)
                .query(rs -> {
                    if (rs.getBoolean("mentor")) {
                        inUse.add(StaffRole.PEER_MENTOR);
                    }
                    if (rs.getBoolean("counsellor")) {
                        inUse.add(StaffRole.COUNSELLOR);
                    }
                    if (rs.getBoolean("supervisor")) {
                        inUse.add(StaffRole.SUPERVISOR);
                    }
                });
        return inUse;
    }

    /** Admins who can still log in: switching off or demoting the last of them would leave nobody to manage. */
    int adminCount() {
        return jdbc.sql("SELECT count(*) FROM staff WHERE 'ADMIN' = ANY (roles) AND deactivated_at IS NULL")
                .query(Integer.class).single();
    }

    int lockAdminsAndCountActive() {
        return jdbc.sql("""
                        SELECT count(*) FILTER (WHERE deactivated_at IS NULL) FROM (
                            SELECT deactivated_at FROM staff WHERE 'ADMIN' = ANY (roles) FOR UPDATE) admins""")
                .query(Integer.class).single();
    }

    boolean anyAdmin() {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM staff WHERE 'ADMIN' = ANY (roles))").query(Boolean.class).single();
    }

    @Override
    public Optional<Set<StaffRole>> activeRolesOf(String staffId) {
        return find(staffId).filter(StaffRow::active).map(StaffRow::roles);
    }

    @Override
    public Optional<String> programmeOf(String staffId) {
        return jdbc.sql("SELECT programme_id FROM staff WHERE id = :id").param("id", staffId).query(String.class)
                .optional();
    }

    @Override
    public List<String> programmeIds() {
        return jdbc.sql("SELECT id FROM programme ORDER BY id").query(String.class).list();
    }

    private static StaffRow row(ResultSet rs, int row) throws SQLException {
        return new StaffRow(rs.getString("id"), rs.getString("name"), rs.getString("email"), rs.getString("phone"),
                roles(rs.getArray("roles")), rs.getString("programme_id"),
                List.of((String[]) rs.getArray("channels").getArray()), Timestamps.read(rs, "created_at"),
                Timestamps.read(rs, "updated_at"), Timestamps.read(rs, "deactivated_at"));
    }

    private static Set<StaffRole> roles(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(StaffRole::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StaffRole.class)));
    }
}
