package org.saathi.roster;

import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.springframework.stereotype.Component;

/**
 * Who may see a participant: admins everyone; supervisors their programme; counsellors and peer
 * mentors the participants assigned to them, and a peer mentor only with the participant's consent.
 */
@Component
class Caseloads {

    private final StaffRepository staff;

    Caseloads(StaffRepository staff) {
        this.staff = staff;
    }

    boolean canSee(Caller caller, Participant participant) {
        if (!caller.isStaff()) {
            return false;
        }
        if (caller.hasRole(StaffRole.ADMIN)) {
            return true;
        }
        String id = caller.id();
        if (caller.hasRole(StaffRole.SUPERVISOR) && (id.equals(participant.supervisorId())
                || staff.find(id).map(s -> s.programmeId().equals(participant.programmeId())).orElse(false))) {
            return true;
        }
        if (caller.hasRole(StaffRole.COUNSELLOR) && id.equals(participant.counsellorId())) {
            return true;
        }
        return caller.hasRole(StaffRole.PEER_MENTOR) && id.equals(participant.peerMentorId())
                && participant.consent().shareWithPeerMentor();
    }
}
