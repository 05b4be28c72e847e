package org.saathi.roster;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.saathi.api.FieldProblem;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Programmes and their thresholds; a youth programme may, say, escalate after fewer absences. */
@RestController
@RequestMapping("/api/v1/programmes")
@Tag(name = "Programmes", description = "Programmes and their rule thresholds")
class ProgrammeController {

    private final JdbcClient jdbc;
    private final Roster roster;
    private final ThresholdCatalogue catalogue;
    private final Audit audit;
    private final Clock clock;

    ProgrammeController(JdbcClient jdbc, Roster roster, ThresholdCatalogue catalogue, Audit audit, Clock clock) {
        this.jdbc = jdbc;
        this.roster = roster;
        this.catalogue = catalogue;
        this.audit = audit;
        this.clock = clock;
    }

    /** Without {@code thresholds} the programme's thresholds stay as they are; with it, they are replaced. */
    record ProgrammeRequest(@NotBlank @Size(max = 200) String name, @Size(max = 64) String timezone,
            Boolean showDisplayNames, @Size(max = 200) Map<String, Double> thresholds) {
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    @Operation(operationId = "putProgramme", summary = "Create or update a programme and its thresholds",
            description = "With `thresholds`, the programme's thresholds are replaced; only thresholds the active "
                    + "rule set defines, within their ranges.")
    @ApiResponse(responseCode = "201", description = "Created.")
    @ApiResponse(responseCode = "200", description = "Updated.")
    ResponseEntity<Programme> put(@PathVariable String id, @Valid @RequestBody ProgrammeRequest request,
            Authentication authentication) {
        ExternalIds.require("id", id);
        ZoneId zone = Zones.parse("timezone", request.timezone() == null ? "Asia/Kolkata" : request.timezone());
        if (request.thresholds() != null) {
            checkThresholds(request.thresholds());
        }
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
        if (request.thresholds() != null) {
            jdbc.sql("DELETE FROM programme_threshold WHERE programme_id = :id").param("id", id).update();
            request.thresholds().forEach((key, value) -> jdbc.sql("""
                            INSERT INTO programme_threshold (programme_id, key, value) VALUES (:id, :key, :value)""")
                    .param("id", id).param("key", key).param("value", value).update());
        }
        audit.record(Caller.of(authentication), Audit.Action.PROGRAMME_SAVED, null, id);
        Programme programme = find(id);
        return created ? ResponseEntity.created(URI.create("/api/v1/programmes/" + id)).body(programme)
                : ResponseEntity.ok(programme);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getProgramme", summary = "A programme, its own thresholds and the effective ones")
    @ApiResponse(responseCode = "200", description = "The programme.")
    @ApiResponse(responseCode = "404", description = "No such programme.")
    Programme get(@PathVariable String id) {
        ExternalIds.require("id", id);
        return find(id);
    }

    /** Only thresholds the rule set defines: a misspelt key would otherwise change nothing, silently. */
    private void checkThresholds(Map<String, Double> thresholds) {
        Map<String, ThresholdCatalogue.Spec> specs = catalogue.thresholds();
        List<FieldProblem> problems = new ArrayList<>();
        thresholds.forEach((key, value) -> {
            ThresholdCatalogue.Spec spec = specs.get(key);
            if (spec == null) {
                problems.add(new FieldProblem("thresholds." + key, "is not a threshold of the active rule set"));
            } else if (value == null) {
                problems.add(new FieldProblem("thresholds." + key, "must be a number"));
            } else {
                spec.refuse(value).ifPresent(why -> problems.add(new FieldProblem("thresholds." + key, why)));
            }
        });
        if (!problems.isEmpty()) {
            throw ApiProblem.invalid(problems);
        }
    }

    private Programme find(String id) {
        Map<String, Double> overrides = new TreeMap<>(roster.thresholdOverrides(id));
        Map<String, Double> effective = new TreeMap<>();
        catalogue.thresholds().forEach((key, spec) -> effective.put(key, spec.value()));
        overrides.forEach((key, value) -> effective.computeIfPresent(key, (k, old) -> value));
        return jdbc.sql("SELECT * FROM programme WHERE id = :id").param("id", id)
                .query((rs, row) -> new Programme(rs.getString("id"), rs.getString("name"),
                        ZoneId.of(rs.getString("timezone")), rs.getBoolean("show_display_names"), overrides, effective,
                        Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at")))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("There is no programme " + id + "."));
    }
}
