package org.saathi.alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.saathi.facts.Role;
import org.saathi.roster.ParticipantContext;

/**
 * Turns the roles an escalation action names into people, through the participant's assignments.
 * Without consent to share with the peer mentor, the counsellor is asked instead, and the alert
 * says so. A person named for two reasons is asked once, with both reasons.
 */
public final class Recipients {

    static final String NO_CONSENT = "substitute for the peer mentor: the participant has not consented "
            + "to share with their peer mentor";

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
        return List.copyOf(byStaff.values());
    }

    private static List<Recipient> forRole(Role role, ParticipantContext participant) {
        List<Recipient> recipients = new ArrayList<>();
        switch (role) {
            case PEER_MENTOR -> recipients.add(participant.shareWithPeerMentor()
                    ? new Recipient(participant.peerMentorId(), Role.PEER_MENTOR, "assigned peer mentor")
                    : new Recipient(participant.counsellorId(), Role.COUNSELLOR, NO_CONSENT));
            case COUNSELLOR -> recipients.add(
                    new Recipient(participant.counsellorId(), Role.COUNSELLOR, "assigned counsellor"));
            case SUPERVISOR -> participant.supervisorId().ifPresentOrElse(
                    supervisor -> recipients.add(new Recipient(supervisor, Role.SUPERVISOR, "assigned supervisor")),
                    () -> participant.programmeSupervisors().forEach(supervisor -> recipients.add(new Recipient(
                            supervisor, Role.SUPERVISOR, "programme supervisor (none assigned)"))));
            case ALL_SUPERVISORS -> participant.programmeSupervisors().forEach(supervisor -> recipients.add(
                    new Recipient(supervisor, Role.SUPERVISOR, "every supervisor of the programme")));
        }
        return recipients;
    }
}
