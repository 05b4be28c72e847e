package org.saathi.roster;

import java.time.ZoneId;
import java.util.List;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class Programmes {

    static final String DEFAULT = "default";

    private final JdbcClient jdbc;

    Programmes(JdbcClient jdbc) {
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
}
