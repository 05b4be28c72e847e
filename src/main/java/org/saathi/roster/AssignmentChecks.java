package org.saathi.roster;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.saathi.api.ApiProblem;
import org.saathi.api.FieldProblem;
import org.saathi.security.Caller;
import org.saathi.security.StaffRole;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a participant's assignments match the roster: each names an active staff member with the
 * matching role, and the groups exist. An integration key keeps within the participant's programme:
 * its staff and groups only, so that a key cannot hand a participant to another programme's staff.
 */
@Component
class AssignmentChecks {

    private final StaffStore staff;
    private final ParticipantStore participants;
    private final JdbcClient jdbc;

    AssignmentChecks(StaffStore staff, ParticipantStore participants, JdbcClient jdbc) {
        this.staff = staff;
        this.participants = participants;
        this.jdbc = jdbc;
    }

    /** All mismatches at once, as one 422 naming each field. */
    void check(Caller caller, Participant wanted, Optional<Participant> before) {
        List<FieldProblem> problems = new ArrayList<>();
        check(problems, caller, wanted, "peerMentorId", wanted.peerMentorId(),
                before.map(Participant::peerMentorId), StaffRole.PEER_MENTOR);
        check(problems, caller, wanted, "counsellorId", wanted.counsellorId(),
                before.map(Participant::counsellorId), StaffRole.COUNSELLOR);
        if (wanted.supervisorId() != null) {
            check(problems, caller, wanted, "supervisorId", wanted.supervisorId(),
                    before.map(Participant::supervisorId), StaffRole.SUPERVISOR);
        }
        Set<String> groups = wanted.groupIds();
        for (String unknown : participants.unknownGroups(groups)) {
            problems.add(new FieldProblem("groupIds", "no group " + unknown));
        }
        if (!caller.isStaff()) {
            // Told as unknown, so that a key learns nothing of another programme's groups.
            for (String elsewhere : groupsOutside(groups, wanted.programmeId())) {
                problems.add(new FieldProblem("groupIds", "no group " + elsewhere));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.unprocessable("invalid-assignment", "Invalid assignment",
                    "The participant's assignments do not match the roster.", problems);
        }
    }

    private void check(List<FieldProblem> problems, Caller caller, Participant wanted, String field, String staffId,
            Optional<String> before, StaffRole role) {
        Optional<StaffStore.StaffRow> member = staff.findForShare(staffId);
        if (member.isEmpty() || !caller.isStaff() && !member.get().programmeId().equals(wanted.programmeId())) {
            problems.add(new FieldProblem(field, caller.isStaff() ? "no staff member " + staffId
                    : "no staff member " + staffId + " in programme " + wanted.programmeId()));
        } else if (!member.get().roles().contains(role)) {
            problems.add(new FieldProblem(field, "staff member " + staffId + " is not a " + role));
        } else if (!member.get().active() && !before.filter(staffId::equals).isPresent()) {
            // One already assigned stays until reassigned, so that other changes to the participant still save.
            problems.add(new FieldProblem(field, "staff member " + staffId + " is deactivated"));
        }
    }

    private Set<String> groupsOutside(Set<String> groupIds, String programmeId) {
        if (groupIds.isEmpty()) {
            return Set.of();
        }
        return jdbc.sql("SELECT id FROM therapy_group WHERE id IN (:ids) AND programme_id <> :programme ORDER BY id")
                .param("ids", groupIds).param("programme", programmeId).query(String.class).set();
    }
}
