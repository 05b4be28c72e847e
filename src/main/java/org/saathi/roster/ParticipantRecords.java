package org.saathi.roster;

import java.util.Optional;

import org.saathi.security.Audit;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.springframework.stereotype.Service;

/**
 * A participant's record for staff, within their caseload only: outside it the participant is not
 * found, so that not even their existence is told. Every view of a record goes into the audit log.
 */
@Service
public class ParticipantRecords {

    private final ParticipantStore participants;
    private final Roster roster;
    private final Audit audit;

    ParticipantRecords(ParticipantStore participants, Roster roster, Audit audit) {
        this.participants = participants;
        this.roster = roster;
        this.audit = audit;
    }

    /** The record, with its view audited under the given action. */
    public Optional<Participant> view(Caller caller, String participantId, Audit.Action action) {
        Optional<Participant> found = visible(caller, participantId);
        found.ifPresent(participant -> audit.record(caller, action, participant.id(), null));
        return found;
    }

    public Optional<Participant> view(Caller caller, String participantId) {
        return view(caller, participantId, Audit.Action.PARTICIPANT_VIEWED);
    }

    private Optional<Participant> visible(Caller caller, String participantId) {
        return participants.find(participantId)
                .filter(participant -> roster.caseload(caller).includes(participant.id(), participant.programmeId()))
                .map(participant -> treats(caller) ? participant : participant.withoutClinicalDetail());
    }

    /** Counsellors, supervisors and admins see clinical detail; a peer mentor, who supports, does not. */
    private static boolean treats(Caller caller) {
        return caller.hasRole(StaffRole.COUNSELLOR) || caller.hasRole(StaffRole.SUPERVISOR)
                || caller.hasRole(StaffRole.ADMIN);
    }
}
