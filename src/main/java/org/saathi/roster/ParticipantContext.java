package org.saathi.roster;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What evaluation and alert routing need to know of a participant: their programme, whether they
 * are expected to check in daily, when they enrolled, and who is assigned to them.
 *
 * @param programmeSupervisors every active supervisor of the programme, for escalations past the assigned one
 * @param deactivatedStaff those of the assigned staff who are deactivated, and so are not told
 */
public record ParticipantContext(String id, String programmeId, ParticipantStatus status, boolean expectsDailyCheckIn,
        Instant enrolledAt, String peerMentorId, String counsellorId, Optional<String> supervisorId,
        boolean shareWithPeerMentor, List<String> programmeSupervisors, Set<String> deactivatedStaff) {

    public ParticipantContext {
        deactivatedStaff = Set.copyOf(deactivatedStaff);
    }

    /** With every assigned staff member active, as a replay or a scenario has it. */
    public ParticipantContext(String id, String programmeId, ParticipantStatus status, boolean expectsDailyCheckIn,
            Instant enrolledAt, String peerMentorId, String counsellorId, Optional<String> supervisorId,
            boolean shareWithPeerMentor, List<String> programmeSupervisors) {
        this(id, programmeId, status, expectsDailyCheckIn, enrolledAt, peerMentorId, counsellorId, supervisorId,
                shareWithPeerMentor, programmeSupervisors, Set.of());
    }

    public boolean isActive(String staffId) {
        return !deactivatedStaff.contains(staffId);
    }
}
