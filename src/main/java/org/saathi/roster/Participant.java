package org.saathi.roster;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.saathi.facts.Substance;

/**
 * A person in recovery, known by a pseudonymous id chosen by the programme; no legal name is needed.
 * Without {@code consent.shareWithPeerMentor}, nothing about them goes to their peer mentor.
 * {@code checkInSchedule} is null unless the programme gave one; their usual days are then learned.
 * {@code expectsDailyCheckIn} false: they are not expected to check in at all, and no silence is
 * alerted on (as before schedules existed); it cannot go with a schedule.
 * {@code prescribedSubstances} are what a substitution or medication programme prescribes them, so that
 * a drug screen positive for those alone is not taken for use: medication is clinical detail, left
 * out (null) of the record a peer mentor sees.
 */
public record Participant(String id, String displayName, String programmeId, Set<String> groupIds, String peerMentorId,
        String counsellorId, String supervisorId, String timezone, ParticipantStatus status, Consent consent,
        boolean expectsDailyCheckIn, CheckInSchedule checkInSchedule,
        @JsonInclude(JsonInclude.Include.NON_NULL) Set<Substance> prescribedSubstances,
        Instant createdAt, Instant updatedAt) {

    public Participant {
        prescribedSubstances = prescribedSubstances == null ? null : Set.copyOf(prescribedSubstances);
    }

    /** The record without its clinical detail (what they are prescribed), for staff who do not treat them. */
    public Participant withoutClinicalDetail() {
        return new Participant(id, displayName, programmeId, groupIds, peerMentorId, counsellorId, supervisorId,
                timezone, status, consent, expectsDailyCheckIn, checkInSchedule, null, createdAt, updatedAt);
    }

    public record Consent(boolean shareWithPeerMentor) {
    }
}
