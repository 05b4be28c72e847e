package org.saathi.roster;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.saathi.api.ApiProblem;
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

@RestController
@RequestMapping("/api/v1/participants")
@Tag(name = "Participants", description = "Participants, their assignments and consent")
class ParticipantController {

    private final Participants participants;
    private final ParticipantRecords records;

    ParticipantController(Participants participants, ParticipantRecords records) {
        this.participants = participants;
        this.records = records;
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "putParticipant", summary = "Create or update a participant",
            description = "Assignments name active staff who hold the matching role (and, for a key, belong to "
                    + "the participant's programme). Without `consent`, nothing is shared with the peer mentor. Without "
                    + "`checkInSchedule`, silence is measured against the days the person usually checks in; "
                    + "`expectsDailyCheckIn: false` means they are not expected to check in at all. A key "
                    + "saves participants of its own programme only, and never moves one to another programme. "
                    + "`prescribedSubstances` (methadone, buprenorphine, ...; none when left out) are what a "
                    + "substitution or medication programme prescribes: a drug screen positive for those alone "
                    + "raises no alert.")
    @ApiResponse(responseCode = "201", description = "Created.")
    @ApiResponse(responseCode = "200", description = "Updated.")
    @ApiResponse(responseCode = "400", description = "A field is invalid, such as a prescribed substance the "
            + "vocabulary does not know; `errors` names each field.")
    @ApiResponse(responseCode = "404", description = "For a key: a participant of another programme than the key's.")
    @ApiResponse(responseCode = "422", description = "An assignment, group or programme does not match the roster "
            + "(`urn:saathi:problem:invalid-assignment`, `urn:saathi:problem:unknown-reference`), or a key reaches "
            + "outside its programme (`urn:saathi:problem:other-programme`); `errors` names each field.")
    ResponseEntity<Participant> put(@PathVariable String id, @Valid @RequestBody ParticipantRequest request,
            Authentication authentication) {
        ExternalIds.require("id", id);
        return participants.save(id, request, Caller.of(authentication)).answer("/api/v1/participants/" + id);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getParticipant", summary = "A participant with their assignments")
    @ApiResponse(responseCode = "200", description = "The participant.")
    @ApiResponse(responseCode = "404", description = "No such participant in your caseload.")
    Participant get(@PathVariable String id, Authentication authentication) {
        ExternalIds.require("id", id);
        return records.view(Caller.of(authentication), id)
                .orElseThrow(() -> ApiProblem.notFound("There is no participant " + id + " in your caseload."));
    }
}
