package org.saathi.roster;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

import org.saathi.api.ApiProblem;
import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Saving a participant: their assignments checked against the roster, their row locked for the
 * save, and what changed written to the audit log.
 */
@Service
class Participants {

    private final ParticipantStore participants;
    private final AssignmentChecks assignments;
    private final ProgrammeStore programmes;
    private final Audit audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Participants(ParticipantStore participants, AssignmentChecks assignments, ProgrammeStore programmes, Audit audit,
            ApplicationEventPublisher events, Clock clock) {
        this.participants = participants;
        this.assignments = assignments;
        this.programmes = programmes;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    Saved<Participant> save(String id, ParticipantRequest request, Caller caller) {
        Optional<Participant> before = participants.lockAndFind(id);
        if (before.isPresent() && !caller.reaches(before.get().programmeId())) {
            // Another programme's participant is not told apart from one that does not exist.
            throw ApiProblem.notFound("There is no participant " + id + ".");
        }
        Participant participant = participant(id, request,
                SavedProgramme.of(request.programmeId(), caller, before.map(Participant::programmeId)));
        assignments.check(caller, participant, before);
        boolean created = participants.upsert(participant, clock.instant());
        // Their alerts go with them, on every save (the upsert holds the participant's row, so two saves
        // cannot cross): the old programme's supervisors no longer see them, the new one's do.
        events.publishEvent(new ParticipantSaved(id, participant.programmeId()));
        Participant saved = participants.find(id).orElseThrow();
        audit.record(caller, Audit.Action.PARTICIPANT_SAVED, id, null, ParticipantChanges.between(before, saved));
        return new Saved<>(saved, created);
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
}
