package org.saathi.roster;

import java.time.Instant;
import java.util.Set;

/**
 * A person in recovery, known by a pseudonymous id chosen by the programme; no legal name is needed.
 * Without {@code consent.shareWithPeerMentor}, nothing about them goes to their peer mentor.
 */
public record Participant(String id, String displayName, String programmeId, Set<String> groupIds, String peerMentorId,
        String counsellorId, String supervisorId, String timezone, ParticipantStatus status, Consent consent,
        boolean expectsDailyCheckIn, Instant createdAt, Instant updatedAt) {

    public record Consent(boolean shareWithPeerMentor) {
    }
}
