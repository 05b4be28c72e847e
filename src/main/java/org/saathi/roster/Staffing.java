package org.saathi.roster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a participant's context takes from the staff and the programmes' thresholds, read once for
 * a roster version rather than with every participant: who supervises and administers each
 * programme, who leads the deployment, who is deactivated, and each programme's own thresholds.
 * Any change to staff or thresholds, by any instance, moves the version (see the V20 migration); a
 * read of participants reads the version with them, and a version newer than the one kept reads
 * all of this again.
 */
@Component
class Staffing {

    /** The staff and thresholds as of one roster version. */
    record Snapshot(long version, Map<String, List<String>> supervisors, Map<String, List<String>> admins,
            List<String> deploymentLeads, Set<String> deactivated, Map<String, Map<String, Double>> thresholds) {

        /** Every active supervisor of the programme, by id. */
        List<String> supervisorsOf(String programmeId) {
            return supervisors.getOrDefault(programmeId, List.of());
        }

        /** Every active admin of the programme, by id. */
        List<String> adminsOf(String programmeId) {
            return admins.getOrDefault(programmeId, List.of());
        }

        /** The programme's thresholds that differ from the rule set's defaults, by key. */
        Map<String, Double> thresholdsOf(String programmeId) {
            return thresholds.getOrDefault(programmeId, Map.of());
        }
    }

    private final JdbcClient jdbc;
    private volatile Snapshot kept = new Snapshot(-1, Map.of(), Map.of(), List.of(), Set.of(), Map.of());

    Staffing(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The staff as of {@code version}: the snapshot kept, or one read afresh when the roster is at
     * another version (a newer one, or any other: a database restored from a backup starts again).
     */
    Snapshot asOf(long version) {
        Snapshot current = kept;
        if (current.version() == version) {
            return current;
        }
        synchronized (this) {
            if (kept.version() != version) {
                kept = read();
            }
            return kept;
        }
    }

    /** The snapshot last read with participants: as fresh as the last of them read. */
    Snapshot latest() {
        Snapshot current = kept;
        return current.version() >= 0 ? current : asOf(Long.MAX_VALUE);
    }

    /** Staff and thresholds of one version: read again if a change came between the two statements. */
    private Snapshot read() {
        while (true) {
            Staff staff = readStaff();
            Map<String, Map<String, Double>> thresholds = new HashMap<>();
            long[] version = {-1};
            jdbc.sql("""
                            SELECT t.programme_id, t.key, t.value, v.version
                            FROM roster_version v LEFT JOIN programme_threshold t ON true
                            ORDER BY t.programme_id, t.key""")
                    .query(rs -> {
                        version[0] = rs.getLong("version");
                        if (rs.getString("programme_id") != null) {
                            thresholds.computeIfAbsent(rs.getString("programme_id"), p -> new LinkedHashMap<>())
                                    .put(rs.getString("key"), rs.getDouble("value"));
                        }
                    });
            if (version[0] == staff.version) {
                return new Snapshot(version[0], staff.supervisors, staff.admins, staff.deploymentLeads,
                        staff.deactivated, thresholds);
            }
        }
    }

    private record Staff(long version, Map<String, List<String>> supervisors, Map<String, List<String>> admins,
            List<String> deploymentLeads, Set<String> deactivated) {
    }

    private Staff readStaff() {
        Map<String, List<String>> supervisors = new HashMap<>();
        Map<String, List<String>> admins = new HashMap<>();
        List<String> leads = new ArrayList<>();
        Set<String> deactivated = new HashSet<>();
        long[] version = {-1};
        jdbc.sql("""
                        SELECT s.id, s.programme_id, s.roles, s.deactivated_at IS NOT NULL AS deactivated, v.version
                        FROM roster_version v LEFT JOIN staff s ON true
                        ORDER BY s.id""")
                .query(rs -> {
                    version[0] = rs.getLong("version");
                    String id = rs.getString("id");
                    if (id == null) {
                        return;
                    }
                    if (rs.getBoolean("deactivated")) {
                        deactivated.add(id);
                        return;
                    }
                    List<String> roles = List.of((String[]) rs.getArray("roles").getArray());
                    String programme = rs.getString("programme_id");
                    if (roles.contains("SUPERVISOR")) {
                        supervisors.computeIfAbsent(programme, p -> new ArrayList<>()).add(id);
                    }
                    if (roles.contains("ADMIN")) {
                        admins.computeIfAbsent(programme, p -> new ArrayList<>()).add(id);
                    }
                    if (roles.contains("SUPERVISOR") || roles.contains("ADMIN")) {
                        leads.add(id);
                    }
                });
        return new Staff(version[0], supervisors, admins, leads, deactivated);
    }
}
