package org.saathi.roster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.saathi.api.ExternalIds;
import org.saathi.security.Caller;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
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

    private final Programmes programmes;

    ProgrammeController(Programmes programmes) {
        this.programmes = programmes;
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putProgramme", summary = "Create or update a programme and its thresholds",
            description = "With `thresholds`, the programme's thresholds are replaced; only thresholds the active "
                    + "rule set defines, within their ranges.")
    @ApiResponse(responseCode = "201", description = "Created.")
    @ApiResponse(responseCode = "200", description = "Updated.")
    ResponseEntity<Programme> put(@PathVariable String id, @Valid @RequestBody ProgrammeRequest request,
            Authentication authentication) {
        ExternalIds.require("id", id);
        return programmes.save(id, request, Caller.of(authentication)).answer("/api/v1/programmes/" + id);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getProgramme", summary = "A programme, its own thresholds and the effective ones")
    @ApiResponse(responseCode = "200", description = "The programme.")
    @ApiResponse(responseCode = "404", description = "No such programme.")
    Programme get(@PathVariable String id) {
        ExternalIds.require("id", id);
        return programmes.find(id);
    }
}
