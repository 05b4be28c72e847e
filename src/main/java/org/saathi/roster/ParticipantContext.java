package org.saathi.roster;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.saathi.facts.Substance;

/**
 * What evaluation and alert routing need to know of a participant: their programme, whether they
 * are expected to check in and on which days if the programme says, when they enrolled, their
 * time zone, and who is assigned to them.
 *
 * @param expectsDailyCheckIn false: not expected to check in at all
 * @param timezone where their days begin and end (the programme's, unless set for them), for rules
 *        that count days such as doses missed and usual check-in days
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
        List<String> deploymentLeads, Set<String> deactivatedStaff, Set<Substance> prescribedSubstances,
        Optional<CheckInSchedule> checkInSchedule) {

    /** The time zone of the default programme, which a scenario or a replay from a file takes unless told. */
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("Asia/Kolkata");

    public ParticipantContext {
        prescribedSubstances = Set.copyOf(prescribedSubstances);
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(checkInSchedule, "checkInSchedule");
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
                supervisorId, shareWithPeerMentor, programmeSupervisors, List.of(), List.of(), Set.of(), Set.of(),
                Optional.empty());
    }

    /** With every assigned staff member active and the programme's check-in schedule, if it gave one. */
    public ParticipantContext(String id, String programmeId, ParticipantStatus status, boolean expectsDailyCheckIn,
            Instant enrolledAt, String peerMentorId, String counsellorId, Optional<String> supervisorId,
            boolean shareWithPeerMentor, List<String> programmeSupervisors, ZoneId timezone,
            Optional<CheckInSchedule> checkInSchedule) {
        this(id, programmeId, status, expectsDailyCheckIn, enrolledAt, timezone, peerMentorId, counsellorId,
                supervisorId, shareWithPeerMentor, programmeSupervisors, List.of(), List.of(), Set.of(), Set.of(),
                checkInSchedule);
    }

    /** The same participant, prescribed these substances. */
    public ParticipantContext withPrescribedSubstances(Set<Substance> substances) {
        return new ParticipantContext(id, programmeId, status, expectsDailyCheckIn, enrolledAt, timezone, peerMentorId,
                counsellorId, supervisorId, shareWithPeerMentor, programmeSupervisors, programmeAdmins,
                deploymentLeads, deactivatedStaff, substances, checkInSchedule);
    }

    public boolean isActive(String staffId) {
        return !deactivatedStaff.contains(staffId);
    }
}
