package org.saathi.roster;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

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
import org.saathi.api.FieldProblem;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
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

    private final ParticipantRepository participants;
    private final StaffRepository staff;
    private final Programmes programmes;
    private final ParticipantRecords records;
    private final Audit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ParticipantController(ParticipantRepository participants, StaffRepository staff, Programmes programmes,
            ParticipantRecords records, Audit audit, ApplicationEventPublisher events, Clock clock) {
        this.participants = participants;
        this.staff = staff;
        this.programmes = programmes;
        this.records = records;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    record ConsentRequest(@NotNull Boolean shareWithPeerMentor) {
    }

    record ParticipantRequest(
            @NotBlank @Size(max = 100) String displayName,
            @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String programmeId,
            @Size(max = 50) Set<@NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String> groupIds,
            @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String peerMentorId,
            @NotNull @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String counsellorId,
            @Pattern(regexp = ExternalIds.PATTERN, message = ExternalIds.MESSAGE) String supervisorId,
            @Size(max = 64) String timezone,
            ParticipantStatus status,
            @Valid ConsentRequest consent,
            Boolean expectsDailyCheckIn) {
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
    @Operation(operationId = "putParticipant", summary = "Create or update a participant",
            description = "Assignments name staff who hold the matching role. Without `consent`, nothing is "
                    + "shared with the peer mentor.")
    @ApiResponse(responseCode = "201", description = "Created.")
    @ApiResponse(responseCode = "200", description = "Updated.")
    @ApiResponse(responseCode = "422", description = "An assignment, group or programme does not match the roster "
            + "(`urn:saathi:problem:invalid-assignment`, `urn:saathi:problem:unknown-reference`); `errors` names "
            + "each field.")
    ResponseEntity<Participant> put(@PathVariable String id, @Valid @RequestBody ParticipantRequest request,
            Authentication authentication) {
        ExternalIds.require("id", id);
        String programmeId = request.programmeId() == null ? Programmes.DEFAULT : request.programmeId();
        ZoneId programmeZone = programmes.require("programmeId", programmeId);
        ZoneId zone = request.timezone() == null ? programmeZone : Zones.parse("timezone", request.timezone());
        Set<String> groups = request.groupIds() == null ? Set.of() : request.groupIds();
        checkReferences(request, groups);
        Participant participant = new Participant(id, request.displayName().strip(), programmeId, groups,
                request.peerMentorId(), request.counsellorId(), request.supervisorId(), zone.getId(),
                request.status() == null ? ParticipantStatus.ACTIVE : request.status(),
                // Without an explicit consent, nothing goes to the peer mentor: the safe default.
                new Participant.Consent(request.consent() != null && request.consent().shareWithPeerMentor()),
                request.expectsDailyCheckIn() == null || request.expectsDailyCheckIn(), null, null);
        boolean created = participants.upsert(participant, clock.instant());
        // Their alerts go with them, on every save (the upsert holds the participant's row, so two saves
        // cannot cross): the old programme's supervisors no longer see them, the new one's do.
        events.publishEvent(new ParticipantSaved(id, programmeId));
        Participant saved = participants.find(id).orElseThrow();
        audit.record(Caller.of(authentication), Audit.Action.PARTICIPANT_SAVED, id, null);
        return created ? ResponseEntity.created(URI.create("/api/v1/participants/" + id)).body(saved)
                : ResponseEntity.ok(saved);
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

    /** Every assignment must name a staff member who holds the matching role; all mismatches at once. */
    private void checkReferences(ParticipantRequest request, Set<String> groups) {
        List<FieldProblem> problems = new ArrayList<>();
        checkAssignment(problems, "peerMentorId", request.peerMentorId(), StaffRole.PEER_MENTOR);
        checkAssignment(problems, "counsellorId", request.counsellorId(), StaffRole.COUNSELLOR);
        if (request.supervisorId() != null) {
            checkAssignment(problems, "supervisorId", request.supervisorId(), StaffRole.SUPERVISOR);
        }
        for (String unknown : participants.unknownGroups(groups)) {
            problems.add(new FieldProblem("groupIds", "no group " + unknown));
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.unprocessable("invalid-assignment", "Invalid assignment",
                    "The participant's assignments do not match the roster.", problems);
        }
    }

    private void checkAssignment(List<FieldProblem> problems, String field, String staffId, StaffRole role) {
        staff.findForShare(staffId).ifPresentOrElse(
                member -> {
                    if (!member.roles().contains(role)) {
                        problems.add(new FieldProblem(field, "staff member " + staffId + " is not a " + role));
                    }
                },
                () -> problems.add(new FieldProblem(field, "no staff member " + staffId)));
    }
}
