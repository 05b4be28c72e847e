package org.saathi.ingest;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.saathi.alert.RaisedAlert;
import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.roster.ParticipantContext;
import org.saathi.roster.ParticipantStatus;
import org.saathi.roster.Roster;
import org.saathi.security.Caller;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records one fact: checks its times and its participant, stores it once, and evaluates the
 * participant in the same transaction. The participant stays locked until commit, so that two
 * facts for one person are evaluated one after the other.
 */
@Service
class Ingestion {

    private final FactStore store;
    private final Roster roster;
    private final RuleEvaluation evaluation;
    private final IngestSettings settings;
    private final Clock clock;

    Ingestion(FactStore store, Roster roster, RuleEvaluation evaluation, IngestSettings settings, Clock clock) {
        this.store = store;
        this.roster = roster;
        this.evaluation = evaluation;
        this.settings = settings;
        this.clock = clock;
    }

    @Transactional
    FactResponse checkIn(CheckInRequest request, Caller caller) {
        checkTime("recordedAt", request.recordedAt());
        ParticipantContext participant = requireActive(request.participantId(), caller);
        FactStore.Stored stored = store.checkIn(request, sourceOf(request.source(), caller), clock.instant());
        return answer(stored, participant, FactType.CHECK_IN, request.recordedAt(), null);
    }

    /** For a batch: stores without evaluating; the participant was locked, and found active, with the batch. */
    FactStore.Stored storeCheckInOfLockedParticipant(CheckInRequest request, Caller caller) {
        return store.checkIn(request, sourceOf(request.source(), caller), clock.instant());
    }

    /** A batch's participant, locked, and their latest new check-in. */
    record Latest(ParticipantContext locked, FactStore.Stored stored, OffsetDateTime at) {
    }

    /** For a batch: evaluates each participant once, after all their new check-ins are stored, all together. */
    List<RaisedAlert> evaluate(List<Latest> latest) {
        return evaluation.evaluate(latest.stream().map(l -> new RuleEvaluation.Due(l.locked(), Optional.of(
                new FactRecorded(l.locked().id(), FactType.CHECK_IN, l.stored().id(), l.at().toInstant())))).toList());
    }

    @Transactional
    FactResponse attendance(AttendanceRequest request, Caller caller) {
        checkTime("scheduledAt", request.scheduledAt());
        ParticipantContext participant = requireActive(request.participantId(), caller);
        if (request.groupId() != null && !roster.groupExists(request.groupId(), caller)) {
            throw ApiProblem.unprocessable("unknown-reference", "Unknown reference",
                    "The request refers to something that does not exist.",
                    List.of(new FieldProblem("groupId", "no group " + request.groupId())));
        }
        FactStore.Stored stored = store.attendance(request, sourceOf(request.source(), caller), clock.instant());
        return answer(stored, participant, FactType.ATTENDANCE, request.scheduledAt(), null);
    }

    @Transactional
    FactResponse screening(ScreeningRequest request, Caller caller) {
        checkTime("recordedAt", request.recordedAt());
        ParticipantContext participant = requireActive(request.participantId(), caller);
        ScreeningScores scores = ScreeningScores.of(request, key -> evaluation.threshold(participant, key));
        FactStore.Stored stored = store.screening(request, scores, sourceOf(request.source(), caller),
                clock.instant());
        return answer(stored, participant, FactType.SCREENING, request.recordedAt(), scores);
    }

    @Transactional
    FactResponse peerConcern(PeerConcernRequest request, Caller caller) {
        checkTime("observedAt", request.observedAt());
        String reportedBy = request.reportedBy();
        if (caller.isStaff()) {
            // Staff report about their own caseload, as themselves; others' participants are not found.
            if (reportedBy != null && !reportedBy.equals(caller.id())) {
                throw ApiProblem.invalid("reportedBy", "must be left out or be your own staff id");
            }
            reportedBy = caller.id();
            boolean visible = roster.context(request.participantId())
                    .map(p -> roster.caseload(caller).includes(p.id(), p.programmeId())).orElse(false);
            if (!visible) {
                throw unknownParticipant(request.participantId());
            }
        } else if (reportedBy == null) {
            throw ApiProblem.invalid("reportedBy", "must not be null");
        }
        ParticipantContext participant = requireActive(request.participantId(), caller);
        FactStore.Stored stored = store.peerConcern(request, reportedBy, caller.id(), clock.instant());
        return answer(stored, participant, FactType.PEER_CONCERN, request.observedAt(), null);
    }

    /** A fact's time must not be in the future (beyond clock drift) nor older than the backfill horizon. */
    void checkTime(String field, OffsetDateTime time) {
        Instant at = time.toInstant();
        Instant now = clock.instant();
        if (at.isAfter(now.plus(settings.futureTolerance()))) {
            throw ApiProblem.invalid(field, "must not be more than "
                    + settings.futureTolerance().toMinutes() + " minutes in the future");
        }
        if (at.isBefore(now.minus(settings.backfillHorizon()))) {
            throw ApiProblem.invalid(field, "must be within the last "
                    + settings.backfillHorizon().toDays() + " days");
        }
    }

    /** The participant, locked; one of another programme than the sending key's is answered as unknown. */
    private ParticipantContext requireActive(String participantId, Caller sender) {
        ParticipantContext participant = roster.lockForFacts(participantId, sender)
                .orElseThrow(() -> unknownParticipant(participantId));
        if (participant.status() == ParticipantStatus.DISCHARGED) {
            throw dischargedParticipant(participantId);
        }
        return participant;
    }

    static ApiProblem unknownParticipant(String participantId) {
        return ApiProblem.notFound("There is no participant " + participantId + ".");
    }

    static ApiProblem dischargedParticipant(String participantId) {
        return ApiProblem.conflict("participant-discharged", "Participant discharged",
                "Participant " + participantId + " is discharged; facts are no longer accepted.");
    }

    private FactResponse answer(FactStore.Stored stored, ParticipantContext participant, FactType type,
            OffsetDateTime at, ScreeningScores scores) {
        List<RaisedAlert> alerts = stored.duplicate() ? List.of()
                : evaluation.evaluate(new FactRecorded(participant.id(), type, stored.id(), at.toInstant()),
                        participant);
        return new FactResponse(stored.id(), stored.duplicate(), scores, alerts);
    }

    /**
     * Facts without a source are attributed to the integration key (by its id, which unlike its name
     * is unique) or the staff member that sent them.
     */
    private static String sourceOf(String source, Caller caller) {
        return source != null ? source : caller.id();
    }
}
