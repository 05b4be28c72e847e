package org.saathi.roster;

import java.util.Set;

/**
 * Whose records a staff member may see: their programme's (supervisor, admin), or those assigned
 * to them (counsellor; peer mentor only with the participant's consent).
 */
public record Caseload(String staffId, Set<String> programmes, Set<String> participants) {

    public Caseload {
        programmes = Set.copyOf(programmes);
        participants = Set.copyOf(participants);
    }

    public static Caseload none(String staffId) {
        return new Caseload(staffId, Set.of(), Set.of());
    }

    public boolean includes(String participantId, String programmeId) {
        return programmes.contains(programmeId) || participants.contains(participantId);
    }
}
