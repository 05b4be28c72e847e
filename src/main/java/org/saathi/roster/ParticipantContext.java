package org.saathi.roster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What evaluation and alert routing need to know of a participant: their programme, whether they
 * are expected to check in daily, when they enrolled, and who is assigned to them.
 *
 * @param programmeSupervisors every supervisor of the programme, for escalations past the assigned one
 */
public record ParticipantContext(String id, String programmeId, ParticipantStatus status, boolean expectsDailyCheckIn,
        Instant enrolledAt, String peerMentorId, String counsellorId, Optional<String> supervisorId,
        boolean shareWithPeerMentor, List<String> programmeSupervisors) {
}
