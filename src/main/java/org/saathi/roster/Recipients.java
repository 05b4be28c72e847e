package org.saathi.roster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.saathi.facts.Role;

/**
 * Turns the roles an escalation action names into people, through the participant's assignments.
 * Without consent to share with the peer mentor, the counsellor is asked instead, and the alert
 * says so. A deactivated staff member is never asked: the next role up takes their place (the
 * counsellor for a peer mentor, the supervisors for a counsellor or a supervisor), and the alert
 * says that too. A person named for two reasons is asked once, with both reasons. An alert never
 * reaches nobody: when nobody active is left to ask, the programme's admins are asked, and without
 * one every supervisor and admin of the deployment.
 */
public final class Recipients {

    static final String NO_CONSENT = "substitute for the peer mentor: the participant has not consented "
            + "to share with their peer mentor";
    static final String MENTOR_DEACTIVATED = "substitute for the peer mentor, who is deactivated";
    static final String COUNSELLOR_DEACTIVATED = "substitute for the counsellor, who is deactivated";
    static final String SUPERVISOR_DEACTIVATED = "programme supervisor (the assigned supervisor is deactivated)";
    static final String NO_ACTIVE_STAFF = "no active staff assigned";
    static final String NO_PROGRAMME_ADMIN = NO_ACTIVE_STAFF + ", and the programme has no active supervisor "
            + "or admin: every supervisor and admin of the deployment";

    private Recipients() {
    }

    public static List<Recipient> resolve(List<Role> roles, ParticipantContext participant) {
        Map<String, Recipient> byStaff = new LinkedHashMap<>();
        for (Role role : roles) {
            for (Recipient recipient : forRole(role, participant)) {
                byStaff.merge(recipient.staffId(), recipient, (first, second) -> new Recipient(first.staffId(),
                        first.role(), first.reason() + "; " + second.reason()));
            }
        }
        List<Recipient> active = byStaff.values().stream().filter(r -> participant.isActive(r.staffId())).toList();
        return !active.isEmpty() ? active : admins(participant);
    }

    /** Whether these recipients are the admins asked because nobody active was left to ask. */
    public static boolean nobodyActiveWasLeft(List<Recipient> recipients) {
        return recipients.stream().anyMatch(r -> r.reason().startsWith(NO_ACTIVE_STAFF));
    }

    private static List<Recipient> admins(ParticipantContext participant) {
        boolean inProgramme = !participant.programmeAdmins().isEmpty();
        List<String> admins = inProgramme ? participant.programmeAdmins() : participant.deploymentLeads();
        String reason = inProgramme ? NO_ACTIVE_STAFF : NO_PROGRAMME_ADMIN;
        return admins.stream().map(admin -> new Recipient(admin, Role.ADMIN, reason)).toList();
    }

    private static List<Recipient> forRole(Role role, ParticipantContext participant) {
        return switch (role) {
            case PEER_MENTOR -> !participant.shareWithPeerMentor() ? counsellor(participant, NO_CONSENT)
                    : participant.isActive(participant.peerMentorId())
                    ? List.of(new Recipient(participant.peerMentorId(), Role.PEER_MENTOR, "assigned peer mentor"))
                    : counsellor(participant, MENTOR_DEACTIVATED);
            case COUNSELLOR -> counsellor(participant, "assigned counsellor");
            case SUPERVISOR -> supervisor(participant, "assigned supervisor", "programme supervisor (none assigned)");
            case ALL_SUPERVISORS -> programmeSupervisors(participant, "every supervisor of the programme");
            case ADMIN -> admins(participant);
        };
    }

    /** The counsellor, or when they are deactivated, the supervisors in their place. */
    private static List<Recipient> counsellor(ParticipantContext participant, String reason) {
        return participant.isActive(participant.counsellorId())
                ? List.of(new Recipient(participant.counsellorId(), Role.COUNSELLOR, reason))
                : supervisor(participant, COUNSELLOR_DEACTIVATED, COUNSELLOR_DEACTIVATED);
    }

    /** The assigned supervisor if active, otherwise every active supervisor of the programme. */
    private static List<Recipient> supervisor(ParticipantContext participant, String assigned, String programme) {
        return participant.supervisorId()
                .map(supervisor -> participant.isActive(supervisor)
                        ? List.of(new Recipient(supervisor, Role.SUPERVISOR, assigned))
                        : programmeSupervisors(participant, assigned.equals(COUNSELLOR_DEACTIVATED)
                                ? COUNSELLOR_DEACTIVATED : SUPERVISOR_DEACTIVATED))
                .orElseGet(() -> programmeSupervisors(participant, programme));
    }

    private static List<Recipient> programmeSupervisors(ParticipantContext participant, String reason) {
        List<Recipient> recipients = new ArrayList<>();
        participant.programmeSupervisors().forEach(supervisor -> recipients.add(
                new Recipient(supervisor, Role.SUPERVISOR, reason)));
        return recipients;
    }
}
