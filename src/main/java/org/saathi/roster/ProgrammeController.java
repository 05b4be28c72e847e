package org.saathi.roster;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/programmes")
class ProgrammeController {

    private final JdbcClient jdbc;
    private final Clock clock;

    ProgrammeController(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record ProgrammeRequest(@NotBlank @Size(max = 200) String name, @Size(max = 64) String timezone,
            Boolean showDisplayNames) {
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Programme> put(@PathVariable String id, @Valid @RequestBody ProgrammeRequest request) {
        ExternalIds.require("id", id);
        ZoneId zone = Zones.parse("timezone", request.timezone() == null ? "Asia/Kolkata" : request.timezone());
        boolean created = jdbc.sql("""
                        INSERT INTO programme (id, name, timezone, show_display_names, created_at, updated_at)
                        VALUES (:id, :name, :timezone, :show, :now, :now)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone,
                            show_display_names = excluded.show_display_names, updated_at = excluded.updated_at
                        RETURNING (xmax = 0) AS created""")
                .param("id", id)
                .param("name", request.name().strip())
                .param("timezone", zone.getId())
                .param("show", Boolean.TRUE.equals(request.showDisplayNames()))
                .param("now", Timestamps.of(clock.instant()))
                .query(Boolean.class).single();
        Programme programme = find(id);
        return created
                ? ResponseEntity.created(URI.create("/api/v1/programmes/" + id)).body(programme)
                : ResponseEntity.status(HttpStatus.OK).body(programme);
    }

    @GetMapping("/{id}")
    Programme get(@PathVariable String id) {
        ExternalIds.require("id", id);
        return find(id);
    }

    private Programme find(String id) {
        return jdbc.sql("SELECT * FROM programme WHERE id = :id").param("id", id)
                .query((rs, row) -> new Programme(rs.getString("id"), rs.getString("name"),
                        ZoneId.of(rs.getString("timezone")), rs.getBoolean("show_display_names"),
                        Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at")))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("There is no programme " + id + "."));
    }
}
