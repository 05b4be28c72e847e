package org.saathi.roster;

import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.springframework.http.MediaType;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
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

@RestController
@RequestMapping("/api/v1/groups")
@Tag(name = "Groups", description = "Therapy and peer-support groups")
class GroupController {

    private final JdbcClient jdbc;
    private final Programmes programmes;
    private final Audit audit;
    private final Clock clock;

    GroupController(JdbcClient jdbc, Programmes programmes, Audit audit, Clock clock) {
        this.audit = audit;
        this.jdbc = jdbc;
        this.programmes = programmes;
        this.clock = clock;
    }

    record GroupRequest(
            @NotBlank @Size(max = 200) String name,
            @NotNull TherapyGroup.Type type,
            @NotNull TherapyGroup.Audience audience,
            @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String programmeId) {
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    @Operation(operationId = "putGroup", summary = "Create or update a group")
    @ApiResponse(responseCode = "201", description = "Created.")
    @ApiResponse(responseCode = "200", description = "Updated.")
    @ApiResponse(responseCode = "404", description = "For a key: a group of another programme than the key's.")
    @ApiResponse(responseCode = "422", description = "No such programme (`urn:saathi:problem:unknown-reference`), "
            + "or a key naming another programme than its own or the group's (`urn:saathi:problem:other-programme`).")
    ResponseEntity<TherapyGroup> put(@PathVariable String id, @Valid @RequestBody GroupRequest request,
            Authentication authentication) {
        ExternalIds.require("id", id);
        Caller caller = Caller.of(authentication);
        Optional<String> before = programmeOf(id, caller);
        String programmeId = SavedProgramme.of(request.programmeId(), caller, before);
        boolean moved = before.isPresent() && !before.get().equals(programmeId);
        programmes.require("programmeId", programmeId);
        boolean created = jdbc.sql("""
                        INSERT INTO therapy_group (id, name, type, audience, programme_id, created_at, updated_at)
                        VALUES (:id, :name, :type, :audience, :programme, :now, :now)
                        ON CONFLICT (id) DO UPDATE SET name = excluded.name, type = excluded.type,
                            audience = excluded.audience, programme_id = excluded.programme_id,
                            updated_at = excluded.updated_at
                        RETURNING (xmax = 0) AS created""")
                .param("id", id)
                .param("name", request.name().strip())
                .param("type", request.type().name())
                .param("audience", request.audience().name())
                .param("programme", programmeId)
                .param("now", Timestamps.of(clock.instant()))
                .query(Boolean.class).single();
        audit.record(caller, Audit.Action.GROUP_SAVED, null, id,
                before.isPresent() && !moved ? Map.of()
                        : Map.of("programmeId", new Audit.Change(before.orElse(null), programmeId)));
        TherapyGroup group = get(id, authentication);
        return created ? ResponseEntity.created(URI.create("/api/v1/groups/" + id)).body(group)
                : ResponseEntity.ok(group);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getGroup", summary = "A group")
    @ApiResponse(responseCode = "200", description = "The group.")
    @ApiResponse(responseCode = "404", description = "No such group.")
    TherapyGroup get(@PathVariable String id, Authentication authentication) {
        ExternalIds.require("id", id);
        Caller caller = Caller.of(authentication);
        return jdbc.sql("SELECT * FROM therapy_group WHERE id = :id").param("id", id)
                .query((rs, row) -> new TherapyGroup(rs.getString("id"), rs.getString("name"),
                        TherapyGroup.Type.valueOf(rs.getString("type")),
                        TherapyGroup.Audience.valueOf(rs.getString("audience")), rs.getString("programme_id"),
                        Timestamps.read(rs, "created_at"), Timestamps.read(rs, "updated_at")))
                .optional()
                .filter(group -> caller.reaches(group.programmeId()))
                .orElseThrow(() -> ApiProblem.notFound("There is no group " + id + "."));
    }

    /**
     * The programme of an existing group, locked for the save; another programme's group is not
     * found by a key of one programme, as if it did not exist.
     */
    private Optional<String> programmeOf(String id, Caller caller) {
        Optional<String> programme = jdbc.sql("SELECT programme_id FROM therapy_group WHERE id = :id FOR UPDATE")
                .param("id", id).query(String.class).optional();
        if (programme.isPresent() && !caller.reaches(programme.get())) {
            throw ApiProblem.notFound("There is no group " + id + ".");
        }
        return programme;
    }
}
