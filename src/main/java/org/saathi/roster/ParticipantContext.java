package org.saathi.roster;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What evaluation and alert routing need to know of a participant: their programme, whether they
 * are expected to check in and on which days if the programme says, when they enrolled, and who is
 * assigned to them.
 *
 * @param expectsDailyCheckIn false: not expected to check in at all
 * @param timezone the programme's, whose calendar days check-in days are counted in
 * @param checkInSchedule the days the programme expects a check-in, where it says
 * @param programmeSupervisors every active supervisor of the programme, for escalations past the assigned one
 * @param programmeAdmins every active admin of the programme, asked when no active staff member would be
 * @param deploymentLeads every active supervisor and admin of the deployment, asked when the programme has
 *        neither an active supervisor nor an active admin
 * @param deactivatedStaff those of the assigned staff who are deactivated, and so are not told
 */
public record ParticipantContext(String id, String programmeId, ParticipantStatus status, boolean expectsDailyCheckIn,
        Instant enrolledAt, String peerMentorId, String counsellorId, Optional<String> supervisorId,
        boolean shareWithPeerMentor, List<String> programmeSupervisors, List<String> programmeAdmins,
        List<String> deploymentLeads, Set<String> deactivatedStaff, ZoneId timezone,
        Optional<CheckInSchedule> checkInSchedule) {

    /** The time zone of the default programme, which a scenario or a replay from a file takes unless told. */
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("Asia/Kolkata");

    public ParticipantContext {
        Objects.requireNonNull(timezone, "timezone");
        Objects.requireNonNull(checkInSchedule, "checkInSchedule");
        programmeSupervisors = List.copyOf(programmeSupervisors);
        programmeAdmins = List.copyOf(programmeAdmins);
        deploymentLeads = List.copyOf(deploymentLeads);
        deactivatedStaff = Set.copyOf(deactivatedStaff);
    }

    /** With every assigned staff member active, as a replay or a scenario has it. */
    public ParticipantContext(String id, String programmeId, ParticipantStatus status, boolean expectsDailyCheckIn,
            Instant enrolledAt, String peerMentorId, String counsellorId, Optional<String> supervisorId,
            boolean shareWithPeerMentor, List<String> programmeSupervisors, ZoneId timezone,
            Optional<CheckInSchedule> checkInSchedule) {
        this(id, programmeId, status, expectsDailyCheckIn, enrolledAt, peerMentorId, counsellorId, supervisorId,
                shareWithPeerMentor, programmeSupervisors, List.of(), List.of(), Set.of(), timezone, checkInSchedule);
    }

    public boolean isActive(String staffId) {
        return !deactivatedStaff.contains(staffId);
    }
}
