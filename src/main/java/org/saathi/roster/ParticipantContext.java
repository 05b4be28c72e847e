package org.saathi.roster;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.saathi.facts.Substance;

/**
 * What evaluation and alert routing need to know of a participant: their programme, whether they
 * are expected to check in daily, when they enrolled, their time zone, and who is assigned to them.
 *
 * @param timezone where their days begin and end (the programme's, unless set for them), for rules
 *        that count days such as doses missed
 * @param programmeSupervisors every active supervisor of the programme, for escalations past the assigned one
 * @param programmeAdmins every active admin of the programme, asked when no active staff member would be
 * @param deploymentLeads every active supervisor and admin of the deployment, asked when the programme has
 *        neither an active supervisor nor an active admin
 * @param deactivatedStaff those of the assigned staff who are deactivated, and so are not told
 * @param prescribedSubstances what their substitution or medication programme prescribes them
 */
public record ParticipantContext(String id, String programmeId, ParticipantStatus status, boolean expectsDailyCheckIn,
        Instant enrolledAt, ZoneId timezone, String peerMentorId, String counsellorId, Optional<String> supervisorId,
        boolean shareWithPeerMentor, List<String> programmeSupervisors, List<String> programmeAdmins,
        List<String> deploymentLeads, Set<String> deactivatedStaff, Set<Substance> prescribedSubstances) {

    public ParticipantContext {
        prescribedSubstances = Set.copyOf(prescribedSubstances);
        java.util.Objects.requireNonNull(timezone, "timezone");
        programmeSupervisors = List.copyOf(programmeSupervisors);
        programmeAdmins = List.copyOf(programmeAdmins);
        deploymentLeads = List.copyOf(deploymentLeads);
        deactivatedStaff = Set.copyOf(deactivatedStaff);
    }

    /** With every assigned staff member active, as a replay or a scenario has it. */
    public ParticipantContext(String id, String programmeId, ParticipantStatus status, boolean expectsDailyCheckIn,
            Instant enrolledAt, ZoneId timezone, String peerMentorId, String counsellorId, Optional<String> supervisorId,
            boolean shareWithPeerMentor, List<String> programmeSupervisors) {
        this(id, programmeId, status, expectsDailyCheckIn, enrolledAt, timezone, peerMentorId, counsellorId,
                supervisorId, shareWithPeerMentor, programmeSupervisors, List.of(), List.of(), Set.of(), Set.of());
    }

    /** The same participant, prescribed these substances. */
    public ParticipantContext withPrescribedSubstances(Set<Substance> substances) {
        return new ParticipantContext(id, programmeId, status, expectsDailyCheckIn, enrolledAt, timezone, peerMentorId,
                counsellorId, supervisorId, shareWithPeerMentor, programmeSupervisors, programmeAdmins,
                deploymentLeads, deactivatedStaff, substances);
    }

    public boolean isActive(String staffId) {
        return !deactivatedStaff.contains(staffId);
    }
}
