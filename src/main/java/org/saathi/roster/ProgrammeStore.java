package org.saathi.roster;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The programme table and a programme's own thresholds, written only through here. */
@Repository
class ProgrammeStore {

    static final String DEFAULT = "default";

    private final JdbcClient jdbc;

    ProgrammeStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The programme's time zone; a 422 naming the field when there is no such programme. */
    ZoneId require(String field, String id) {
        return jdbc.sql("SELECT timezone FROM programme WHERE id = :id").param("id", id).query(String.class)
                .optional()
                .map(ZoneId::of)
                .orElseThrow(() -> ApiProblem.unprocessable("unknown-reference", "Unknown reference",
                        "The request refers to something that does not exist.",
                        List.of(new FieldProblem(field, "no programme " + id))));
    }

    /** Creates or updates the programme, leaving its thresholds as they are; answers whether it is new. */
    boolean upsert(String id, String name, ZoneId zone, boolean showDisplayNames, Instant now) {
        return jdbc.sql("""
                        INSERT INTO programme (id, name, timezone, show_display_names, created_at, updated_at)
                        VALUES (:id, :name, :timezone, :show, :now, :now)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
                            show_display_names = excluded.show_display_names, updated_at = excluded.updated_at
                        RETURNING (xmax = 0) AS created""")
                .param("id", id)
                .param("name", name)
                .param("timezone", zone.getId())
                .param("show", showDisplayNames)
                .param("now", Timestamps.of(now))
                .query(Boolean.class).single();
    }

    void replaceThresholds(String id, Map<String, Double> thresholds) {
        jdbc.sql("DELETE FROM programme_threshold WHERE programme_id = :id").param("id", id).update();
        thresholds.forEach((key, value) -> jdbc.sql("""
                        INSERT INTO programme_threshold (programme_id, key, value) VALUES (:id, :key, :value)""")
                .param("id", id).param("key", key).param("value", value).update());
    }

    /** The programme with the thresholds given: its own, and those its rules use. */
    Optional<Programme> find(String id, Map<String, Double> thresholds, Map<String, Double> effective) {
        return jdbc.sql("SELECT * FROM programme WHERE id = :id").param("id", id)
                .query((rs, row) -> new Programme(rs.getString("id"), rs.getString("name"),
                        ZoneId.of(rs.getString("timezone")), rs.getBoolean("show_display_names"), thresholds,
                        effective, Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at")))
                .optional();
    }
}
