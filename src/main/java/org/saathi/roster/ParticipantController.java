package org.saathi.roster;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.saathi.api.ApiProblem;
import org.saathi.api.ExternalIds;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
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
    private final AssignmentChecks assignments;
    private final Programmes programmes;
    private final ParticipantRecords records;
    private final Audit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    ParticipantController(ParticipantRepository participants, AssignmentChecks assignments, Programmes programmes,
            ParticipantRecords records, Audit audit, ApplicationEventPublisher events, Clock clock) {
        this.participants = participants;
        this.assignments = assignments;
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
            Boolean expectsDailyCheckIn,
            @Size(max = 10) List<@NotNull @Size(max = 40) String> prescribedSubstances,
            @Schema(description = "\"DAILY\", \"WEEKDAYS\" or days such as "
                    + "[\"MON\", \"WED\", \"FRI\"]; without it, the person's usual days are learned from their check-ins",
                    oneOf = {String.class, String[].class}) Object checkInSchedule) {
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Transactional
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
        Caller caller = Caller.of(authentication);
        Optional<Participant> before = participants.lockAndFind(id);
        if (before.isPresent() && !caller.reaches(before.get().programmeId())) {
            // Another programme's participant is not told apart from one that does not exist.
            throw ApiProblem.notFound("There is no participant " + id + ".");
        }
        Participant participant = participant(id, request, SavedProgramme.of(request.programmeId(), caller, before.map(Participant::programmeId)));
        assignments.check(caller, participant, before);
        boolean created = participants.upsert(participant, clock.instant());
        // Their alerts go with them, on every save (the upsert holds the participant's row, so two saves
        // cannot cross): the old programme's supervisors no longer see them, the new one's do.
        events.publishEvent(new ParticipantSaved(id, participant.programmeId()));
        Participant saved = participants.find(id).orElseThrow();
        audit.record(caller, Audit.Action.PARTICIPANT_SAVED, id, null, ParticipantChanges.between(before, saved));
        return created ? ResponseEntity.created(URI.create("/api/v1/participants/" + id)).body(saved)
                : ResponseEntity.ok(saved);
    }

    private Participant participant(String id, ParticipantRequest request, String programmeId) {
        ZoneId programmeZone = programmes.require("programmeId", programmeId);
        ZoneId zone = request.timezone() == null ? programmeZone : Zones.parse("timezone", request.timezone());
        Set<String> groups = request.groupIds() == null ? Set.of() : request.groupIds();
        boolean expectsCheckIns = request.expectsDailyCheckIn() == null || request.expectsDailyCheckIn();
        return new Participant(id, request.displayName().strip(), programmeId, groups,
                request.peerMentorId(), request.counsellorId(), request.supervisorId(), zone.getId(),
                request.status() == null ? ParticipantStatus.ACTIVE : request.status(),
                // Without an explicit consent, nothing goes to the peer mentor: the safe default.
                new Participant.Consent(request.consent() != null && request.consent().shareWithPeerMentor()),
                expectsCheckIns, schedule(request.checkInSchedule(), expectsCheckIns),
                PrescribedSubstances.parse(request.prescribedSubstances()), null, null);
    }

    /** Old clients send no schedule; one that is not expected to check in at all has none. */
    private static CheckInSchedule schedule(Object given, boolean expectsCheckIns) {
        if (given == null) {
            return null;
        }
        if (!expectsCheckIns) {
            throw ApiProblem.invalid("checkInSchedule", "cannot be given with expectsDailyCheckIn false, which means "
                    + "the participant is not expected to check in");
        }
        try {
            return CheckInSchedule.parse(given);
        } catch (IllegalArgumentException invalid) {
            throw ApiProblem.invalid("checkInSchedule", invalid.getMessage());
        }
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
